// The review queue of /insights: clusters of questions the bot did not answer outright, a
// decision per cluster (accept, assign to another topic, out of scope, ignore), and the history
// of the knowledge-base overlay with an undo per version. Text content only, like the rest.

import { api, el, onRefresh, rangeQuery, state, t } from './app.js';

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const PAGE = 20;

const review = { clusters: [], shown: PAGE, topics: [], version: 0, applied: 0, message: '' };
const section = $('review');

const topicTitle = (id) => review.topics.find((x) => x.id === id)?.title ?? id;

async function load() {
  section.hidden = false;
  const [queue, { topics }, history] = await Promise.all([
    api(`/api/insights/review?${rangeQuery()}`),
    api(`/api/insights/topics?lang=${state.lang}`),
    api('/api/insights/overlay'),
  ]);
  Object.assign(review, { clusters: queue.clusters, topics, version: history.version, applied: history.applied, history: history.changes });
  render();
  if (review.applied < review.version) setTimeout(() => void pollApplied(), 500);
}

/** The engine rebuilds in the background: the status line follows it until the new version is in use. */
async function pollApplied() {
  const history = await api('/api/insights/overlay');
  Object.assign(review, { version: history.version, applied: history.applied, history: history.changes });
  renderStatus();
  renderHistory();
  if (review.applied < review.version) setTimeout(() => void pollApplied(), 500);
}

function render() {
  const header = el('header');
  header.append(el('h2', {}, t('review.title')), el('p', { class: 'intro' }, t('review.intro')));
  const toolbar = el('div', { class: 'toolbar' });
  toolbar.append(el('span', { class: 'status-line', 'data-testid': 'overlay-status' }), patchButton());
  const message = el('p', { class: 'status-line', role: 'status', 'data-testid': 'review-message' }, review.message);
  message.hidden = !review.message;
  const list = el('ol', { class: 'clusters', 'data-testid': 'clusters' });
  const history = el('section', { 'data-testid': 'overlay-history' });
  section.replaceChildren(header, toolbar, message, list, history);
  renderStatus();
  renderClusters();
  renderHistory();
}

function renderStatus() {
  const status = $('overlay-status');
  if (!status) return;
  const pending = review.applied < review.version;
  status.dataset.state = pending ? 'pending' : 'applied';
  status.dataset.version = String(review.applied);
  status.textContent = pending ? t('review.applying', { version: review.version }) : review.version ? t('review.applied', { version: review.applied }) : t('review.base');
}

