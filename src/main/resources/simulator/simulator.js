// The channel simulator: plays customers on WhatsApp, Messenger and Instagram. Each action is posted
// to /simulator/api/messages (the server signs it as the platform would and posts it to the app's
// public webhook); the replies the sandbox recorded stream back (server-sent events) and are shown as
// each platform shows them.
(function () {
  const { t, el } = window.Console;
  const STORE = 'simulator.customers';
  let config = { contentTemplates: {} };
  const customers = new Map();
  let active = null;

  const key = (c) => c.channel + ':' + c.id;
  const randomPsid = () => '9' + String(Math.floor(Math.random() * 1e14)).padStart(14, '0');
  const randomPhone = () => '+55119' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

  function save() {
    sessionStorage.setItem(STORE, JSON.stringify([...customers.values()].map((c) => ({
      channel: c.channel, id: c.id, name: c.name, sent: c.sent,
    }))));
  }

  function suggestId() {
    const channel = document.getElementById('channel').value;
    document.getElementById('customer-id').value = channel === 'whatsapp' ? randomPhone() : randomPsid();
    const label = document.getElementById('customer-id-label');
    label.dataset.i18n = channel === 'whatsapp' ? 'sim.id.whatsapp' : 'sim.id.meta';
    label.textContent = t(label.dataset.i18n);
  }

  // WhatsApp's *bold* and _italic_, as text nodes (nothing from a reply is parsed as HTML).
  function formatted(text, channel) {
    const span = el('span', { class: 'text' });
    if (channel !== 'whatsapp') { span.textContent = text; return span; }
    const re = /\*([^*\n]+)\*|_([^_\n]+)_/g;
    let last = 0; let m;
    while ((m = re.exec(text)) !== null) {
      span.append(text.slice(last, m.index));
      span.append(m[1] !== undefined ? el('strong', { text: m[1] }) : el('em', { text: m[2] }));
      last = re.lastIndex;
    }
    span.append(text.slice(last));
    return span;
  }

  // Only web addresses: a reply is untrusted platform data, and a javascript: link must not run here.
  function safeUrl(u) {
    try {
      const url = new URL(u, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  const isPixCode = (text) => /^000201/.test(text) && text.includes('br.gov.bcb.pix');

  function bubble(c, direction, ...content) {
    const node = el('div', { class: 'msg ' + direction }, ...content);
    c.messages.append(node);
    c.messages.scrollTop = c.messages.scrollHeight;
    return node;
  }

  function textBubble(c, text, extraClass) {
    if (isPixCode(text)) {
      return bubble(c, 'out', el('div', { class: 'pix-code', text }),
        el('button', { type: 'button', class: 'copy', text: t('sim.copy'), onclick: () => navigator.clipboard && navigator.clipboard.writeText(text) }));
    }
    const node = bubble(c, 'out', formatted(text, c.channel));
    if (extraClass) node.classList.add(extraClass);
    return node;
  }

  function setChips(c, replies) {
    c.chips.replaceChildren(...(replies || []).map((r) => el('button', {
      type: 'button', class: 'chip', text: r.title,
      onclick: () => act(c, 'QUICK_REPLY', r.title, r.payload),
    })));
  }

  function renderWhatsApp(c, body) {
    if (body.ContentSid) {
      const use = (config.contentTemplates.whatsapp || {})[body.ContentSid] || '';
      const vars = JSON.parse(body.ContentVariables || '{}');
      const n = parseInt(use.replace(/^\D+-/, ''), 10);
      if (use.startsWith('quick-reply-')) {
        const buttons = [];
        for (let i = 0; i < n; i++) {
          const title = vars[String(2 + 2 * i)]; const payload = vars[String(3 + 2 * i)];
          buttons.push(el('button', { type: 'button', class: 'wa-button', text: title, onclick: () => act(c, 'BUTTON', title, payload) }));
        }
        bubble(c, 'out', formatted(vars['1'] || '', 'whatsapp'), el('div', { class: 'wa-buttons' }, buttons));
        return;
      }
      if (use.startsWith('list-picker-')) {
        const items = [];
        for (let i = 0; i < n; i++) {
          const title = vars[String(2 + 3 * i)]; const id = vars[String(3 + 3 * i)]; const description = vars[String(4 + 3 * i)];
          items.push(el('button', { type: 'button', class: 'list-item', title: description, text: title, onclick: () => act(c, 'LIST_ITEM', title, id) }));
        }
        const list = el('div', { class: 'list-items hidden' }, items);
        bubble(c, 'out', formatted(vars['1'] || '', 'whatsapp'),
          el('button', { type: 'button', class: 'wa-button list-open', text: t('sim.list.open'), onclick: () => list.classList.toggle('hidden') }), list);
        return;
      }
      bubble(c, 'out', el('span', { class: 'text', text: Object.values(vars).join(' · ') }), el('span', { class: 'tag', text: 'template ' + (use || body.ContentSid) }));
      return;
    }
    if (body.MediaUrl) {
      const media = Array.isArray(body.MediaUrl) ? body.MediaUrl : [body.MediaUrl];
      bubble(c, 'out', media.map((u) => el('img', { class: 'media', src: safeUrl(u), alt: body.Body || '' })), body.Body ? formatted(body.Body, 'whatsapp') : null);
      return;
    }
    textBubble(c, body.Body || '');
  }

  function buttonsOf(buttons) {
    return (buttons || []).map((b) => b.type === 'web_url'
      ? el('a', { href: safeUrl(b.url), target: '_blank', rel: 'noopener noreferrer', class: 'card-link', text: b.title })
      : el('button', { type: 'button', class: 'card-button', text: b.title, 'data-payload': b.payload }));
  }

  function renderMeta(c, body) {
    const message = body.message;
    if (!message) return; // sender actions (typing, seen) are not messages
    const human = body.tag === 'HUMAN_AGENT' ? el('span', { class: 'tag', text: 'HUMAN_AGENT' }) : null;
    const attachment = message.attachment;
    if (attachment && attachment.type === 'image') {
      bubble(c, 'out', el('img', { class: 'media', src: safeUrl(attachment.payload.url), alt: '' }), human);
    } else if (attachment && attachment.type === 'template' && attachment.payload.template_type === 'generic') {
      const cards = attachment.payload.elements.map((e) => el('div', { class: 'card' },
        e.image_url ? el('img', { src: safeUrl(e.image_url), alt: e.title }) : null,
        el('div', { class: 'title', text: e.title }),
        e.subtitle ? el('div', { class: 'subtitle', text: e.subtitle }) : null,
        buttonsOf(e.buttons)));
      const carousel = el('div', { class: 'carousel' }, cards);
      carousel.querySelectorAll('button.card-button').forEach((b) => b.addEventListener('click', () => act(c, 'BUTTON', b.textContent, b.dataset.payload)));
      c.messages.append(carousel);
      c.messages.scrollTop = c.messages.scrollHeight;
    } else if (attachment && attachment.type === 'template' && attachment.payload.template_type === 'button') {
      const node = bubble(c, 'out', formatted(attachment.payload.text, c.channel), el('div', { class: 'wa-buttons' }, buttonsOf(attachment.payload.buttons)), human);
      node.querySelectorAll('button.card-button').forEach((b) => b.addEventListener('click', () => act(c, 'BUTTON', b.textContent, b.dataset.payload)));
    } else if (message.text !== undefined) {
      const node = textBubble(c, message.text);
      if (human) node.append(human);
    }
    setChips(c, message.quick_replies);
  }

  function render(c, recorded) {
    if (c.seen.has(recorded.id)) return; // sent again after a reconnect
    c.seen.add(recorded.id);
    c.lastId = Math.max(c.lastId, recorded.id);
    flushSent(c, recorded.id);
    if (c.channel === 'whatsapp') renderWhatsApp(c, recorded.body);
    else renderMeta(c, recorded.body);
    refreshOrder(c);
  }

  // The customer's own messages, shown where they were sent among the replies after a reload.
  function flushSent(c, beforeId) {
    while (c.pending.length && c.pending[0].after < beforeId) {
      bubble(c, 'in', el('span', { class: 'text', text: c.pending.shift().text }));
    }
  }

  async function act(c, kind, text, payload) {
    if (!text || !text.trim()) return;
    setChips(c, []);
    bubble(c, 'in', el('span', { class: 'text', text }));
    c.sent.push({ after: c.lastId, text });
    save();
    const answer = await fetch('/simulator/api/messages', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: c.channel, kind, customerId: c.id, name: c.name, text, payload }),
    });
    if (!answer.ok) {
      const problem = await answer.json().catch(() => ({}));
      bubble(c, 'out', el('span', { class: 'error', text: t('sim.sent.failed') + (problem.error || answer.status) }));
    }
  }

  function refreshOrder(c) {
    clearTimeout(c.orderTimer);
    c.orderTimer = setTimeout(() => showOrder(c), 200);
  }

  async function showOrder(c) {
    if (c !== active) return;
    document.getElementById('order-panel').classList.remove('hidden');
    const answer = await fetch('/simulator/api/orders/latest?channel=' + c.channel + '&customer=' + encodeURIComponent(c.id));
    const found = answer.ok ? await answer.json() : null;
    if (c !== active) return; // another customer's tab was picked meanwhile
    document.getElementById('order-none').classList.toggle('hidden', !!found);
    document.getElementById('order-details').classList.toggle('hidden', !found);
    c.order = found;
    if (!found) return;
    document.getElementById('order-id').textContent = found.id;
    document.getElementById('order-status').textContent = t('status.' + found.status) === 'status.' + found.status ? found.status : t('status.' + found.status);
    document.getElementById('order-payment').textContent = found.paymentMethod + ' (' + found.paymentStatus + ')';
    document.getElementById('order-total').textContent = 'R$ ' + (found.totalCents / 100).toFixed(2).replace('.', ',');
    document.getElementById('order-checkout').href = found.checkoutUrl;
    document.getElementById('order-pay').disabled = !(found.paymentStatus === 'pending' && found.paymentMethod !== 'cash');
  }

  function select(c) {
    active = c;
    customers.forEach((other) => {
      other.tab.classList.toggle('active', other === c);
      other.chat.classList.toggle('hidden', other !== c);
    });
    document.getElementById('no-conversation').classList.toggle('hidden', customers.size > 0);
    document.getElementById('order-message').textContent = '';
    showOrder(c);
  }

  function open(channel, id, name, sent) {
    const existing = customers.get(channel + ':' + id);
    if (existing) { select(existing); return existing; }
    const label = { whatsapp: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram' }[channel];
    const c = { channel, id, name, sent: sent || [], pending: [...(sent || [])], lastId: 0, seen: new Set() };
    c.messages = el('div', { class: 'messages' });
    c.chips = el('div', { class: 'chips' });
    const input = el('input', { type: 'text', class: 'composer-input', placeholder: t('sim.type'), 'aria-label': t('sim.type') });
    const form = el('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); act(c, 'TEXT', input.value, null); input.value = ''; } },
      input, el('button', { class: 'primary send', type: 'submit', text: t('sim.send') }));
    c.chat = el('div', { class: 'chat ' + channel, 'data-customer': id },
      el('div', { class: 'head', text: label + ' · ' + name + ' (' + id + ')' }), c.messages, c.chips, form);
    c.tab = el('button', { type: 'button', class: 'tab', 'data-customer': id, text: label + ' · ' + name, onclick: () => select(c) });
    document.getElementById('tabs').append(c.tab);
    document.getElementById('conversations').append(c.chat);
    customers.set(key(c), c);
    c.stream = new EventSource('/simulator/api/stream?channel=' + channel + '&customer=' + encodeURIComponent(id));
    c.stream.addEventListener('reply', (event) => render(c, JSON.parse(event.data)));
    // Everything recorded so far has come: the customer's messages sent after it go last.
    c.stream.addEventListener('ready', () => flushSent(c, Number.MAX_SAFE_INTEGER));
    save();
    select(c);
    return c;
  }

  document.addEventListener('DOMContentLoaded', async () => {
    config = await (await fetch('/simulator/api/config')).json();
    document.getElementById('channel').addEventListener('change', suggestId);
    suggestId();
    document.getElementById('new-customer').addEventListener('submit', (e) => {
      e.preventDefault();
      const channel = document.getElementById('channel').value;
      open(channel, document.getElementById('customer-id').value.trim(), document.getElementById('customer-name').value.trim() || 'Cliente');
      suggestId();
    });
    document.getElementById('order-pay').addEventListener('click', async () => {
      if (!active || !active.order) return;
      document.getElementById('order-message').textContent = '';
      const answer = await fetch('/sandbox/payments/' + active.order.id + '/pay', { method: 'POST' });
      document.getElementById('order-message').textContent = await answer.text();
      showOrder(active);
    });
    document.querySelectorAll('#pos-actions button').forEach((b) => b.addEventListener('click', async () => {
      if (!active || !active.order) return;
      document.getElementById('order-message').textContent = '';
      const answer = await fetch('/simulator/api/orders/' + active.order.id + '/events', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status: b.dataset.status }),
      });
      const result = await answer.json().catch(() => ({}));
      document.getElementById('order-message').textContent = answer.ok ? b.textContent + ' ✓' : (result.error || answer.status);
      setTimeout(() => showOrder(active), 800);
    }));
    JSON.parse(sessionStorage.getItem(STORE) || '[]').forEach((c) => open(c.channel, c.id, c.name, c.sent));
  });
})();
