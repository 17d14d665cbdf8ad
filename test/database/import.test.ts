import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../bot/paths.js';
import { ADVOCATES, consoleApi, KEYS, startConnector, type FakeConnector } from '../handoff/support.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, QR, staffGet, STAFF_KEY } from '../quote-dialogs/support.js';
import { waitFor } from '../backend/waitFor.js';
import { PgOverlayStore } from '../../backend/insights/pgOverlayStore.js';
import { answerStart, unanswered } from '../insights/support.js';
import { lastSlot, startBot, textOf, type TestBot } from '../support/botServer.js';
import { usePostgres, TEST_DATABASE_URL } from '../support/postgres.js';

function runImport(dataDir: string, schema: string): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dbImport.ts', dataDir], {
    cwd: fromRoot(),
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    encoding: 'utf8',
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function insights(bot: TestBot, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${bot.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${STAFF_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return res.json();
}

describe('npm run db:import -- DATA_DIR: an embedded bot moved onto PostgreSQL', function () {
  this.timeout(120_000);
  const pg = usePostgres();
  let connector: FakeConnector;
  let dataDir = '';
  before(async () => {
    connector = await startConnector();
  });
  after(async () => {
    await connector?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('filed requests, a form in progress, a ticket with its messages, the FAQ log, the insight records and the overlay carry over; a second import adds nothing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ra-import-'));
    const env = { ADVOCATES, STAFF_API_KEY: STAFF_KEY, HANDOFF_TIMEOUT_MIN: '600' };
    const embedded = await startBot(env, { dataDir });
    const extra = { serviceUrl: connector.serviceUrl };
    const filed = new Chat(embedded, `import-filed-${Date.now()}`, LOCALES.fr, extra);
    const { ref } = await fillByPrompts(filed, await filed.say(OPENINGS['cloud-renewal'].fr), ANSWERS.fr);
    assert.ok(ref);
    assert.equal((await fetch(`${embedded.url}/api/quote-requests/${ref}`, { method: 'PATCH', headers: { authorization: `Bearer ${STAFF_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'in_review', note: 'vu' }) })).status, 200);
    const form = new Chat(embedded, `import-form-${Date.now()}`, LOCALES.zh, extra);
    const partial = await fillByPrompts(form, await form.say(OPENINGS['cloud-renewal'].zh), { resellerName: ANSWERS.zh.resellerName! });
    const waiting = lastSlot(partial.last);
    assert.ok(waiting && waiting !== 'resellerName', `the form waits for its next answer (${waiting})`);
    const faq = new Chat(embedded, `import-faq-${Date.now()}`, LOCALES.en, extra);
    await faq.say('Can I pay for my Jira licence in seashells or goats?');
    const handoff = new Chat(embedded, `import-handoff-${Date.now()}`, LOCALES.en, extra);
    await handoff.say('talk to a human');
    await handoff.say('my customer needs 500 Confluence seats by Friday');
    // The review queue: a question the bot did not answer, accepted into the knowledge overlay.
    const proForma = unanswered('fr');
    await new Chat(embedded, `import-insights-${Date.now()}`, LOCALES.fr, extra).say(proForma);
    await embedded.app.insights.flush();
    const queue = await insights(embedded, 'GET', '/api/insights/review');
    const cluster = (queue.clusters as Array<{ questions: Array<{ id: string; text: string }> }>).find((c) => c.questions.some((q) => q.text === proForma))!;
    const decided = await insights(embedded, 'POST', '/api/insights/review', { action: 'reassign', topic: 'pay-invoice', questions: cluster.questions.filter((q) => q.text === proForma).map((q) => q.id) });
    assert.equal(decided.change.version, 1);
    const summaryBefore = (await insights(embedded, 'GET', '/api/insights/summary')).summary;
    await embedded.close();

    const first = runImport(dataDir, pg.db.schema);
    assert.equal(first.status, 0, first.stderr);
    const report = JSON.parse(first.stdout.trim().split('\n').at(-1)!).imported as Record<string, { added: number; skipped: number }>;
    assert.ok(report.state!.added >= 4, JSON.stringify(report));
    assert.equal(report.quoteRequests!.added, 1);
    assert.equal(report.tickets!.added, 1);
    assert.ok(report.unansweredQuestions!.added >= 1);
    assert.ok(report.insightRecords!.added >= 6, JSON.stringify(report));
    assert.deepEqual(report.overlayVersions, { added: 1, skipped: 0 });

    const shared = await startBot({ ...env, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: pg.db.schema });
    try {
      const request = (await staffGet(shared, `/api/quote-requests/${ref}`)).body;
      assert.deepEqual(request.history.map((h: { status: string }) => h.status), ['submitted', 'in_review']);
      const tickets = (await consoleApi(shared.url, KEYS.marie).tickets()).json.tickets as Array<{ id: string; status: string }>;
      assert.equal(tickets.length, 1);
      const detail = (await consoleApi(shared.url, KEYS.marie).ticket(tickets[0]!.id)).json.ticket;
      assert.equal(detail.transcript.at(-1).text, 'my customer needs 500 Confluence seats by Friday');
      // The half-filled form goes on at its prompt, now on the database, and files a new reference.
      const resumed = new Chat(shared, form.conversationId, LOCALES.zh, extra);
      const done = await fillByPrompts(resumed, await resumed.say(ANSWERS.zh[waiting!]!), ANSWERS.zh);
      assert.ok(done.ref && done.ref !== ref, `${done.ref} after ${ref}`);
      assert.ok(QR.test(done.ref!));
      const { rows } = await pg.db.query<{ n: string }>(`SELECT count(*) AS n FROM record_logs WHERE log = 'unanswered' AND record->>'text' LIKE '%seashells%'`);
      assert.equal(Number(rows[0]!.n), 1);
      // The insight records and the overlay carried over: the same figures, the accepted wording answered.
      const summaryAfter = (await insights(shared, 'GET', '/api/insights/summary')).summary;
      assert.ok(summaryAfter.questions >= summaryBefore.questions && summaryBefore.questions >= 2, `the questions asked on the embedded bot are in the charts: ${summaryBefore.questions} → ${summaryAfter.questions}`);
      await waitFor(async () => (await insights(shared, 'GET', '/api/insights/overlay')).applied === 1, 'the imported overlay applied', 20_000);
      const answered = await new Chat(shared, `import-after-${Date.now()}`, LOCALES.fr, extra).say(proForma);
      assert.ok(textOf(answered).includes(answerStart('pay-invoice', 'fr')), textOf(answered));
    } finally {
      await shared.close();
    }

    const again = runImport(dataDir, pg.db.schema);
    assert.equal(again.status, 0, again.stderr);
    const second = JSON.parse(again.stdout.trim().split('\n').at(-1)!).imported as Record<string, { added: number }>;
    assert.deepEqual(Object.values(second).map((c) => c.added), Object.keys(second).map(() => 0), JSON.stringify(second));
  });

  it("refuses to mix an embedded overlay into a database that has decisions of its own, saying so", async () => {
    assert.ok(dataDir, 'the folder of the test above');
    await new PgOverlayStore(pg.db).append({ at: new Date().toISOString(), author: 'Marie', action: 'outOfScope', questions: [{ record: 'x', lang: 'en', text: 'who won the match?' }] });
    const res = runImport(dataDir, pg.db.schema);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /knowledge overlay: version 1 in the database differs/);
    assert.deepEqual((await pg.db.query<{ version: number }>('SELECT version FROM kb_overlay')).rows.map((r) => r.version), [1], 'the database keeps its own');
  });
});
