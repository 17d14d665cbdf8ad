import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DbNotifications } from '../../backend/db/notifications.js';
import type { NewOverlayChange } from '../../backend/insights/overlay.js';
import { FileOverlayStore, OverlayConflictError, type OverlayStore } from '../../backend/insights/overlayStore.js';
import { PgOverlayStore } from '../../backend/insights/pgOverlayStore.js';
import { usePostgres } from '../support/postgres.js';
import { useTempDir } from './tempDir.js';
import { waitFor } from './waitFor.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();
const accept = (record: string, text: string, subject?: string): NewOverlayChange => ({
  at: at(1), author: 'Camille', action: 'accept', topic: 'pricing',
  questions: [{ record, lang: 'fr', text, ...(subject ? { subject } : {}) }],
});

/** The OverlayStore contract on each implementation: `open` again is a restart (embedded) or another instance (PostgreSQL). */
function useOverlayStorage(kind: 'embedded' | 'postgres'): { open(): Promise<OverlayStore>; stored(): Promise<string> } {
  if (kind === 'embedded') {
    const tmp = useTempDir();
    return { open: () => FileOverlayStore.open(tmp.path), stored: () => readFile(join(tmp.path, 'overlay.jsonl'), 'utf8') };
  }
  const pg = usePostgres();
  return { open: async () => new PgOverlayStore(pg.db), stored: async () => JSON.stringify((await pg.db.query('SELECT * FROM kb_overlay')).rows) };
}

for (const kind of ['embedded', 'postgres'] as const) describe(`OverlayStore contract: ${kind}`, () => {
  const storage = useOverlayStorage(kind);

  it('starts at version 0, numbers versions from 1, and keeps them over a reopen, oldest first', async () => {
    const store = await storage.open();
    assert.equal(await store.version(), 0);
    assert.deepEqual(await store.list(), []);
    assert.equal((await store.append(accept('a', 'tarif revendeur ?'))).version, 1);
    const second = await store.append({ at: at(2), author: 'Marie', action: 'undo', undoes: 1, questions: [] });
    assert.deepEqual(second, { version: 2, at: at(2), author: 'Marie', action: 'undo', undoes: 1, questions: [] });
    await store.close();
    const again = await storage.open();
    assert.equal(await again.version(), 2);
    assert.deepEqual((await again.list()).map((c) => [c.version, c.action, c.author]), [[1, 'accept', 'Camille'], [2, 'undo', 'Marie']]);
    await again.close();
  });

  it('gives concurrent appends distinct versions, and refuses an append made on a version that moved', async () => {
    const store = await storage.open();
    const versions = await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(accept(`r${i}`, `question ${i}`)).then((c) => c.version)));
    assert.deepEqual(versions.sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
    await assert.rejects(store.append(accept('late', 'decided on version 7'), { after: 7 }), (err) => err instanceof OverlayConflictError && err.latest === 8);
    assert.equal((await store.append(accept('ok', 'decided on version 8'), { after: 8 })).version, 9);
    assert.equal(await store.version(), 9);
    await store.close();
  });

  it('takes an erased user out of every version, then records an erasure version; nothing of them is left', async () => {
    const store = await storage.open();
    await store.append(accept('a', 'Zéphyrin demande un tarif', 'alice'));
    await store.append({ ...accept('b', 'tarif ?', 'bob'), questions: [{ record: 'b', lang: 'fr', text: 'tarif ?', subject: 'bob' }, { record: 'c', lang: 'fr', text: 'Zéphyrin encore', subject: 'alice' }] });
    assert.equal(await store.eraseSubject('alice', new Date(at(3))), 2);
    const changes = await store.list();
    assert.deepEqual(changes.map((c) => [c.version, c.action, c.questions.map((q) => q.record)]), [[1, 'accept', []], [2, 'accept', ['b']], [3, 'erasure', []]]);
    assert.equal(changes[2]!.at, at(3));
    const left = await storage.stored();
    assert.ok(!left.includes('Zéphyrin') && !left.includes('alice'), left);
    assert.equal(await store.eraseSubject('alice', new Date(at(4))), 0, 'nothing left: no new version');
    assert.equal(await store.version(), 3);
    await store.close();
  });
});

describe('PgOverlayStore across instances', () => {
  const pg = usePostgres();

  it("tells every instance's watcher that a version was stored (NOTIFY at commit), and again after its connection came back", async () => {
    const notices = [new DbNotifications(pg.db), new DbNotifications(pg.db)];
    await Promise.all(notices.map((n) => n.start()));
    const [a, b] = notices.map((n) => new PgOverlayStore(pg.db, n)) as [PgOverlayStore, PgOverlayStore];
    let seenOnB = 0;
    b.watch(() => seenOnB++);
    try {
      const change = await a.append(accept('x', 'tarif ?'));
      await waitFor(() => seenOnB === 1, 'the notice on B');
      // B reads the row the notice announced.
      assert.equal(await b.version(), change.version);
      await a.eraseSubject('nobody', new Date(at(5)));
      // A notice missed while B's LISTEN connection was down: the reconnect calls the watcher too.
      await pg.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()`, [`LISTEN ${notices[1]!.channel}`]);
      await waitFor(() => seenOnB >= 2, 'the catch-up call after the reconnect', 10_000);
      await b.close();
      const before = seenOnB;
      await a.append(accept('y', 'remise ?'));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(seenOnB, before, 'closed: no more calls');
    } finally {
      await Promise.all(notices.map((n) => n.close()));
    }
  });
});
