// Insights page: plain ES module, no build step. Chart.js is loaded from node_modules by the
// server (/insights/chart.js). Every piece of data is written with textContent (never as HTML),
// and the page's CSP forbids inline script and style attributes in markup.

const KEY_STORAGE = 'insights-key';
const LANG_STORAGE = 'insights-lang';
const LANGS = ['en', 'fr', 'zh'];
const CHANNEL_NAMES = { msteams: 'Microsoft Teams' };
const COLORS = {
  fr: '#0052cc', zh: '#de350b', en: '#00875a',
  webchat: '#6554c0', msteams: '#ff991f',
  answered: '#00875a', clarified: '#ffab00', declined: '#de350b',
  up: '#36b37e', down: '#ff5630', bar: '#0065ff', line: '#403294', quote: '#00b8d9',
};
const PALETTE = ['#0052cc', '#00875a', '#ff991f', '#6554c0', '#de350b', '#00b8d9', '#997a00', '#5e6c84'];
const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

const browserLang = () => {
  const nav = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGS.includes(nav) ? nav : 'en';
};

export const state = {
  key: sessionStorage.getItem(KEY_STORAGE) ?? '',
  lang: localStorage.getItem(LANG_STORAGE) ?? browserLang(),
  strings: {},
  tz: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  range: { from: '', to: '' },
  charts: new Map(),
  tables: new Map(),
  quoteGroup: 'kind',
  member: undefined,
};

// ---- small helpers

export function t(path, vars = {}) {
  let node = state.strings;
  for (const part of path.split('.')) node = node?.[part];
  if (typeof node !== 'string') return path;
  return node.replace(/{{\s*(\w+)\s*}}/g, (_, name) => String(vars[name] ?? ''));
}

export function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

export async function api(path, { method = 'GET', body } = {}) {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${state.key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json().catch(() => ({}));
  if (res.status === 401) signOut(t('signin.refused'));
  if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
  return json;
}

const locale = () => ({ fr: 'fr-FR', zh: 'zh-CN', en: 'en-GB' })[state.lang];
const todayIn = (tz) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (day, n) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const daysOfRange = () => {
  const out = [];
  for (let day = state.range.from; day <= state.range.to; day = addDays(day, 1)) out.push(day);
  return out;
};
const dayLabel = (day) => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
const percent = (x) => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(x);
const number = (x) => new Intl.NumberFormat(locale()).format(x);
export const duration = (seconds) => {
  const s = Math.round(seconds);
  return s < 60 ? t('duration.seconds', { s }) : t('duration.minutes', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
};
/** Long topic titles would squeeze the bars: cut, the full title stays in the table and the CSV. */
const short = (label, max = 42) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);
const channelName = (id) => CHANNEL_NAMES[id] ?? (t(`series.${id}`) === `series.${id}` ? id : t(`series.${id}`));
export const rangeQuery = () => `from=${state.range.from}&to=${state.range.to}&tz=${encodeURIComponent(state.tz)}&lang=${state.lang}`;

// ---- strings and language

async function loadStrings(lang) {
  const res = await fetch(`/insights/strings.json?lang=${lang}`);
  state.strings = (await res.json()).strings ?? {};
  state.lang = lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  document.title = `${t('title')} · Reseller assistant`;
  $('language').value = lang;
  $('range-zone').textContent = t('range.zone', { zone: state.tz });
  if (state.member) $('signed-in-as').textContent = t('signin.as', { name: memberName() });
}

const memberName = () => (state.member?.role === 'staff' ? t('signin.staff') : state.member?.name ?? '');

$('language').addEventListener('change', async (event) => {
  localStorage.setItem(LANG_STORAGE, event.target.value);
  await loadStrings(event.target.value);
  if (state.member) await refresh();
});

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
  const res = await fetch('/api/insights/session', { method: 'POST', headers: { authorization: `Bearer ${state.key}` } }).catch(() => undefined);
  const json = res ? await res.json().catch(() => ({})) : {};
  if (!res || !res.ok) {
    error.textContent = !res ? t('signin.failed', { message: 'network' }) : res.status === 503 ? t('signin.disabled') : res.status === 401 ? t('signin.refused') : t('signin.failed', { message: json.error?.message ?? res.status });
    error.hidden = false;
    sessionStorage.removeItem(KEY_STORAGE);
    return;
  }
  state.member = json;
  sessionStorage.setItem(KEY_STORAGE, state.key);
  $('signed-in-as').textContent = t('signin.as', { name: memberName() });
  $('signin-form').hidden = true;
  $('session').hidden = false;
  $('workspace').hidden = false;
  await refresh();
}

