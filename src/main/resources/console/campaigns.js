// WhatsApp campaigns for operators: the list with live progress (the operator API, polled), a new
// campaign's form with its dry run (reach, why others are left out, sample messages, duration),
// and start / stop / resume / cancel.
(function () {
  const { t, el, when } = window.Console;
  const csrfHeader = document.querySelector('meta[name=csrf-header]').content;
  const csrfToken = document.querySelector('meta[name=csrf-token]').content;
  const API = '/api/operator/campaigns';
  const ACTIONS = { draft: ['start', 'cancel'], running: ['stop', 'cancel'], stopped: ['resume', 'cancel'] };
  let campaigns = [];
  let selected = null;

  async function call(method, url, body) {
    const answer = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest', [csrfHeader]: csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (answer.status === 401) { location.href = '/login'; return { ok: false, status: 401, result: {} }; }
    const result = await answer.json().catch(() => ({}));
    return { ok: answer.ok, status: answer.status, result };
  }

  const value = (id) => document.getElementById(id).value.trim();
  const number = (id) => (value(id) === '' ? undefined : Number(value(id)));
  const list = (id) => value(id).split(',').map((s) => s.trim()).filter((s) => s);
  function pairs(id, asNumber) {
    const out = {};
    value(id).split('\n').map((l) => l.trim()).filter((l) => l).forEach((l) => {
      const at = l.indexOf('=');
      if (at > 0) out[l.slice(0, at).trim()] = asNumber ? Number(l.slice(at + 1).trim()) : l.slice(at + 1).trim();
    });
    return out;
  }

  function definition() {
    const startAt = value('f-startAt');
    const quietFrom = value('f-quietFrom');
    const quietTo = value('f-quietTo');
    return {
      name: value('f-name'),
      segment: {
        orderedWithinDays: number('f-orderedWithinDays'),
        notOrderedForDays: number('f-notOrderedForDays'),
        minOrders: number('f-minOrders'),
        favouriteCategory: value('f-favouriteCategory') || undefined,
        cepPrefixes: list('f-cepPrefixes'),
        neighbourhoods: list('f-neighbourhoods'),
      },
      template: {
        contentSid: value('f-contentSid'),
        text: value('f-text') || undefined,
        variables: pairs('f-variables', false),
        maxLengths: pairs('f-maxLengths', true),
      },
      schedule: {
        startAt: startAt ? new Date(startAt).toISOString() : undefined,
        quietFrom: quietFrom || undefined,
        quietTo: quietTo || undefined,
      },
      ratePerMinute: number('f-rate'),
      personalise: document.getElementById('f-personalise').checked,
    };
  }

  function showError(target, answer) {
    target.className = 'error';
    target.textContent = t('cmp.refused') + (answer.result.error || answer.status);
  }

  async function dryRun() {
    const target = document.getElementById('form-result');
    const answer = await call('POST', API + '/dry-run', definition());
    const box = document.getElementById('dry-run-result');
    if (!answer.ok) { showError(target, answer); box.classList.add('hidden'); return; }
    target.className = 'muted';
    target.textContent = '';
    const r = answer.result;
    box.replaceChildren(
      el('p', { id: 'dry-run-reach', text: t('cmp.reach') + r.targeted }),
      el('p', { class: 'muted', text: t('cmp.skipped') + Object.entries(r.skipped).map(([k, n]) => t('cmp.skip.' + k) + ': ' + n).join(' · ') }),
      el('p', { class: 'muted', text: t('cmp.duration') + when(r.startsAt) + ' → ' + when(r.finishesAt) }),
      el('h3', { text: t('cmp.sample') }),
      el('ul', { class: 'samples' }, r.sample.map((s) => el('li', { class: 'msg out' },
        el('span', { text: s.text || Object.entries(s.variables).map(([k, v]) => '{{' + k + '}} = ' + v).join(' · ') }),
        el('span', { class: 'tag', text: s.customer + (s.personalisation ? ' · ' + s.personalisation : '') }))))
    );
    box.classList.remove('hidden');
  }

  async function create(event) {
    event.preventDefault();
    const answer = await call('POST', API, definition());
    if (!answer.ok) { showError(document.getElementById('form-result'), answer); return; }
    document.getElementById('campaign-form').reset();
    document.getElementById('dry-run-result').classList.add('hidden');
    await refresh();
    select(answer.result.id);
  }

  async function move(action) {
    const answer = await call('POST', API + '/' + encodeURIComponent(selected) + '/' + action);
    const target = document.getElementById('campaign-result');
    if (!answer.ok) showError(target, answer); else { target.className = 'muted'; target.textContent = ''; }
    await refresh();
  }

  const sentSoFar = (c) => ['sent', 'delivered', 'read'].reduce((n, k) => n + (c.recipients[k] || 0), 0);

  function renderList() {
    document.getElementById('campaigns-empty').classList.toggle('hidden', campaigns.length > 0);
    document.getElementById('campaigns').replaceChildren(...campaigns.map((c) => el('li', {
      class: c.id === selected ? 'selected' : '',
      'data-campaign': c.id,
      onclick: () => select(c.id),
    },
    el('strong', { text: c.name }),
    el('div', { class: 'muted', text: t('cmp.state.' + c.status) + ' · ' + sentSoFar(c) + ' / ' + c.targeted }),
    el('progress', { max: String(Math.max(1, c.targeted)), value: String(sentSoFar(c)) }))));
  }

  function renderSelected() {
    const c = campaigns.find((x) => x.id === selected);
    document.getElementById('campaign').classList.toggle('hidden', !c);
    document.getElementById('pick').classList.toggle('hidden', !!c || !document.getElementById('campaign-form').classList.contains('hidden'));
    if (!c) return;
    document.getElementById('campaign-name').textContent = c.name;
    document.getElementById('campaign-status').textContent = t('cmp.state.' + c.status);
    // The buttons stay put while the campaign's state does (a refresh must not pull one from under a click).
    const actions = document.getElementById('campaign-actions');
    if (actions.dataset.for !== c.id + ':' + c.status) {
      actions.dataset.for = c.id + ':' + c.status;
      actions.replaceChildren(...(ACTIONS[c.status] || []).map((a) =>
        el('button', { type: 'button', 'data-action': a, class: a === 'start' || a === 'resume' ? 'primary' : '', text: t('cmp.action.' + a), onclick: () => move(a) })));
    }
    const rows = [['cmp.targeted', c.targeted]]
      .concat(Object.entries(c.recipients).map(([k, n]) => ['cmp.recipients.' + k, n]))
      .concat(Object.entries(c.skipped).map(([k, n]) => ['cmp.skip.' + k, n, t('cmp.skipped') + t('cmp.skip.' + k)]))
      .concat([['cmp.replied', c.results.replied], ['cmp.orders', c.results.orders],
        ['cmp.value', 'R$ ' + (c.results.orderValueCents / 100).toFixed(2).replace('.', ',')]]);
    document.getElementById('campaign-counts').replaceChildren(...rows.map(([k, n, label]) =>
      el('tr', { 'data-count': k }, el('th', { text: label || t(k) }), el('td', { text: String(n) }))));
    document.getElementById('campaign-csv').href = API + '/' + encodeURIComponent(c.id) + '/recipients.csv';
  }

  function select(id) {
    selected = id;
    document.getElementById('campaign-form').classList.add('hidden');
    renderList();
    renderSelected();
  }

  async function refresh() {
    const answer = await call('GET', API);
    if (!answer.ok) return;
    campaigns = answer.result;
    renderList();
    renderSelected();
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('new-campaign').onclick = () => {
      selected = null;
      document.getElementById('campaign-form').classList.remove('hidden');
      renderList();
      renderSelected();
    };
    document.getElementById('dry-run').onclick = dryRun;
    document.getElementById('campaign-form').addEventListener('submit', create);
    refresh();
    setInterval(refresh, 5000);
  });
})();
