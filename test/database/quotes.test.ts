import assert from 'node:assert/strict';
import { toPublicView, type LocalizedMessage, type QuoteBackend } from '../../backend/quotes/index.js';
import { openPgQuoteBackend, type PgQuoteBackendOptions } from '../../backend/quotes/pgBackend.js';
import { Database } from '../../backend/db/database.js';
import { DbNotifications } from '../../backend/db/notifications.js';
import { cloudRenewalDraft, dcRenewalDraft } from '../backend/fixtures.js';
import { waitFor } from '../backend/waitFor.js';
import { TEST_DATABASE_URL, usePostgres } from '../support/postgres.js';
import { keyRecorder } from '../support/webhookReceiver.js';

/** Every row of every table of the schema, as text: what a dump of the database would hold. */
async function everything(db: Database): Promise<string> {
  const { rows } = await db.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [db.schema]);
  const parts: string[] = [];
  for (const { tablename } of rows) parts.push(JSON.stringify((await db.query(`SELECT * FROM ${tablename}`)).rows));
  return parts.join('\n');
}

describe('quote backend on PostgreSQL, as several instances see it', function () {
  this.timeout(30_000);
  const pg = usePostgres();
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const c of opened.splice(0).reverse()) await c.close();
  });

  /** An instance of its own: its own pool and LISTEN connection on the suite's schema. */
  let seq = 0;
  async function instance(options: Partial<PgQuoteBackendOptions> = {}, name = `ra-test-${process.pid}-${seq++}`): Promise<QuoteBackend> {
    const db = new Database({ url: TEST_DATABASE_URL, schema: pg.db.schema, poolSize: 4, applicationName: name });
    const notifications = new DbNotifications(db);
    await notifications.start();
    const backend = await openPgQuoteBackend({ db, notifications, autoStart: false, backoff: { baseMs: 5, maxMs: 20 }, pollMs: 60_000, ...options });
    opened.push({ close: async () => (await backend.close(), await notifications.close(), await db.close()) });
    return backend;
  }

  it('three instances filing at once hand out every reference once, in sequence, and one key files once', async () => {
    const at = () => new Date('2026-12-01T10:00:00Z');
    const instances = await Promise.all([instance({ now: at }), instance({ now: at }), instance({ now: at })]);
    const filed = await Promise.all(
      Array.from({ length: 60 }, (_, i) => instances[i % 3]!.repository.create(cloudRenewalDraft({ conversationId: `conv-${i}` }), { idempotencyKey: `k${i}` })),
    );
    const ids = filed.map((r) => r.id).sort();
    assert.equal(new Set(ids).size, 60);
    assert.deepEqual(ids, Array.from({ length: 60 }, (_, i) => `QR-20261201-${String(i + 1).padStart(4, '0')}`));
    // A double-clicked Confirm whose two activities reach two instances.
    const twice = await Promise.all(instances.map((b) => b.repository.create(dcRenewalDraft(), { idempotencyKey: 'confirm-1' })));
    assert.equal(new Set(twice.map((r) => r.id)).size, 1);
    assert.equal(twice[0]!.id, 'QR-20261201-0061', 'the losers burnt no number');
    assert.equal((await instances[0]!.repository.list({ limit: 1 })).total, 61);
  });

  it('webhook deliveries: every instance works the outbox, each filing reaches the receiver once, whichever instance filed it', async () => {
    const hook = await keyRecorder();
    try {
      const options = { webhookUrl: hook.url, webhookSecret: 's', autoStart: true };
      const [a, b] = [await instance(options), await instance(options)];
      const refs: string[] = [];
      for (let i = 0; i < 40; i++) refs.push((await (i % 2 ? a : b).repository.create(cloudRenewalDraft({ conversationId: `c${i}` }), { idempotencyKey: `k${i}` })).id);
      await waitFor(async () => hook.keys.length >= 40 && (await a.outbox.pending()).length === 0, 'every delivery', 10_000);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual([...hook.keys].sort(), [...refs].sort(), 'each key exactly once');
    } finally {
      await hook.close();
    }
  });

  it('a status changed through instance A is sent once, by whichever instance claims it, in order', async () => {
    const sent: Array<{ by: string; message: LocalizedMessage }> = [];
    const sender = (by: string) => ({ send: async (_ref: Record<string, unknown>, _lang: string, message: LocalizedMessage) => void sent.push({ by, message }) });
    const a = await instance();
    const b = await instance();
    const c = await instance();
    for (const [name, backend] of [['a', a], ['b', b], ['c', c]] as const) backend.notifier.start(sender(name));
    const { id } = await a.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    assert.ok((await a.repository.updateStatus(id, 'in_review', 'prix en cours', 'Claire')).ok);
    assert.ok((await b.repository.updateStatus(id, 'quoted')).ok);
    // The same change asked twice, on two instances at once: one wins, the other is refused.
    const twice = await Promise.all([a.repository.updateStatus(id, 'closed'), c.repository.updateStatus(id, 'closed')]);
    assert.equal(twice.filter((r) => r.ok).length, 1);
    await waitFor(() => sent.length >= 3, 'three notifications', 10_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(sent.map((s) => s.message.key), ['quoteStatus:changedWithNote.in_review', 'quoteStatus:changed.quoted', 'quoteStatus:changed.closed']);
    assert.deepEqual((await a.repository.get(id))!.history.map((h) => h.status), ['submitted', 'in_review', 'quoted', 'closed']);
  });

  it('an instance killed while delivering loses its claim with its connection: another instance delivers the entry', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((ok) => (release = ok));
    const doomed = `ra-doomed-${process.pid}`;
    const a = await instance({}, doomed);
    const b = await instance();
    const { id } = await a.repository.create(cloudRenewalDraft(), { idempotencyKey: 'k' });
    await a.repository.updateStatus(id, 'in_review');
    const first = a.notifier.runOnce({ send: () => stuck });
    await waitFor(async () => (await pg.db.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'`, [doomed])).rows.length > 0, 'A to hold its claim');
    // B skips the claimed row instead of waiting for it.
    const byB: string[] = [];
    await b.notifier.runOnce({ send: async (_r, _l, m) => void byB.push(m.key) });
    assert.equal(byB.length, 0, "B skipped the row A holds");
    // A dies: the server closes its connections, and the claim goes with them.
    await pg.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [doomed]);
    release();
    await first.catch(() => undefined);
    await b.notifier.runOnce({ send: async (_r, _l, m) => void byB.push(m.key) });
    assert.deepEqual(byB, ['quoteStatus:changed.in_review']);
    assert.deepEqual(await b.notifier.pending(), []);
  });

  it('"delete my data" unlinks in one transaction: no row of any table keeps the user, the webhook body is rewritten', async () => {
    const subject = { channelId: 'msteams', userId: 'user-1' };
    const backend = await instance({ webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 's' });
    const first = await backend.repository.create(cloudRenewalDraft(), { idempotencyKey: 'a' });
    const second = await backend.repository.create(cloudRenewalDraft({ conversationId: 'conv-9', conversationRef: { conversation: { id: 'conv-9' } } }), { idempotencyKey: 'b' });
    await backend.repository.create(dcRenewalDraft(), { idempotencyKey: 'c' });
    await backend.repository.updateStatus(first.id, 'in_review', 'prix confirmé', 'Camille');
    assert.ok((await everything(pg.db)).includes('conv-9'));
    assert.deepEqual(await backend.erase(subject), { quotesUnlinked: 2 });
    const dump = await everything(pg.db);
    for (const gone of ['user-1', 'conv-1', 'conv-9']) assert.ok(!dump.includes(`"${gone}"`), `${gone} is in no row`);
    assert.ok(dump.includes('"user-2"'));
    assert.deepEqual(await backend.notifier.pending(), []);
    const body = JSON.parse((await backend.outbox.pending()).find((d) => d.id === second.id)!.payload.body) as { quoteRequest: unknown };
    assert.deepEqual(body.quoteRequest, JSON.parse(JSON.stringify(toPublicView((await backend.repository.get(second.id))!))));
    assert.deepEqual(await backend.erase(subject), { quotesUnlinked: 0 });
  });
});
