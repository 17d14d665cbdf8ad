import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnowledgeRecord } from '../../backend/insights/insightRecord.js';
import { createI18n } from '../../bot/i18n.js';
import { fromRoot } from '../../bot/paths.js';
import { waitFor } from '../backend/waitFor.js';
import { consoleApi, startConnector, type FakeConnector } from '../handoff/support.js';
import { startBot, textOf, webchatMessage, type TestBot } from '../support/botServer.js';
import { ADVOCATE_KEY, answerStart, INSIGHTS_ENV, LOCALE, pick, staffGet, staffPost, unanswered, waitForRecords } from './support.js';

const i18n = createI18n();
let n = 0;
const conv = (name: string) => `rev-${name}-${Date.now()}-${n++}`;

async function waitApplied(bot: TestBot, version: number): Promise<void> {
  await waitFor(async () => (await staffGet(bot, '/api/insights/overlay')).json.applied >= version, `overlay version ${version} applied`, 10_000);
}

async function clusterOf(bot: TestBot, text: string) {
  const { json } = await staffGet(bot, '/api/insights/review');
  return (json.clusters as Array<{ id: string; questions: Array<{ id: string; text: string }>; suggestion: { topic: string; source: string } | null }>).find((c) =>
    c.questions.some((q) => q.text === text),
  );
}

