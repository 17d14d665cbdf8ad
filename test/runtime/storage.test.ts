import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { LowdbStorage } from '../../bot/storage/lowdbStorage.js';
import type { StateStore } from '../../bot/storage/stateStore.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ra-storage-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const implementations: Array<[string, () => Storage]> = [
  ['MemoryStorage', () => new MemoryStorage()],
  ['LowdbStorage', () => new LowdbStorage(tempDir())],
];

for (const [name, make] of implementations) {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(() => (storage = make()));

    it('reads nothing for unknown keys', async () => {
      assert.deepEqual(await storage.read(['missing']), {});
    });

    it('writes, reads back and assigns an eTag', async () => {
      await storage.write({ a: { count: 1 } });
      const { a } = await storage.read(['a']);
      assert.equal(a.count, 1);
      assert.equal(typeof a.eTag, 'string');
    });

    it('rejects a stale eTag and keeps the newer value', async () => {
      await storage.write({ a: { count: 1 } });
      const first = (await storage.read(['a'])).a;
      await storage.write({ a: { ...first, count: 2 } });
      await assert.rejects(storage.write({ a: { ...first, count: 3 } }), /eTag conflict/);
      assert.equal((await storage.read(['a'])).a.count, 2);
    });

    it('overwrites with eTag "*" and without an eTag', async () => {
      await storage.write({ a: { count: 1 } });
      await storage.write({ a: { count: 2, eTag: '*' } });
      assert.equal((await storage.read(['a'])).a.count, 2);
      await storage.write({ a: { count: 3 } });
      assert.equal((await storage.read(['a'])).a.count, 3);
    });

    it('lets exactly one of two writers with the same eTag win', async () => {
      await storage.write({ a: { count: 0 } });
      const seen = (await storage.read(['a'])).a;
      const results = await Promise.allSettled([
        storage.write({ a: { ...seen, count: 1 } }),
        storage.write({ a: { ...seen, count: 2 } }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    });

    it('deletes', async () => {
      await storage.write({ a: { count: 1 }, b: { count: 2 } });
      await storage.delete(['a']);
      assert.deepEqual(Object.keys(await storage.read(['a', 'b'])), ['b']);
    });

    it('returns copies: changing a read item does not change the store', async () => {
      await storage.write({ a: { list: [1] } });
      const item = (await storage.read(['a'])).a;
      item.list.push(2);
      assert.deepEqual((await storage.read(['a'])).a.list, [1]);
    });
  });
}

describe('LowdbStorage on disk', () => {
  it('survives a restart (a new instance on the same folder)', async () => {
    const dir = tempDir();
    const before = new LowdbStorage(dir);
    await before.write({ 'webchat/conversations/c1/': { dialogState: { dialogStack: [{ id: 'main' }] } } });
    await before.flush();
    const after = new LowdbStorage(dir);
    const item = (await after.read(['webchat/conversations/c1/']))['webchat/conversations/c1/'];
    assert.deepEqual(item.dialogState, { dialogStack: [{ id: 'main' }] });
  });

  it('keeps one file per key, and a stale eTag is still refused after a restart', async () => {
    const dir = tempDir();
    const first = new LowdbStorage(dir);
    await first.write({ x: { v: 1 }, y: { v: 2 } });
    const seen = (await first.read(['x'])).x;
    await first.write({ x: { ...seen, v: 3 } });
    await first.flush();
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 2);
    const second = new LowdbStorage(dir);
    await assert.rejects(second.write({ x: { ...seen, v: 4 } }), /eTag conflict/);
  });

  it('re-reads an evicted key from disk', async () => {
    const storage = new LowdbStorage(tempDir(), { maxCached: 2 });
    await storage.write({ a: { v: 1 } });
    await storage.write({ b: { v: 2 } });
    await storage.flush();
    await storage.write({ c: { v: 3 } });
    assert.equal((await storage.read(['a'])).a.v, 1);
  });

  it('coalesces rapid changes of one key and ends with the last value on disk', async () => {
    const dir = tempDir();
    const storage = new LowdbStorage(dir);
    for (let v = 1; v <= 50; v++) await storage.write({ k: { v } });
    await storage.delete(['gone']);
    await storage.flush();
    assert.equal((await new LowdbStorage(dir).read(['k'])).k.v, 50);
  });

  it('a delete right after a write leaves no file behind', async () => {
    const dir = tempDir();
    const storage = new LowdbStorage(dir);
    await storage.write({ k: { v: 1 } });
    await storage.delete(['k']);
    await storage.flush();
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 0);
  });
});

/** The lifecycle a state store adds to botbuilder's Storage (a database implementation joins this list). */
const stateStores: Array<[string, (dir: string, now: () => Date) => StateStore]> = [
  ['LowdbStorage', (dir, now) => new LowdbStorage(dir, { now })],
];

for (const [name, make] of stateStores) {
  describe(`StateStore contract: ${name}`, () => {
    const DAY = 86_400_000;
    let clock: Date;
    const now = () => clock;
    beforeEach(() => (clock = new Date('2026-03-01T09:00:00Z')));

    it('expires what nobody wrote or read for the TTL, across a restart, and keeps the rest', async () => {
      const dir = tempDir();
      const first = make(dir, now);
      await first.write({ old: { n: 1 }, readDaily: { n: 2 } });
      clock = new Date(clock.getTime() + 20 * DAY);
      await first.read(['readDaily']);
      await first.write({ recent: { n: 3 } });
      await first.flush();
      clock = new Date(clock.getTime() + 15 * DAY);
      const second = make(dir, now);
      assert.equal(await second.expire(new Date(clock.getTime() - 30 * DAY)), 1);
      assert.deepEqual(Object.keys(await second.read(['old', 'readDaily', 'recent'])).sort(), ['readDaily', 'recent']);
      await second.flush();
      assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 2);
    });

    it("erases every item listing a subject in dataSubjects, and only those, from the disk", async () => {
      const dir = tempDir();
      const store = make(dir, now);
      await store.write({
        'webchat/conversations/c1/': { dataSubjects: ['alice'], draft: 'Zéphyrin' },
        'webchat/conversations/group/': { dataSubjects: ['bob', 'alice'] },
        'webchat/users/alice/': { dataSubjects: ['alice'], profile: { lang: 'fr' } },
        'webchat/conversations/c2/': { dataSubjects: ['bob'] },
      });
      const erased = await store.eraseSubject('alice');
      assert.deepEqual(erased.sort(), ['webchat/conversations/c1/', 'webchat/conversations/group/', 'webchat/users/alice/']);
      assert.deepEqual(Object.keys(await store.read(['webchat/conversations/c1/', 'webchat/conversations/c2/'])), ['webchat/conversations/c2/']);
      assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 1);
      assert.deepEqual(await store.eraseSubject('alice'), []);
    });
  });
}