function patchButton() {
  const button = el('button', { type: 'button', 'data-testid': 'overlay-patch' }, t('review.patch'));
  button.addEventListener('click', async () => {
    const res = await fetch('/api/insights/overlay/patch', { headers: { authorization: `Bearer ${state.key}` } });
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    const link = el('a', { href: url, download: 'knowledge-overlay.patch' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return button;
}

function renderClusters() {
  const list = $('clusters');
  const shown = review.clusters.slice(0, review.shown);
  list.replaceChildren(...shown.map(clusterNode));
  if (!review.clusters.length) list.append(el('li', { class: 'empty', 'data-testid': 'review-empty' }, t('review.empty')));
  if (review.clusters.length > review.shown) {
    const more = el('button', { type: 'button', 'data-testid': 'review-more' }, t('review.more', { n: review.clusters.length - review.shown }));
    more.addEventListener('click', () => {
      review.shown += PAGE;
      renderClusters();
    });
    const item = el('li');
    item.append(more);
    list.append(item);
  }
}

function clusterNode(cluster) {
  const node = el('li', { class: 'cluster', 'data-testid': 'cluster', 'data-cluster-id': cluster.id, 'data-suggested': cluster.suggestion?.topic ?? '' });
  const header = el('header');
  const suggestion = cluster.suggestion;
  header.append(
    el('strong', {}, cluster.questions.length === 1 ? t('review.questionOne') : t('review.questions', { n: cluster.questions.length })),
    el('span', { class: 'langs' }, cluster.langs.join(' · ').toUpperCase()),
    el('span', { class: 'suggestion', 'data-testid': 'cluster-suggestion' }, t('review.suggestion', { topic: suggestion ? topicTitle(suggestion.topic) : t('review.none') })),
  );
  if (suggestion) header.append(el('span', { class: 'source' }, t(`review.source.${suggestion.source}`, { n: suggestion.votes })));

  const questions = el('ul', { class: 'questions' });
  for (const q of cluster.questions) {
    const item = el('li', { 'data-testid': 'cluster-question', 'data-lang': q.lang });
    const box = el('input', { type: 'checkbox', 'data-question-id': q.id, 'aria-label': q.text });
    box.checked = true;
    const when = new Intl.DateTimeFormat({ fr: 'fr-FR', zh: 'zh-CN', en: 'en-GB' }[state.lang], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: state.tz }).format(new Date(q.at));
    const meta = [q.lang.toUpperCase(), t(`review.reason.${q.reason}`), when].join(' · ');
    item.append(box, el('span', { class: 'text' }, q.text), el('span', { class: 'meta' }, meta));
    questions.append(item);
  }

  const decide = el('div', { class: 'decide' });
  const select = el('select', { 'data-testid': 'cluster-topic', 'aria-label': t('review.topic') });
  for (const topic of review.topics) {
    const option = el('option', { value: topic.id }, topic.title);
    if (topic.id === (suggestion?.topic ?? cluster.candidates[0]?.id)) option.selected = true;
    select.append(option);
  }
  const accept = el('button', { type: 'button', 'data-testid': 'cluster-accept' });
  const label = () => {
    const reassign = select.value !== suggestion?.topic;
    accept.textContent = t(reassign ? 'review.reassign' : 'review.accept');
    accept.dataset.action = reassign ? 'reassign' : 'accept';
  };
  label();
  select.addEventListener('change', label);
  const outOfScope = el('button', { type: 'button', 'data-testid': 'cluster-out-of-scope' }, t('review.outOfScope'));
  const ignore = el('button', { type: 'button', 'data-testid': 'cluster-ignore' }, t('review.ignore'));
  const chosen = () => [...questions.querySelectorAll('input[type="checkbox"]')].filter((b) => b.checked).map((b) => b.dataset.questionId);
  const send = (action) => decideOn(node, cluster, action, action === 'accept' || action === 'reassign' ? select.value : undefined, chosen());
  accept.addEventListener('click', () => send(accept.dataset.action));
  outOfScope.addEventListener('click', () => send('outOfScope'));
  ignore.addEventListener('click', () => send('ignore'));
  decide.append(select, accept, outOfScope, ignore);
  node.append(header, questions, decide);
  return node;
}

async function decideOn(node, cluster, action, topic, questions) {
  if (!questions.length) return;
  for (const button of node.querySelectorAll('button')) button.disabled = true;
  try {
    const { change } = await api('/api/insights/review', {
      method: 'POST',
      body: { action, questions, cluster: cluster.id, ...(topic ? { topic } : {}), ...(cluster.suggestion ? { suggested: cluster.suggestion.topic } : {}) },
    });
    review.message = t(`review.done.${action}`, { version: change.version, n: change.questions.length, topic: topic ? topicTitle(topic) : '' });
  } catch (err) {
    review.message = t('review.failed', { message: err.message });
  }
  await load();
}

function renderHistory() {
  const box = $('overlay-history');
  if (!box) return;
  const changes = [...(review.history ?? [])].reverse();
  const list = el('ol', { class: 'history', reversed: '' });
  for (const change of changes) {
    const item = el('li', { 'data-testid': 'overlay-change', 'data-version': String(change.version), 'data-undone': String(Boolean(change.undoneBy)) });
    const what = t(`review.history.${change.action}`, { author: change.author, n: change.questions.length, topic: topicTitle(change.topic ?? ''), target: change.undoes ?? '' });
    const when = new Intl.DateTimeFormat({ fr: 'fr-FR', zh: 'zh-CN', en: 'en-GB' }[state.lang], { dateStyle: 'long', timeStyle: 'short', timeZone: state.tz }).format(new Date(change.at));
    item.append(el('strong', {}, `v${change.version}`), el('span', { class: 'what' }, what), el('time', { datetime: change.at }, when));
    if (change.undoneBy) item.append(el('span', { class: 'source' }, t('review.history.undone', { version: change.undoneBy })));
    else if (['accept', 'reassign', 'outOfScope', 'ignore'].includes(change.action)) {
      const undo = el('button', { type: 'button', 'data-testid': 'overlay-undo' }, t('review.history.undoButton'));
      undo.addEventListener('click', async () => {
        undo.disabled = true;
        try {
          await api(`/api/insights/overlay/${change.version}/undo`, { method: 'POST' });
          review.message = '';
        } catch (err) {
          review.message = t('review.failed', { message: err.message });
        }
        await load();
      });
      item.append(undo);
    }
    list.append(item);
  }
  box.replaceChildren(el('h2', {}, t('review.history.title')), changes.length ? list : el('p', { class: 'intro' }, t('review.history.empty')));
}

onRefresh(load);
// Signed in before this module ran (a reload with the key kept for the session): load now.
if (state.member) await load();
