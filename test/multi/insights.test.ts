import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { Database } from '../../backend/db/database.js';
import { conversationKey } from '../../backend/insights/insightRecord.js';
import { fromRoot } from '../../bot/paths.js';
import type { Lang } from '../../knowledge/lang.js';
import { waitFor } from '../backend/waitFor.js';
import { answerStart, LOCALE, pick, STAFF_KEY, unanswered } from '../insights/support.js';
import { textOf, webchatMessage } from '../support/botServer.js';
import { startInstance, type Instance } from '../support/instances.js';
import { dropSchema, freshSchemaName, openTestDatabase, requirePostgres, TEST_DATABASE_URL } from '../support/postgres.js';

let n = 0;
const conv = (name: string) => `multi-insights-${name}-${Date.now()}-${n++}`;

async function staff(instance: Instance, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const call = () =>
    fetch(`${instance.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${STAFF_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  // A keep-alive socket the instance closed just as the request went out (its event loop was
  // busy past the keep-alive timeout, warming its language models): a GET is sent again.
  const res = await call().catch((err: Error & { cause?: { code?: string } }) => {
    if (method !== 'GET' || err.cause?.code !== 'ECONNRESET') throw err;
    return call();
  });
  return { status: res.status, body: await res.json() };
}

const ask = async (instance: Instance, lang: Lang, text: string) => textOf(await instance.send(webchatMessage(conv(`${instance.name}-${lang}`), text, LOCALE[lang])));

/** The instance logged that it now answers with this overlay version (nothing else was asked of it). */
const applied = (instance: Instance, version: number) =>
  waitFor(
    () => instance.output().split('\n').some((line) => line.includes('knowledge overlay applied') && line.includes(`"version":${version},`)),
    `${instance.name} to apply overlay version ${version}`,
    20_000,
  );

/**
 * Insights and the knowledge overlay with two real bot processes on one database: the records of
 * both in the charts of either, and an author's decision on one applied live by the other. The
 * poll is off (an hour), so what reaches the other instance is the NOTIFY — or, for a notice it
 * missed, its next review call.
 */
describe('insights and the knowledge overlay shared by two instances (real processes, one PostgreSQL)', function () {
  this.timeout(240_000);
  let db: Database;
  let instances: Instance[] = [];
  const A = () => instances[0]!;
  const B = () => instances[1]!;

  before(async function () {
    this.timeout(120_000);
    await requirePostgres(this);
    db = await openTestDatabase(freshSchemaName());
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: db.schema,
      STAFF_API_KEY: STAFF_KEY,
      DATABASE_POOL_SIZE: '4',
      KB_OVERLAY_POLL_SECONDS: '3600',
      // The "overlay applied" lines are at info.
      LOG_LEVEL: 'info',
    };
    instances = await Promise.all(['A', 'B'].map((name) => startInstance(name, env)));
    // In rotation once ready, as behind a load balancer: the language models are warm (building
    // them holds the CPU for seconds, past the pool's 5 s connect timeout on a busy machine).
    const ready = async (instance: Instance) => {
      await new Promise((r) => setTimeout(r, 100));
      return (await fetch(`${instance.url}/readyz`).catch(() => undefined))?.status === 200; // a reset keep-alive socket: ask again
    };
    for (const instance of instances) await waitFor(() => ready(instance), `${instance.name} ready`, 90_000);
  });

  after(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    if (db) await dropSchema(db);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') for (const i of instances) process.stderr.write(`--- ${i.name}:\n${i.output().slice(-3000)}\n`);
  });

  it('turns answered on A and on B are all in /api/insights/summary, read from either instance', async () => {
    const answered = pick('en', 'answer').text;
    await ask(A(), 'en', answered);
    await ask(A(), 'fr', unanswered('fr'));
    await ask(B(), 'zh', unanswered('zh'));
    await ask(B(), 'en', unanswered('en'));
    // Records are written behind the turn: wait until both instances' are in the table.
    await waitFor(async () => Number((await db.query(`SELECT count(*) AS n FROM insight_records WHERE kind = 'turn'`)).rows[0]!.n) >= 4, 'the four records', 10_000);
    const [fromA, fromB] = await Promise.all([staff(A(), 'GET', '/api/insights/summary'), staff(B(), 'GET', '/api/insights/summary')]);
    assert.equal(fromA.status, 200);
    assert.deepEqual(fromA.body.summary, fromB.body.summary, 'one bot, one set of figures');
    assert.equal(fromA.body.summary.questions, 4);
    assert.equal(fromA.body.summary.conversations, 4);
    assert.equal(fromA.body.summary.answered, 1, JSON.stringify(fromA.body.summary));
    // Each instance's language table holds the other's turns too.
    const langs = await staff(B(), 'GET', '/api/insights/questions');
    assert.equal(langs.status, 200);
    assert.ok(JSON.stringify(langs.body).includes('fr') && JSON.stringify(langs.body).includes('zh'), JSON.stringify(langs.body).slice(0, 400));
  });

  let accepted = 0;

  it('a review-queue cluster accepted on A is answered by B on /api/messages, without a restart or a poll', async () => {
    const text = unanswered('zh');
    assert.ok(!(await ask(B(), 'zh', text)).includes(answerStart('pay-invoice', 'zh')), 'not answered before');
    // The question was asked on B; A's queue has it.
    const queue = await staff(A(), 'GET', '/api/insights/review');
    const cluster = (queue.body.clusters as Array<{ id: string; questions: Array<{ id: string; text: string }>; suggestion: { topic: string } | null }>).find((c) =>
      c.questions.some((q) => q.text === text),
    );
    assert.ok(cluster, `queued on A: ${JSON.stringify(queue.body.clusters.map((c: { questions: Array<{ text: string }> }) => c.questions[0]!.text))}`);
    const res = await staff(A(), 'POST', '/api/insights/review', {
      action: cluster.suggestion?.topic === 'pay-invoice' ? 'accept' : 'reassign',
      topic: 'pay-invoice',
      cluster: cluster.id,
      questions: cluster.questions.filter((q) => q.text === text).map((q) => q.id),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    accepted = res.body.change.version;
    await applied(B(), accepted);
    assert.ok((await ask(B(), 'zh', text)).includes(answerStart('pay-invoice', 'zh')), 'B answers the accepted wording');
    // A rebuilds in the background too: under load its index may land after B's.
    await applied(A(), accepted);
    assert.ok((await ask(A(), 'zh', text)).includes(answerStart('pay-invoice', 'zh')), 'and so does A');
    // The same questions decided again on B: the shared overlay knows they were (409).
    assert.equal((await staff(B(), 'POST', '/api/insights/review', { action: 'ignore', questions: res.body.change.questions.map((q: { record: string }) => q.record) })).status, 409);
  });

  it('an undo on B is applied by A: the wording is no longer answered there', async () => {
    const res = await staff(B(), 'POST', `/api/insights/overlay/${accepted}/undo`, {});
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await applied(A(), res.body.change.version);
    assert.ok(!(await ask(A(), 'zh', unanswered('zh'))).includes(answerStart('pay-invoice', 'zh')));
  });

  it('a version whose notice was missed is caught up on the next review call', async () => {
    // The accepted change stored again as the next version, straight into the table: no NOTIFY,
    // as when an instance's LISTEN connection was down at that moment.
    const { rows } = await db.query<{ version: number }>(
      `INSERT INTO kb_overlay (version, at, subjects, change)
       SELECT m.v + 1, now(), o.subjects, jsonb_set(o.change, '{version}', to_jsonb(m.v + 1))
       FROM kb_overlay o, (SELECT max(version) AS v FROM kb_overlay) m WHERE o.version = $1 RETURNING version`,
      [accepted],
    );
    const version = rows[0]!.version;
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(!(await ask(B(), 'zh', unanswered('zh'))).includes(answerStart('pay-invoice', 'zh')), 'B has not seen it: no notice, no poll');
    const queue = await staff(B(), 'GET', '/api/insights/review');
    assert.deepEqual([queue.body.version, queue.body.applied], [version, version - 1], 'the review call sees it is behind');
    await applied(B(), version);
    assert.ok((await ask(B(), 'zh', unanswered('zh'))).includes(answerStart('pay-invoice', 'zh')));
    const history = await staff(A(), 'GET', '/api/insights/overlay');
    assert.equal(history.body.version, version);
    await applied(A(), version);
    assert.ok((await ask(A(), 'zh', unanswered('zh'))).includes(answerStart('pay-invoice', 'zh')));
  });

  it('npm run kb:export with DATABASE_URL writes the shared overlay as a patch', () => {
    const patch = execFileSync(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'kbExport.ts')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: db.schema, DATA_DIR: A().dataDir },
    });
    assert.match(patch, /^diff --git a\/knowledge\/faq\/pay-invoice\.json/m);
    assert.ok(patch.includes(JSON.stringify(unanswered('zh'))), patch.slice(0, 500));
  });

  it('the same questions decided on A and on B at once: one decision is stored, the other refused (409)', async () => {
    const text = unanswered('en');
    const queue = await staff(A(), 'GET', '/api/insights/review');
    const cluster = (queue.body.clusters as Array<{ questions: Array<{ id: string; text: string }> }>).find((c) => c.questions.some((q) => q.text === text));
    assert.ok(cluster, 'the English question asked on B is queued');
    const ids = cluster.questions.filter((q) => q.text === text).map((q) => q.id);
    const results = await Promise.all([A(), B()].map((i) => staff(i, 'POST', '/api/insights/review', { action: 'ignore', questions: ids })));
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
    const history = await staff(B(), 'GET', '/api/insights/overlay');
    assert.equal((history.body.changes as Array<{ questions: Array<{ record: string }> }>).filter((c) => c.questions.some((q) => ids.includes(q.record))).length, 1);
  });

  it('"delete my data" (asked on A, confirmed on B) takes the user\'s accepted question out of the overlay both answer with, and their records out of the table', async () => {
    const id = conv('erase');
    const from = { id: `erase-user-${Date.now()}`, name: 'Reseller', role: 'user' };
    const say = (instance: Instance, text: string, conversation = id) => instance.send(webchatMessage(conversation, text, 'fr-FR', { from }));
    const text = 'Zéphyrin Quatremarre voudrait une facture pro forma pour Xylophone SA';
    await say(B(), text);
    await waitFor(async () => (await db.query(`SELECT 1 FROM insight_records WHERE record->>'text' = $1`, [text])).rowCount === 1, 'the record', 10_000);
    const queue = await staff(B(), 'GET', '/api/insights/review');
    const cluster = (queue.body.clusters as Array<{ questions: Array<{ id: string; text: string }> }>).find((c) => c.questions.some((q) => q.text === text))!;
    const res = await staff(B(), 'POST', '/api/insights/review', { action: 'reassign', topic: 'pay-invoice', questions: cluster.questions.filter((q) => q.text === text).map((q) => q.id) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await applied(A(), res.body.change.version);
    assert.ok(textOf(await A().send(webchatMessage(conv('erase-check'), text, 'fr-FR'))).includes(answerStart('pay-invoice', 'fr')));
    // The erasure asked on A, confirmed on B: one conversation, any instance.
    await say(A(), 'supprimer mes données');
    const done = textOf(await say(B(), 'oui'));
    assert.match(done, /exemples/, done);
    const erasure = res.body.change.version + 1;
    await applied(A(), erasure);
    assert.ok(!textOf(await A().send(webchatMessage(conv('erase-after'), text, 'fr-FR'))).includes(answerStart('pay-invoice', 'fr')), 'A no longer answers it');
    assert.ok(!JSON.stringify((await db.query('SELECT * FROM kb_overlay')).rows).includes('Quatremarre'), 'no overlay row holds the question any more');
    // (The checks above asked the same words as other users: their records stay, the user's are gone.)
    const mine = await db.query(`SELECT 1 FROM insight_records WHERE conversation = $1`, [conversationKey('webchat', id)]);
    assert.equal(mine.rowCount, 0, "none of the user's records is left");
  });
});
