// The agent inbox: conversations waiting for a person (live, server-sent events), their history, a
// reply box (refused with the platform's reason when its window forbids it) and the hand-back.
(function () {
  const { t, el, duration, when } = window.Console;
  const csrfHeader = document.querySelector('meta[name=csrf-header]').content;
  const csrfToken = document.querySelector('meta[name=csrf-token]').content;
  const CHANNELS = { whatsapp: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram' };
  let waiting = [];
  let known = null;
  let selected = null;
  let shownEntry = -1;

  // Meta does not send names: a customer without one is shown by their id on the platform.
  const who = (w) => w.customerName || w.conversationId.split(':').pop();
  const path = (id) => '/api/agent/conversations/' + encodeURIComponent(id);

  async function call(url, body) {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest', [csrfHeader]: csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const result = await answer.json().catch(() => ({}));
    return { ok: answer.ok, status: answer.status, result };
  }

  // Why the platform would not take it, in the page's language when the reason is a known one.
  function refusal(answer) {
    const known = answer.result.code && t('inbox.refused.' + answer.result.code);
    const text = known && known !== 'inbox.refused.' + answer.result.code ? known : answer.result.error || answer.status;
    return t('inbox.refused') + text;
  }

  // One audio context, made and resumed on the agent's first click or key (browsers keep sound
  // off until the person has interacted with the page), reused for every alert.
  let audio = null;
  function unlockAudio() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      audio.resume();
    } catch (e) { /* no audio here */ }
  }

  function beep() {
    if (!audio) return;
    audio.resume().then(() => {
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    }).catch(() => { /* no audio here */ });
  }

  function alertFor(arrivals) {
    const banner = document.getElementById('alert');
    banner.textContent = t('inbox.alert') + arrivals.map((w) => who(w) + ' (' + CHANNELS[w.channel] + ')').join(', ');
    banner.classList.remove('hidden');
    beep();
  }

  function windowText(w) {
    if (w.window === 'closed') return t('inbox.window.closed');
    if (w.window === 'human_agent') return t('inbox.window.human_agent') + when(w.humanAgentUntil);
    return t('inbox.window.open') + when(w.standardUntil) + (w.humanAgentUntil ? ' · ' + t('inbox.window.agent') + when(w.humanAgentUntil) : '');
  }

  const state = (w) => w.status === 'waiting' ? t('inbox.waited') + duration(Date.now() - Date.parse(w.waitingSince)) : t('inbox.answered');

  function renderList() {
    document.getElementById('inbox-empty').classList.toggle('hidden', waiting.length > 0);
    const list = document.getElementById('waiting');
    list.replaceChildren(...waiting.map((w) => el('li', {
      class: w.conversationId === selected ? 'selected' : '',
      'data-conversation': w.conversationId,
      onclick: () => select(w.conversationId),
    },
    el('strong', { text: who(w) }),
    el('div', { class: 'muted', text: CHANNELS[w.channel] + ' · ' + state(w) }),
    el('div', { class: 'window ' + w.window, text: windowText(w) }))));
  }

  async function showHistory(w) {
    shownEntry = w.lastEntryId;
    const answer = await fetch(path(w.conversationId) + '/messages', { credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } });
    if (!answer.ok) return;
    const history = await answer.json();
    const box = document.getElementById('history');
    box.replaceChildren(...history.map((entry) => {
      const who = entry.direction === 'in' ? t('inbox.customer') : entry.author.startsWith('agent:') ? t('inbox.agent') + ' ' + entry.author.slice(6) : t('inbox.bot');
      return el('div', { class: 'msg ' + (entry.direction === 'in' ? 'out' : 'in') + ' entry' },
        el('span', { class: 'text', text: entry.text }),
        el('span', { class: 'tag', text: who + ' · ' + when(entry.at) }));
    }));
    box.scrollTop = box.scrollHeight;
  }

  function showConversation() {
    const w = waiting.find((x) => x.conversationId === selected);
    document.getElementById('pick').classList.toggle('hidden', !!w);
    document.getElementById('conversation').classList.toggle('hidden', !w);
    if (!w) return;
    document.getElementById('conversation-title').textContent = who(w) + ' · ' + CHANNELS[w.channel];
    const state = document.getElementById('window-state');
    state.className = 'window ' + w.window;
    state.textContent = windowText(w);
    if (w.lastEntryId !== shownEntry) showHistory(w);
  }

  function select(id) {
    selected = id;
    shownEntry = -1;
    document.getElementById('reply-result').textContent = '';
    renderList();
    showConversation();
  }

  function update(list) {
    waiting = list;
    const ids = new Set(list.map((w) => w.conversationId));
    if (known !== null) {
      const arrivals = list.filter((w) => !known.has(w.conversationId));
      if (arrivals.length) alertFor(arrivals);
    }
    known = ids;
    document.body.dataset.live = 'true';
    const count = list.filter((w) => w.status === 'waiting').length;
    document.title = (count ? '(' + count + ') ' : '') + document.title.replace(/^\(\d+\) /, '');
    if (selected && !ids.has(selected)) selected = null;
    renderList();
    showConversation();
  }

  document.addEventListener('DOMContentLoaded', () => {
    const stream = new EventSource('/api/agent/conversations/stream', { withCredentials: true });
    stream.addEventListener('waiting', (event) => update(JSON.parse(event.data)));
    // Closed for good (the session ended: the server now asks for a login): say so, then go there.
    stream.addEventListener('error', () => {
      if (stream.readyState !== EventSource.CLOSED) return;
      const banner = document.getElementById('alert');
      banner.textContent = t('inbox.ended');
      banner.classList.remove('hidden');
      document.body.dataset.live = 'false';
      setTimeout(() => location.reload(), 3000);
    });
    document.addEventListener('click', unlockAudio);
    document.addEventListener('keydown', unlockAudio);
    setInterval(renderList, 10000);
    document.getElementById('alert').addEventListener('click', (e) => e.target.classList.add('hidden'));
    document.getElementById('reply-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const input = document.getElementById('reply-text');
      if (!selected || !input.value.trim()) return;
      const sent = await call(path(selected) + '/replies', { text: input.value });
      document.getElementById('reply-result').textContent = sent.ok ? t('inbox.sent') : refusal(sent);
      if (sent.ok) input.value = '';
    });
    document.getElementById('handback').addEventListener('click', async () => {
      if (!selected) return;
      const done = await call(path(selected) + '/handback');
      document.getElementById('reply-result').textContent = done.ok ? t('inbox.handedback') : refusal(done);
    });
  });
})();