function signOut(message) {
  sessionStorage.removeItem(KEY_STORAGE);
  state.key = '';
  state.member = undefined;
  $('session').hidden = true;
  $('workspace').hidden = true;
  $('signin-form').hidden = false;
  if (message) {
    $('signin-error').textContent = message;
    $('signin-error').hidden = false;
  }
}

// ---- range

function setRange(from, to) {
  state.range = { from, to };
  $('range-from').value = from;
  $('range-to').value = to;
}

$('range-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  setRange($('range-from').value, $('range-to').value);
  await refresh();
});

for (const button of document.querySelectorAll('.range .quick')) {
  button.addEventListener('click', async () => {
    const to = todayIn(state.tz);
    setRange(addDays(to, -(Number(button.dataset.days) - 1)), to);
    await refresh();
  });
}

// ---- loading everything for the range

const listeners = [];
/** Other parts of the page (the review queue) reload with the range and the language. */
export const onRefresh = (listener) => listeners.push(listener);

async function refresh() {
  const error = $('range-error');
  error.hidden = true;
  try {
    const { summary } = await api(`/api/insights/summary?${rangeQuery()}`);
    renderSummary(summary);
  } catch (err) {
    error.textContent = t('error', { message: err.message });
    error.hidden = false;
    return;
  }
  await Promise.all([...document.querySelectorAll('.chart')].map((node) => loadChart(node)));
  await Promise.all(listeners.map((listener) => listener()));
}

function renderSummary(s) {
  const none = t('summary.none');
  const cards = [
    ['questions', number(s.questions)],
    ['conversations', number(s.conversations)],
    ['answerRate', s.questions ? percent(s.answerRate) : none],
    ['clarifyRate', s.questions ? percent(s.clarifyRate) : none],
    ['declineRate', s.questions ? percent(s.declineRate) : none],
    ['votes', t('summary.votesLine', { up: number(s.votesUp), down: number(s.votesDown) })],
    ['escalationRate', s.conversations ? percent(s.escalationRate) : none],
    ['medianWait', s.medianWaitSeconds === null ? none : duration(s.medianWaitSeconds)],
    ['csat', s.csat === null ? none : `${percent(s.csat)} (${number(s.ratings)})`],
    ['quotes', number(s.quoteRequests)],
    ['faqToQuote', s.faqConversations ? `${number(s.faqConversationsWithQuote)} / ${number(s.faqConversations)}` : none],
  ];
  $('summary').replaceChildren(
    ...cards.map(([key, value]) => {
      const card = el('div', { class: 'card', 'data-testid': `summary-${key}` });
      card.append(el('div', { class: 'label' }, t(`summary.${key}`)), el('div', { class: 'value' }, value));
      return card;
    }),
  );
}

// ---- charts

