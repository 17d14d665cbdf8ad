// Advocate console: plain ES module, no build step. Every piece of user or ticket data is
// written with textContent (never as HTML), and the page's CSP forbids inline script.

const KEY_STORAGE = 'advocate-key';
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

const state = {
  key: sessionStorage.getItem(KEY_STORAGE) ?? '',
  name: '',
  tickets: new Map(),
  openId: undefined,
  open: undefined,
  stream: undefined,
  usedFaqId: undefined,
};

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(method, path, body) {
  const res = await fetch(`/api/handoff${path}`, {
    method,
    headers: { authorization: `Bearer ${state.key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json().catch(() => ({}));
  if (res.status === 401) signOut('Your key was refused.');
  if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
  return json;
}

// ---- sign in / out

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  state.key = $('signin-key').value.trim();
  await signIn();
});

$('signout').addEventListener('click', () => signOut());

async function signIn() {
  const error = $('signin-error');
  error.hidden = true;
  try {
    const session = await api('POST', '/session');
    state.name = session.name;
    sessionStorage.setItem(KEY_STORAGE, state.key);
    $('advocate-name').textContent = session.name;
    $('signin-form').hidden = true;
    $('session').hidden = false;
    $('workspace').hidden = false;
    $('kb-form').hidden = !session.knowledge;
    await loadTickets();
    connect();
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
  }
}

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  state.key = '';
  state.stream?.abort();
  $('session').hidden = true;
  $('workspace').hidden = true;
  $('signin-form').hidden = false;
  if (message) {
    $('signin-error').textContent = message;
    $('signin-error').hidden = false;
  }
}

// ---- queue

async function loadTickets() {
  const { tickets } = await api('GET', '/tickets');
  state.tickets = new Map(tickets.map((t) => [t.id, t]));
  renderQueue();
}

const waitText = (t) => {
  const seconds = t.status === 'waiting' ? Math.round((Date.now() - Date.parse(t.createdAt)) / 1000) : t.waitSeconds;
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
};

function renderQueue() {
  const list = $('ticket-list');
  const order = { waiting: 0, active: 1, followUp: 2 };
  const shown = [...state.tickets.values()]
    .filter((t) => t.status in order)
    .sort((a, b) => order[a.status] - order[b.status] || a.createdAt.localeCompare(b.createdAt));
  list.replaceChildren(
    ...shown.map((t) => {
      const row = el('li', { 'data-testid': 'ticket-row', 'data-ticket-id': t.id, 'data-status': t.status, 'aria-selected': String(t.id === state.openId) });
      const label = t.status === 'active' ? `active · ${t.advocate ?? ''}` : t.status === 'followUp' ? `email follow-up · ${t.followUpCause ?? ''}` : 'waiting';
      row.append(
        el('span', { class: 'status', 'data-testid': 'ticket-status' }, label),
        el('span', { 'data-testid': 'ticket-reason' }, t.reason),
        el('span', { 'data-testid': 'ticket-wait' }, waitText(t)),
        el('span', { 'data-testid': 'ticket-lang' }, t.lang),
        el('span', { 'data-testid': 'ticket-channel' }, t.channel),
      );
      row.addEventListener('click', () => openTicket(t.id));
      return row;
    }),
  );
  $('queue-empty').hidden = shown.length > 0;
}

setInterval(() => {
  for (const row of document.querySelectorAll('[data-testid="ticket-row"][data-status="waiting"]')) {
    const t = state.tickets.get(row.dataset.ticketId);
    if (t) row.querySelector('[data-testid="ticket-wait"]').textContent = waitText(t);
  }
}, 1000);

// ---- one conversation

async function openTicket(id) {
  state.openId = id;
  const { ticket } = await api('GET', `/tickets/${encodeURIComponent(id)}`);
  state.open = ticket;
  renderQueue();
  renderDetail();
}

function renderDetail() {
  const t = state.open;
  $('ticket-detail').hidden = !t;
  if (!t) return;
  $('ticket-title').textContent = `${t.lang.toUpperCase()} · ${t.channel} · ${t.reason}`;
  const mine = t.status === 'active' && t.advocate === state.name;
  // A follow-up can still be taken live (the user may still be there) or marked done once answered by email.
  $('accept-button').disabled = !(t.status === 'waiting' || t.status === 'followUp') || t.mode !== 'console';
  $('close-button').disabled = !mine;
  $('done-button').disabled = t.status !== 'followUp';
  $('composer-input').disabled = !mine;
  $('composer-send').disabled = !mine;

  const data = [
    ['Status', t.advocate ? `${t.status} (${t.advocate})` : t.status],
    ['Waited', waitText(t)],
    ['About', t.about ?? '—'],
    ['Email', t.email ?? '—'],
    ['Answer promised by', t.followUpBy ?? '—'],
    ['Rating', t.rating ?? '—'],
    ['Parked dialog', t.parked ? t.parked.dialogId : '—'],
    ['Collected data', t.parked ? JSON.stringify(t.parked.data, null, 2) : '—'],
  ];
  $('collected-data').replaceChildren(...data.flatMap(([label, value]) => [el('dt', {}, label), el('dd', { 'data-testid': `data-${label.toLowerCase().replace(/\s+/g, '-')}` }, String(value))]));
  const earlier = t.transcriptSummary ? [summaryNode(t.transcriptSummary)] : [];
  $('transcript').replaceChildren(...earlier, ...t.transcript.map(entryNode));
  $('transcript').lastElementChild?.scrollIntoView({ block: 'end' });
}

function entryNode(entry) {
  const who = entry.from === 'advocate' ? entry.name ?? 'advocate' : entry.from;
  const item = el('li', { 'data-testid': 'transcript-entry', 'data-from': entry.from });
  item.append(el('time', { datetime: entry.at }, new Date(entry.at).toLocaleTimeString()), el('span', { class: 'who' }, who), el('span', { class: 'text' }, entry.text));
  return item;
}

/** The oldest messages of a long conversation, kept as a summary (the store keeps the latest in full). */
function summaryNode(summary) {
  const item = el('li', { 'data-testid': 'transcript-summary', class: 'summary' });
  const span = `${new Date(summary.from).toLocaleString()} – ${new Date(summary.to).toLocaleString()}`;
  const who = `user ${summary.bySender.user}, bot ${summary.bySender.bot}, advocate ${summary.bySender.advocate}`;
  item.append(el('span', { class: 'who' }, `${summary.count} earlier messages (${who}), ${span}`), el('span', { class: 'text' }, summary.excerpt));
  return item;
}

function notice(text) {
  const node = $('detail-notice');
  node.textContent = text ?? '';
  node.hidden = !text;
}

async function act(action) {
  notice();
  try {
    const result = await action();
    if (result?.delivered === false) notice('Saved, but the user could not be reached.');
  } catch (err) {
    notice(err.message);
  }
}

$('accept-button').addEventListener('click', () =>
  act(async () => {
    const result = await api('POST', `/tickets/${encodeURIComponent(state.openId)}/accept`);
    state.open = result.ticket;
    renderDetail();
    return result;
  }),
);

$('close-button').addEventListener('click', () =>
  act(async () => {
    const result = await api('POST', `/tickets/${encodeURIComponent(state.openId)}/close`);
    state.open = result.ticket;
    renderDetail();
    return result;
  }),
);

$('done-button').addEventListener('click', () =>
  act(async () => {
    const result = await api('POST', `/tickets/${encodeURIComponent(state.openId)}/done`);
    state.open = result.ticket;
    renderDetail();
    return result;
  }),
);

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  if (!text) return;
  act(async () => {
    // The knowledge-base answer the reply started from tells the review queue what the question was about.
    const faqId = state.usedFaqId;
    await api('POST', `/tickets/${encodeURIComponent(state.openId)}/messages`, faqId ? { text, faqId } : { text });
    input.value = '';
    state.usedFaqId = undefined;
  });
});

// ---- knowledge base: answers come in the user's language; the advocate edits, then sends.

$('kb-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = $('kb-query').value.trim();
  if (!q || !state.open) return;
  act(async () => {
    const { results } = await api('GET', `/knowledge?q=${encodeURIComponent(q)}&lang=${state.open.lang}&ticket=${encodeURIComponent(state.openId)}`);
    $('kb-results').replaceChildren(
      ...results.map((hit) => {
        const item = el('li', { 'data-testid': 'kb-result', 'data-faq-id': hit.id });
        const use = el('button', { type: 'button', 'data-testid': 'kb-use' }, 'Use this answer');
        use.addEventListener('click', () => {
          $('composer-input').value = hit.answer;
          state.usedFaqId = hit.id;
          $('composer-input').focus();
        });
        item.append(el('strong', {}, hit.question), el('p', {}, hit.answer), use);
        return item;
      }),
    );
  });
});

// ---- live events: fetch + a stream reader, because EventSource cannot send the key in a header.

async function connect() {
  state.stream?.abort();
  const controller = new AbortController();
  state.stream = controller;
  const status = $('connection-status');
  status.dataset.state = 'connecting';
  status.textContent = 'connecting…';
  try {
    const res = await fetch('/api/handoff/events', { headers: { authorization: `Bearer ${state.key}` }, signal: controller.signal });
    if (res.status === 401) return signOut('Your key was refused.');
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    status.dataset.state = 'open';
    status.textContent = 'live';
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        handleBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  } catch (err) {
    if (controller.signal.aborted) return;
  }
  if (controller.signal.aborted || !state.key) return;
  status.dataset.state = 'closed';
  status.textContent = 'reconnecting…';
  setTimeout(() => {
    loadTickets().then(connect, () => setTimeout(connect, 3000));
  }, 3000);
}

function handleBlock(block) {
  let type = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (!data) return;
  const payload = JSON.parse(data);
  if (type === 'ticket') {
    state.tickets.set(payload.id, payload);
    renderQueue();
    if (payload.id === state.openId) openTicket(payload.id);
  } else if (type === 'removed') {
    // Erased at the user's request, or past the retention period: gone from the console too.
    state.tickets.delete(payload.id);
    if (payload.id === state.openId && state.open) {
      const blank = { transcript: [], transcriptSummary: null, parked: null, email: null, followUpBy: null, rating: null };
      state.open = { ...state.open, ...blank, status: payload.reason };
      renderDetail();
      notice(payload.reason === 'erased' ? 'The user deleted their data; this conversation is gone.' : 'This conversation was deleted (retention period).');
    }
    renderQueue();
  } else if (type === 'message' && payload.ticketId === state.openId && state.open) {
    state.open.transcript.push(payload);
    $('transcript').append(entryNode(payload));
    $('transcript').lastElementChild?.scrollIntoView({ block: 'end' });
  }
}

if (state.key) signIn();
