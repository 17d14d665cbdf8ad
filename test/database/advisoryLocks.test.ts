import assert from 'node:assert/strict';
import { AdvisoryLocks } from '../../backend/db/advisoryLocks.js';
import { Database, DatabaseUnavailableError } from '../../backend/db/database.js';
import { TEST_DATABASE_URL, usePostgres } from '../support/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('turn locks across instances (pg_advisory_xact_lock)', () => {
  const pg = usePostgres();
  const made: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => Promise.all(made.splice(0).map((m) => m.close())));
  const instance = (applicationName = 'ra-locks-test', waitMs?: number) => {
    const db = new Database({ url: TEST_DATABASE_URL, schema: pg.db.schema, poolSize: 2, applicationName });
    const locks = new AdvisoryLocks(db, waitMs ? { waitMs } : {});
    made.push({ close: async () => (await locks.close(), await db.close()) });
    return locks;
  };

  it('one name runs one section at a time on every instance; other names do not wait', async () => {
    const [a, b] = [instance(), instance()];
    const log: string[] = [];
    let started!: () => void;
    const aHolds = new Promise<void>((ok) => (started = ok));
    const first = a.run('turn:webchat/conversations/c1/', async () => {
      started();
      await sleep(150);
      log.push('a done');
    });
    await aHolds;
    await b.run('turn:webchat/conversations/c1/', async () => void log.push('b ran'));
    await first;
    assert.deepEqual(log, ['a done', 'b ran'], 'b waited for a');
    // Another name: a's section can only end once b's has run, so b must not wait for a.
    let bRan!: () => void;
    const ranB = new Promise<void>((ok) => (bRan = ok));
    await Promise.all([a.run('turn:x', () => ranB), b.run('turn:y', async () => bRan())]);
  });

  it('a holder whose connection dies (a killed instance) releases the lock; a wait past its limit gives up', async () => {
    const doomed = instance('ra-locks-doomed');
    const other = instance('ra-locks-other', 300);
    let held!: () => void;
    let finish!: () => void;
    const holding = new Promise<void>((ok) => (held = ok));
    const stuck = doomed.run('turn:c2', async () => {
      held();
      await new Promise<void>((ok) => (finish = ok));
    });
    await holding;
    await assert.rejects(other.run('turn:c2', async () => 'never'), /not granted in time/);
    await pg.db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', ['ra-locks-doomed']);
    assert.equal(await other.run('turn:c2', async () => 'ran'), 'ran');
    finish();
    await stuck; // its section ends normally; the dead connection is discarded, not reused
  });

  it('tryRun: work one instance is enough for runs on the instance that gets the lock; the others skip it', async () => {
    const [a, b] = [instance(), instance()];
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const first = a.tryRun('retention-sweep', async () => {
      await held;
      return 'swept by a';
    });
    await sleep(100);
    assert.deepEqual(await b.tryRun('retention-sweep', async () => 'swept by b'), { ran: false });
    release();
    assert.deepEqual(await first, { ran: true, result: 'swept by a' });
    assert.deepEqual(await b.tryRun('retention-sweep', async () => 'swept by b'), { ran: true, result: 'swept by b' });
  });

  it('an unreachable server is reported as such, not as a lock timeout', async () => {
    const db = new Database({ url: 'postgresql://reseller:reseller@127.0.0.1:1/nowhere', connectTimeoutMs: 500 });
    const locks = new AdvisoryLocks(db);
    made.push({ close: async () => (await locks.close(), await db.close()) });
    await assert.rejects(locks.run('turn:c3', async () => 'never'), DatabaseUnavailableError);
  });
});