describe('Review queue: a cluster accepted is answered live, undone, exported, forgotten with its user', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-review-'));
  let bot: TestBot;
  let connector: FakeConnector;
  before(async () => {
    connector = await startConnector();
    bot = await startBot(INSIGHTS_ENV, { dataDir });
  });
  after(async () => {
    await bot.close();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const accepted: Record<string, number> = {};

  it('before any decision, the pro forma wordings are not answered, in fr, zh and en', async () => {
    // Asked first: an example accepted in one language can already help another (shared words).
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const before = await bot.send(webchatMessage(conv(lang), unanswered(lang), LOCALE[lang]));
      assert.ok(!textOf(before).includes(answerStart('pay-invoice', lang)), lang);
    }
    await waitForRecords(bot, (rs) => (['fr', 'zh', 'en'] as const).every((lang) => rs.some((r) => r.kind === 'turn' && r.text === unanswered(lang))), 'the records');
  });

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: the wording is queued, accepted as pay-invoice, and then answered on /api/messages`, async () => {
      const text = unanswered(lang);
      const cluster = await clusterOf(bot, text);
      assert.ok(cluster, 'queued');
      const res = await staffPost(bot, '/api/insights/review', {
        action: cluster.suggestion?.topic === 'pay-invoice' ? 'accept' : 'reassign',
        topic: 'pay-invoice',
        cluster: cluster.id,
        questions: cluster.questions.filter((q) => q.text === text).map((q) => q.id),
      }, ADVOCATE_KEY);
      assert.equal(res.status, 201, JSON.stringify(res.json));
      assert.equal(res.json.change.author, 'Camille');
      accepted[lang] = res.json.change.version;
      await waitApplied(bot, res.json.change.version);
      const after = await bot.send(webchatMessage(conv(`${lang}-after`), text, LOCALE[lang]));
      assert.ok(textOf(after).includes(answerStart('pay-invoice', lang)), textOf(after).slice(0, 200));
      assert.equal(await clusterOf(bot, text), undefined, 'decided questions leave the queue');
    });
  }

  it('refuses a second decision on the same question (409), an unknown question or topic (400), a malformed decision (400)', async () => {
    const { json } = await staffGet(bot, '/api/insights/overlay');
    const decided = json.changes[0].questions[0].record;
    assert.equal((await staffPost(bot, '/api/insights/review', { action: 'ignore', questions: [decided] })).status, 409);
    assert.equal((await staffPost(bot, '/api/insights/review', { action: 'ignore', questions: ['no-such-record'] })).json.error.code, 'unknown_questions');
    assert.equal((await staffPost(bot, '/api/insights/review', { action: 'accept', topic: 'astrology', questions: [decided] })).json.error.code, 'unknown_topic');
    const bad = await staffPost(bot, '/api/insights/review', { action: 'maybe', questions: [] });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.error.fields.sort(), ['action', 'questions']);
    assert.equal((await staffPost(bot, '/api/insights/review', { action: 'ignore', questions: [decided] }, 'wrong-key-0123456789')).status, 401);
  });

  it('out of scope: a wording the bot used to ask "did you mean" about is declined from then on', async () => {
    const { text } = pick('en', 'clarify');
    await bot.send(webchatMessage(conv('oos'), text, 'en-US'));
    await waitForRecords(bot, (rs) => rs.some((r) => r.kind === 'turn' && r.text === text), 'the clarify record');
    const cluster = (await clusterOf(bot, text))!;
    const res = await staffPost(bot, '/api/insights/review', { action: 'outOfScope', questions: cluster.questions.filter((q) => q.text === text).map((q) => q.id) });
    assert.equal(res.status, 201);
    await waitApplied(bot, res.json.change.version);
    const after = await bot.send(webchatMessage(conv('oos-after'), text, 'en-US'));
    assert.ok(textOf(after).includes(i18n.getFixedT('en')('faq:none')), textOf(after));
  });

  it('a "did you mean" the author assigns to its second topic teaches that the two are mixed up (GET /api/insights/overlay), in fr and zh', async () => {
    for (const lang of ['fr', 'zh'] as const) {
      const { text, decision } = pick(lang, 'clarify');
      const [first, second] = decision.candidates.map((c) => c.id);
      await bot.send(webchatMessage(conv(`mixed-${lang}`), text, LOCALE[lang]));
      await waitForRecords(bot, (rs) => rs.some((r) => r.kind === 'turn' && r.text === text), 'the clarify record');
      const cluster = (await clusterOf(bot, text))!;
      const res = await staffPost(bot, '/api/insights/review', { action: 'reassign', topic: second, questions: cluster.questions.filter((q) => q.text === text).map((q) => q.id) });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      const { json } = await staffGet(bot, '/api/insights/overlay');
      assert.ok(
        (json.confusedPairs as string[][]).some((pair) => pair.join() === [first!, second!].sort().join()),
        `${lang}: ${first} / ${second} in ${JSON.stringify(json.confusedPairs)}`,
      );
    }
  });

  it('exports the overlay as a patch to knowledge/faq/*.json', async () => {
    const res = await staffGet(bot, '/api/insights/overlay/patch');
    assert.equal(res.status, 200);
    assert.match(res.type, /text\/x-diff/);
    assert.match(res.text, /^diff --git a\/knowledge\/faq\/pay-invoice\.json/m);
    for (const lang of ['fr', 'zh', 'en'] as const) assert.ok(res.text.includes(`+      ${JSON.stringify(unanswered(lang))}`), lang);
    assert.match(res.text, /out-of-scope\.json/);
  });

  it('npm run kb:export writes the same patch from the data folder, next to the running bot', () => {
    const patch = execFileSync(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'kbExport.ts'), '--data', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(patch, /^diff --git a\/knowledge\/faq\/pay-invoice\.json/m);
    assert.ok(patch.includes(JSON.stringify(unanswered('fr'))));
  });

  it('a restart on the same data folder answers with the overlay again', async () => {
    await bot.close();
    bot = await startBot(INSIGHTS_ENV, { dataDir });
    await waitFor(async () => (await fetch(`${bot.url}/readyz`)).status === 200 || (await staffGet(bot, '/api/insights/overlay')).json.applied > 0, 'the overlay applied at start', 10_000);
    await waitApplied(bot, (await staffGet(bot, '/api/insights/overlay')).json.version);
    const after = await bot.send(webchatMessage(conv('restart'), unanswered('fr'), 'fr-FR'));
    assert.ok(textOf(after).includes(answerStart('pay-invoice', 'fr')));
  });

  it('undo is a version of its own: the wording is no longer answered, and its questions are back in the queue', async () => {
    const text = unanswered('zh');
    const res = await staffPost(bot, `/api/insights/overlay/${accepted.zh}/undo`, {});
    assert.equal(res.status, 201);
    assert.equal(res.json.change.undoes, accepted.zh);
    await waitApplied(bot, res.json.change.version);
    const after = await bot.send(webchatMessage(conv('undo'), text, 'zh-CN'));
    assert.ok(!textOf(after).includes(answerStart('pay-invoice', 'zh')));
    assert.ok(await clusterOf(bot, text), 'back in the queue');
    assert.equal((await staffPost(bot, `/api/insights/overlay/${accepted.zh}/undo`, {})).json.error.code, 'not_undoable');
    const history = (await staffGet(bot, '/api/insights/overlay')).json.changes as Array<{ version: number; undoneBy?: number }>;
    assert.equal(history.find((c) => c.version === accepted.zh)!.undoneBy, res.json.change.version);
  });

  it('"delete my data" takes the user\'s questions out of the knowledge base too', async () => {
    const id = conv('erase');
    const text = 'Zéphyrin Quatremarre voudrait une facture pro forma pour Xylophone SA';
    await bot.send(webchatMessage(id, text, 'fr-FR'));
    await waitForRecords(bot, (rs) => rs.some((r) => r.kind === 'turn' && r.text === text), 'the record');
    const cluster = (await clusterOf(bot, text))!;
    const res = await staffPost(bot, '/api/insights/review', { action: 'reassign', topic: 'pay-invoice', questions: cluster.questions.filter((q) => q.text === text).map((q) => q.id) });
    await waitApplied(bot, res.json.change.version);
    assert.ok(textOf(await bot.send(webchatMessage(conv('erase-check'), text, 'fr-FR'))).includes(answerStart('pay-invoice', 'fr')));
    await bot.send(webchatMessage(id, 'supprimer mes données', 'fr-FR'));
    const done = await bot.send(webchatMessage(id, 'oui', 'fr-FR'));
    assert.ok(textOf(done).includes(i18n.getFixedT('fr')('privacy:item.examples', { n: 1 })), textOf(done));
    const files = await Promise.all((await readdir(join(dataDir, 'knowledge'))).map((f) => readFile(join(dataDir, 'knowledge', f), 'utf8')));
    assert.ok(!files.join('').includes('Quatremarre'));
    const history = (await staffGet(bot, '/api/insights/overlay')).json;
    assert.equal(history.changes.at(-1).action, 'erasure', 'a version of its own, so every instance rebuilds');
    assert.ok(!JSON.stringify(history).includes('Quatremarre'));
  });

  it("records an advocate's knowledge search in the conversation they handle, and the answer they used", async () => {
    const id = conv('advocate');
    const serviceUrl = connector.serviceUrl;
    const text = unanswered('en');
    await bot.send(webchatMessage(id, 'Who won the football match last night?', 'en-US', { serviceUrl }));
    await bot.send(webchatMessage(id, 'talk to a human', 'en-US', { serviceUrl }));
    const desk = consoleApi(bot.url, ADVOCATE_KEY);
    const ticket = await waitFor(async () => ((await desk.tickets()).json.tickets as Array<{ status: string }>).some((t) => t.status === 'waiting'), 'a waiting ticket').then(
      async () => ((await desk.tickets()).json.tickets as Array<{ id: string; status: string }>).find((t) => t.status === 'waiting')!,
    );
    await desk.call('GET', `/knowledge?q=${encodeURIComponent(text)}&lang=en&ticket=${ticket.id}`);
    await desk.accept(ticket.id);
    await desk.call('POST', `/tickets/${ticket.id}/messages`, { text: 'Here is how invoices work…', faqId: 'pay-invoice' });
    const records = await waitForRecords(bot, (rs) => rs.filter((r) => r.kind === 'kbSearch').length >= 2, 'the knowledge records');
    const [search, used] = records.filter((r): r is KnowledgeRecord => r.kind === 'kbSearch');
    assert.equal(search!.query, text);
    assert.equal(search!.advocate, 'Camille');
    assert.ok(search!.results.length > 0);
    assert.equal(used!.used, 'pay-invoice');
    const question = records.find((r) => r.kind === 'turn' && r.text === 'Who won the football match last night?')!;
    assert.equal(search!.conversation, question.conversation);
    assert.equal(search!.subject, question.subject);
    // The declined question now carries the advocate's evidence.
    const cluster = (await clusterOf(bot, 'Who won the football match last night?'))!;
    assert.deepEqual([cluster.suggestion!.topic, cluster.suggestion!.source], ['pay-invoice', 'advocates']);
  });
});

