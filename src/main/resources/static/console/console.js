// Shared by the web console's pages: language (pt-BR by default, English available), texts, and
// small helpers. No build step, no library: plain browser JavaScript.
(function () {
  const TEXTS = {
    'pt-BR': {
      'lang.other': 'English',
      'login.title': 'Entrar', 'login.username': 'Usuário', 'login.password': 'Senha',
      'login.submit': 'Entrar', 'login.error': 'Usuário ou senha incorretos.', 'login.logout': 'Você saiu.',
      'sim.title': 'Simulador de canais', 'sim.new': 'Novo cliente', 'sim.channel': 'Canal',
      'sim.name': 'Nome', 'sim.id.whatsapp': 'Telefone (E.164)', 'sim.id.meta': 'ID do cliente (PSID/IGSID)',
      'sim.open': 'Abrir conversa', 'sim.send': 'Enviar', 'sim.type': 'Digite uma mensagem',
      'sim.none': 'Abra uma conversa para começar.', 'sim.order': 'Último pedido', 'sim.noorder': 'Nenhum pedido ainda.',
      'sim.pay': 'Pagar (sandbox)', 'sim.checkout': 'Abrir checkout', 'sim.pos': 'Como o PDV:',
      'sim.list.open': 'Ver opções', 'sim.copy': 'Copiar', 'sim.sent.failed': 'O webhook recusou: ',
      'sim.hint': 'Cada ação passa pelo webhook público do app, assinada como a plataforma assina.',
      'status.confirmed': 'Confirmado', 'status.accepted': 'Aceito', 'status.preparing': 'Em preparo', 'status.out_for_delivery': 'Saiu para entrega',
      'status.ready_for_pickup': 'Pronto para retirada', 'status.delivered': 'Entregue', 'status.cancelled': 'Cancelado',
      'inbox.title': 'Atendimento', 'inbox.waiting': 'Aguardando atendimento', 'inbox.empty': 'Ninguém aguardando.',
      'inbox.pick': 'Escolha uma conversa.', 'inbox.reply': 'Responder como atendente', 'inbox.send': 'Enviar',
      'inbox.handback': 'Devolver ao robô', 'inbox.logout': 'Sair', 'inbox.alert': 'Cliente pedindo atendimento: ',
      'inbox.waited': 'aguardando há ', 'inbox.answered': 'em atendimento', 'inbox.window.open': 'Janela aberta até ',
      'inbox.window.agent': 'atendente até ', 'inbox.window.human_agent': 'Só atendente humano até ', 'inbox.ended': 'Sessão encerrada: entre de novo.',
      'inbox.window.closed': 'Janela fechada: a plataforma não aceita resposta', 'inbox.refused': 'Recusado: ',
      'inbox.refused.OUTSIDE_WINDOW': 'a plataforma só aceita resposta até 24 horas depois da última mensagem do cliente.',
      'inbox.refused.HUMAN_AGENT_EXPIRED': 'a plataforma só aceita resposta de atendente até 7 dias depois da última mensagem do cliente.',
      'inbox.sent': 'Enviado.', 'inbox.handedback': 'Conversa devolvida ao robô.',
      'inbox.customer': 'Cliente', 'inbox.bot': 'Robô', 'inbox.agent': 'Atendente',
      'cmp.title': 'Campanhas de WhatsApp', 'cmp.list': 'Campanhas', 'cmp.new': 'Nova campanha', 'cmp.empty': 'Nenhuma campanha ainda.',
      'cmp.pick': 'Escolha uma campanha ou crie uma nova.', 'cmp.name': 'Nome',
      'cmp.segment': 'Quem recebe (só clientes que aceitam marketing no WhatsApp)', 'cmp.orderedWithinDays': 'Pediu nos últimos (dias)',
      'cmp.notOrderedForDays': 'Não pede há pelo menos (dias)', 'cmp.minOrders': 'Pedidos, no mínimo',
      'cmp.favouriteCategory': 'Categoria preferida (id do cardápio)', 'cmp.cepPrefixes': 'Início do CEP (separados por vírgula)',
      'cmp.neighbourhoods': 'Bairros (separados por vírgula)', 'cmp.template': 'Modelo aprovado (Twilio Content API)',
      'cmp.text': 'Texto aprovado, com {{1}}, {{2}}…', 'cmp.variables': 'Valores padrão, um por linha (1=amigo)',
      'cmp.maxLengths': 'Tamanho máximo, um por linha (1=20)', 'cmp.personalise': 'Personalizar com IA (Claude)',
      'cmp.schedule': 'Quando', 'cmp.startAt': 'Início (vazio: ao iniciar)', 'cmp.quiet': 'Horário de silêncio (horário do restaurante)',
      'cmp.rate': 'Mensagens por minuto', 'cmp.dryRun': 'Simular (não envia)', 'cmp.create': 'Criar rascunho',
      'cmp.status': 'Situação', 'cmp.csv': 'Baixar destinatários (CSV)', 'cmp.refused': 'Recusado: ',
      'cmp.reach': 'Clientes alcançados: ', 'cmp.skipped': 'Deixados de fora: ', 'cmp.duration': 'Envio: ', 'cmp.sample': 'Exemplos',
      'cmp.skip.no_consent': 'sem consentimento', 'cmp.skip.no_phone': 'sem telefone', 'cmp.skip.segment': 'fora do segmento',
      'cmp.state.draft': 'Rascunho', 'cmp.state.running': 'Enviando', 'cmp.state.stopped': 'Pausada', 'cmp.state.finished': 'Concluída', 'cmp.state.cancelled': 'Cancelada',
      'cmp.action.start': 'Iniciar', 'cmp.action.stop': 'Pausar', 'cmp.action.resume': 'Retomar', 'cmp.action.cancel': 'Cancelar',
      'cmp.targeted': 'Alcançados', 'cmp.replied': 'Responderam', 'cmp.orders': 'Pedidos atribuídos', 'cmp.value': 'Valor dos pedidos',
      'cmp.recipients.pending': 'Aguardando', 'cmp.recipients.queued': 'Na fila', 'cmp.recipients.sending': 'Enviando',
      'cmp.recipients.sent': 'Enviadas', 'cmp.recipients.delivered': 'Entregues', 'cmp.recipients.read': 'Lidas',
      'cmp.recipients.failed': 'Falharam', 'cmp.recipients.opted_out': 'Saíram da lista', 'cmp.recipients.skipped': 'Puladas',
      'cmp.recipients.unknown': 'Sem resposta do Twilio',
    },
    en: {
      'lang.other': 'Português',
      'login.title': 'Sign in', 'login.username': 'Username', 'login.password': 'Password',
      'login.submit': 'Sign in', 'login.error': 'Wrong username or password.', 'login.logout': 'You have signed out.',
      'sim.title': 'Channel simulator', 'sim.new': 'New customer', 'sim.channel': 'Channel',
      'sim.name': 'Name', 'sim.id.whatsapp': 'Phone (E.164)', 'sim.id.meta': 'Customer id (PSID/IGSID)',
      'sim.open': 'Open conversation', 'sim.send': 'Send', 'sim.type': 'Type a message',
      'sim.none': 'Open a conversation to start.', 'sim.order': 'Latest order', 'sim.noorder': 'No order yet.',
      'sim.pay': 'Pay (sandbox)', 'sim.checkout': 'Open checkout', 'sim.pos': 'As the POS:',
      'sim.list.open': 'See options', 'sim.copy': 'Copy', 'sim.sent.failed': 'The webhook refused: ',
      'sim.hint': "Every action goes through the app's public webhook, signed as the platform signs it.",
      'status.confirmed': 'Confirmed', 'status.accepted': 'Accepted', 'status.preparing': 'Preparing', 'status.out_for_delivery': 'Out for delivery',
      'status.ready_for_pickup': 'Ready for pickup', 'status.delivered': 'Delivered', 'status.cancelled': 'Cancelled',
      'inbox.title': 'Agent inbox', 'inbox.waiting': 'Waiting for a person', 'inbox.empty': 'Nobody is waiting.',
      'inbox.pick': 'Pick a conversation.', 'inbox.reply': 'Reply as an agent', 'inbox.send': 'Send',
      'inbox.handback': 'Hand back to the bot', 'inbox.logout': 'Sign out', 'inbox.alert': 'A customer asks for a person: ',
      'inbox.waited': 'waiting for ', 'inbox.answered': 'being answered', 'inbox.window.open': 'Window open until ',
      'inbox.window.agent': 'an agent until ', 'inbox.window.human_agent': 'Human agent only until ', 'inbox.ended': 'Session ended: sign in again.',
      'inbox.window.closed': 'Window closed: the platform takes no reply', 'inbox.refused': 'Refused: ',
      'inbox.refused.OUTSIDE_WINDOW': "the platform takes a reply only within 24 hours of the customer's last message.",
      'inbox.refused.HUMAN_AGENT_EXPIRED': "the platform takes an agent's reply only within 7 days of the customer's last message.",
      'inbox.sent': 'Sent.', 'inbox.handedback': 'Handed back to the bot.',
      'inbox.customer': 'Customer', 'inbox.bot': 'Bot', 'inbox.agent': 'Agent',
      'cmp.title': 'WhatsApp campaigns', 'cmp.list': 'Campaigns', 'cmp.new': 'New campaign', 'cmp.empty': 'No campaign yet.',
      'cmp.pick': 'Pick a campaign or create one.', 'cmp.name': 'Name',
      'cmp.segment': 'Who gets it (only customers who allow marketing on WhatsApp)', 'cmp.orderedWithinDays': 'Ordered within (days)',
      'cmp.notOrderedForDays': 'Not ordered for at least (days)', 'cmp.minOrders': 'Orders, at least',
      'cmp.favouriteCategory': 'Favourite category (menu id)', 'cmp.cepPrefixes': 'CEP starts with (comma-separated)',
      'cmp.neighbourhoods': 'Neighbourhoods (comma-separated)', 'cmp.template': 'Approved template (Twilio Content API)',
      'cmp.text': 'Approved text, with {{1}}, {{2}}…', 'cmp.variables': 'Default values, one per line (1=friend)',
      'cmp.maxLengths': 'Longest value, one per line (1=20)', 'cmp.personalise': 'Personalise with AI (Claude)',
      'cmp.schedule': 'When', 'cmp.startAt': 'Start (empty: when started)', 'cmp.quiet': "Quiet hours (restaurant's time)",
      'cmp.rate': 'Messages per minute', 'cmp.dryRun': 'Dry run (sends nothing)', 'cmp.create': 'Create draft',
      'cmp.status': 'Status', 'cmp.csv': 'Download recipients (CSV)', 'cmp.refused': 'Refused: ',
      'cmp.reach': 'Customers reached: ', 'cmp.skipped': 'Left out: ', 'cmp.duration': 'Sending: ', 'cmp.sample': 'Samples',
      'cmp.skip.no_consent': 'no consent', 'cmp.skip.no_phone': 'no phone', 'cmp.skip.segment': 'outside the segment',
      'cmp.state.draft': 'Draft', 'cmp.state.running': 'Sending', 'cmp.state.stopped': 'Stopped', 'cmp.state.finished': 'Finished', 'cmp.state.cancelled': 'Cancelled',
      'cmp.action.start': 'Start', 'cmp.action.stop': 'Stop', 'cmp.action.resume': 'Resume', 'cmp.action.cancel': 'Cancel',
      'cmp.targeted': 'Targeted', 'cmp.replied': 'Replied', 'cmp.orders': 'Attributed orders', 'cmp.value': 'Order value',
      'cmp.recipients.pending': 'Pending', 'cmp.recipients.queued': 'Queued', 'cmp.recipients.sending': 'Sending',
      'cmp.recipients.sent': 'Sent', 'cmp.recipients.delivered': 'Delivered', 'cmp.recipients.read': 'Read',
      'cmp.recipients.failed': 'Failed', 'cmp.recipients.opted_out': 'Opted out', 'cmp.recipients.skipped': 'Skipped',
      'cmp.recipients.unknown': 'No answer from Twilio',
    },
  };

  function language() {
    const asked = new URLSearchParams(location.search).get('lang');
    if (asked && TEXTS[asked]) { localStorage.setItem('console.lang', asked); return asked; }
    const kept = localStorage.getItem('console.lang');
    if (kept && TEXTS[kept]) return kept;
    for (const l of navigator.languages || [navigator.language]) {
      if (l && l.toLowerCase().startsWith('pt')) return 'pt-BR';
      if (l && l.toLowerCase().startsWith('en')) return 'en';
    }
    return 'pt-BR';
  }

  const lang = language();
  const t = (key) => (TEXTS[lang] && TEXTS[lang][key]) || TEXTS['pt-BR'][key] || key;

  function apply(root) {
    document.documentElement.lang = lang;
    (root || document).querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    (root || document).querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    const toggle = document.getElementById('lang-toggle');
    if (toggle) {
      toggle.textContent = t('lang.other');
      toggle.onclick = () => {
        localStorage.setItem('console.lang', lang === 'en' ? 'pt-BR' : 'en');
        const url = new URL(location.href); url.searchParams.delete('lang'); location.href = url.toString();
      };
    }
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null) return;
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => { if (c !== null && c !== undefined) node.append(c); });
    return node;
  }

  function duration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min';
    if (s < 172800) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
    return Math.floor(s / 86400) + ' d';
  }

  const when = (iso) => new Date(iso).toLocaleString(lang);

  window.Console = { lang, t, apply, el, duration, when };
  document.addEventListener('DOMContentLoaded', () => {
    apply();
    // The login page: why the person is back on it.
    const query = new URLSearchParams(location.search);
    const error = document.getElementById('login-error');
    if (error) error.classList.toggle('hidden', !query.has('error'));
    const logout = document.getElementById('login-logout');
    if (logout) logout.classList.toggle('hidden', !query.has('logout'));
  });
})();