/** Per chart: how its table becomes a Chart.js configuration. */
const BUILD = {
  questions(table) {
    const days = daysOfRange();
    const sum = (pick, column) => days.map((day) => table.rows.filter((r) => r[0] === day && pick(r)).reduce((n, r) => n + r[column], 0));
    const langs = LANGS.filter((lang) => table.rows.some((r) => r[1] === lang));
    const channels = [...new Set(table.rows.map((r) => r[2]))].sort();
    return {
      type: 'bar',
      data: {
        labels: days.map(dayLabel),
        datasets: [
          ...langs.map((lang) => ({ type: 'bar', label: t(`series.${lang}`), data: sum((r) => r[1] === lang, 3), backgroundColor: COLORS[lang], stack: 'questions', order: 2 })),
          ...channels.map((channel, i) => ({
            type: 'line', label: t('series.conversationsOn', { channel: channelName(channel) }), data: sum((r) => r[2] === channel, 4),
            borderColor: COLORS[channel] ?? PALETTE[i % PALETTE.length], backgroundColor: COLORS[channel] ?? PALETTE[i % PALETTE.length], tension: 0.25, order: 1,
          })),
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    };
  },
  outcomes(table) {
    const line = (label, column, color) => ({ label, data: table.rows.map((r) => (r[1] ? r[column] * 100 : null)), borderColor: color, backgroundColor: color, tension: 0.25, spanGaps: true });
    return {
      type: 'line',
      data: {
        labels: table.rows.map((r) => dayLabel(r[0])),
        datasets: [line(t('series.answered'), 5, COLORS.answered), line(t('series.clarified'), 6, COLORS.clarified), line(t('series.declined'), 7, COLORS.declined)],
      },
      options: { scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } } },
    };
  },
  'top-topics'(table) {
    const top = table.rows.slice(0, 10);
    return {
      type: 'bar',
      data: { labels: top.map((r) => short(r[1])), datasets: [{ label: t('series.answers'), data: top.map((r) => r[2]), backgroundColor: COLORS.bar }] },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
    };
  },
  votes(table) {
    const top = table.rows.slice(0, 10);
    return {
      type: 'bar',
      data: {
        labels: top.map((r) => short(r[1])),
        datasets: [
          { label: t('series.down'), data: top.map((r) => r[3]), backgroundColor: COLORS.down },
          { label: t('series.up'), data: top.map((r) => r[2]), backgroundColor: COLORS.up },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
    };
  },
  escalations(table) {
    return {
      type: 'bar',
      data: {
        labels: table.rows.map((r) => dayLabel(r[0])),
        datasets: [
          { type: 'bar', label: t('series.escalationRate'), data: table.rows.map((r) => (r[1] ? r[3] * 100 : null)), backgroundColor: COLORS.bar, yAxisID: 'y', order: 2 },
          { type: 'line', label: t('series.medianWait'), data: table.rows.map((r) => r[5]), borderColor: COLORS.line, backgroundColor: COLORS.line, yAxisID: 'wait', spanGaps: true, order: 1 },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, ticks: { callback: (v) => `${v} %` } },
          wait: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { callback: (v) => duration(v) } },
        },
      },
    };
  },
  csat(table) {
    const stars = [1, 2, 3, 4, 5];
    const totals = stars.map((n) => table.rows.reduce((sum, r) => sum + r[1 + n], 0));
    return {
      type: 'bar',
      data: {
        labels: stars.map((n) => t('series.stars', { n })),
        datasets: [{ label: t('series.ratings'), data: totals, backgroundColor: ['#de350b', '#ff8b00', '#ffc400', '#57d9a3', '#00875a'] }],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
    };
  },
  quotes(table) {
    const days = daysOfRange();
    const column = state.quoteGroup === 'status' ? 2 : 1;
    const groups = [...new Set(table.rows.map((r) => r[column]))].sort();
    return {
      type: 'bar',
      data: {
        labels: days.map(dayLabel),
        datasets: groups.map((group, i) => ({
          label: t(`${state.quoteGroup}.${group}`),
          data: days.map((day) => table.rows.filter((r) => r[0] === day && r[column] === group).reduce((n, r) => n + r[3], 0)),
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    };
  },
  'faq-quotes'(table) {
    return {
      type: 'bar',
      data: {
        labels: table.rows.map((r) => dayLabel(r[0])),
        datasets: [
          { label: t('series.faqConversations'), data: table.rows.map((r) => r[1]), backgroundColor: '#b3d4ff' },
          { label: t('series.withQuote'), data: table.rows.map((r) => r[2]), backgroundColor: COLORS.quote },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    };
  },
};

/** A table has data when some row holds a non-zero number past its label columns. */
const hasData = (table) => table.rows.some((row) => row.slice(1).some((cell) => typeof cell === 'number' && cell > 0));

function chartShell(node) {
  const name = node.dataset.chart;
  const header = el('header');
  const titles = el('div');
  titles.append(el('h2', {}, t(`charts.${name}.title`)), el('p', { class: 'description' }, t(`charts.${name}.description`)));
  const actions = el('div', { class: 'actions' });
  if (name === 'quotes') {
    const select = el('select', { 'data-testid': 'quotes-group', 'aria-label': t('charts.quotes.title') });
    for (const group of ['kind', 'status']) {
      const option = el('option', { value: group }, t(group === 'kind' ? 'charts.quotes.byKind' : 'charts.quotes.byStatus'));
      if (group === state.quoteGroup) option.selected = true;
      select.append(option);
    }
    select.addEventListener('change', () => {
      state.quoteGroup = select.value;
      draw(node, state.tables.get(name));
    });
    actions.append(select);
  }
  const csv = el('button', { type: 'button', 'data-testid': 'csv' }, t('csv'));
  csv.addEventListener('click', () => downloadCsv(name));
  actions.append(csv);
  header.append(titles, actions);
  const canvasBox = el('div', { class: 'canvas' });
  canvasBox.append(el('canvas', { role: 'img', 'aria-label': t(`charts.${name}.title`) }));
  const details = el('details');
  details.append(el('summary', {}, t('table')), el('table'));
  node.replaceChildren(header, canvasBox, el('p', { class: 'empty', hidden: '' }, t('empty')), details);
}

async function loadChart(node) {
  const name = node.dataset.chart;
  node.dataset.state = 'loading';
  chartShell(node);
  try {
    const table = await api(`/api/insights/${name}?${rangeQuery()}`);
    state.tables.set(name, table);
    draw(node, table);
  } catch (err) {
    node.dataset.state = 'error';
    node.querySelector('.empty').textContent = t('error', { message: err.message });
    node.querySelector('.empty').hidden = false;
  }
}

function draw(node, table) {
  const name = node.dataset.chart;
  state.charts.get(name)?.destroy();
  state.charts.delete(name);
  const empty = !hasData(table);
  node.querySelector('.canvas').hidden = empty;
  node.querySelector('.empty').hidden = !empty;
  fillTable(node.querySelector('table'), table);
  node.dataset.rows = String(table.rows.length);
  if (!empty) {
    const config = BUILD[name](table);
    config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
    state.charts.set(name, new window.Chart(node.querySelector('canvas'), config));
  }
  node.dataset.state = empty ? 'empty' : 'ready';
}

function fillTable(tableNode, table) {
  const head = el('tr');
  for (const column of table.columns) head.append(el('th', { scope: 'col' }, column));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const row of table.rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', {}, cell === null ? '' : String(cell)));
    tbody.append(tr);
  }
  tableNode.replaceChildren(thead, tbody);
}

/** The CSV needs the key in a header, so it is fetched and handed to the browser as a file. */
async function downloadCsv(name) {
  const res = await fetch(`/api/insights/${name}.csv?${rangeQuery()}`, { headers: { authorization: `Bearer ${state.key}` } });
  if (res.status === 401) return signOut(t('signin.refused'));
  if (!res.ok) return;
  const url = URL.createObjectURL(await res.blob());
  const link = el('a', { href: url, download: `insights-${name}-${state.range.from}-${state.range.to}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- start

const to = todayIn(state.tz);
setRange(addDays(to, -29), to);
await loadStrings(LANGS.includes(state.lang) ? state.lang : 'en');
if (state.key) await signIn();
