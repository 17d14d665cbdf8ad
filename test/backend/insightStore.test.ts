import assert from 'node:assert/strict';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../backend/db/database.js';
import { FileInsightStore } from '../../backend/insights/fileInsightStore.js';
import type { InsightRecord, TurnRecord } from '../../backend/insights/insightRecord.js';
import { collect, type InsightStore } from '../../backend/insights/insightStore.js';
import { PgInsightStore } from '../../backend/insights/pgInsightStore.js';
import { usePostgres } from '../support/postgres.js';
import { useTempDir } from './tempDir.js';

let n = 0;
const turn = (at: string, extra: Partial<TurnRecord> = {}): TurnRecord => ({
  id: `r${n++}`,
  kind: 'turn',
  at,
  conversation: 'c1',
  channel: 'webchat',
  lang: 'fr',
  ...extra,
});
const ALL = { from: new Date('2025-01-01'), to: new Date('2027-01-01') };

/**
 * The InsightStore contract, on each implementation: `open` opens the store on this test's
 * storage (again: a restart, or another instance on the same database), `stored` is everything
 * it holds as text (every file, every row), to check that nothing of an erased user is left.
 */
interface InsightStorage {
  open(): Promise<InsightStore>;
  stored(): Promise<string>;
}

function useInsightStorage(kind: 'embedded' | 'postgres'): InsightStorage {
  if (kind === 'embedded') {
    const tmp = useTempDir();
    const dir = () => join(tmp.path, 'insights');
    return {
      open: () => FileInsightStore.open(dir()),
      stored: async () => (await Promise.all((await readdir(dir())).map((f) => readFile(join(dir(), f), 'utf8')))).join(''),
    };
  }
  const pg = usePostgres();
  return {
    open: async () => new PgInsightStore(pg.db as Database),
    stored: async () => JSON.stringify((await pg.db.query('SELECT * FROM insight_records')).rows),
  };
}

for (const kind of ['embedded', 'postgres'] as const) describe(`InsightStore contract: ${kind}`, () => {
  const storage = useInsightStorage(kind);

  it('reads a time range oldest first across days, the end exclusive; records of one instant in the order written', async () => {
    const store = await storage.open();
    // A later day written first (another instance's clock, an import): still read in day order.
    await store.append(turn('2026-03-04T08:00:00.000Z', { text: 'd1' }));
    await store.append(turn('2026-03-01T23:59:59.000Z', { text: 'a' }));
    await store.append(turn('2026-03-02T00:00:00.000Z', { text: 'b' }));
    await store.append(turn('2026-03-02T10:00:00.000Z', { text: 'c' }));
    await store.append(turn('2026-03-04T08:00:00.000Z', { text: 'd2' }));
    const texts = async (from: string, to: string) =>
      (await collect(store, { from: new Date(from), to: new Date(to) })).map((r) => (r as TurnRecord).text);
    assert.deepEqual(await texts('2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z'), ['a', 'b', 'c', 'd1', 'd2']);
    assert.deepEqual(await texts('2026-03-02T00:00:00Z', '2026-03-02T10:00:00Z'), ['b'], 'the end is exclusive');
    assert.deepEqual(await texts('2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z'), []);
    await store.close();
  });

  it('gives back every field of both kinds of record, after a reopen', async () => {
    const first = await storage.open();
    const asked = turn('2026-03-01T10:00:00.000Z', {
      subject: 'alice-key', text: '能不能先开形式发票', lang: 'zh',
      faq: { decision: 'clarify', candidates: [{ id: 'pay-invoice', score: 0.61 }, { id: 'pricing', score: 0.4 }], via: 'engine', confidence: 0.55 },
    });
    const search: InsightRecord = {
      id: 'k1', kind: 'kbSearch', at: '2026-03-01T10:05:00.000Z', conversation: 'c1', channel: 'msteams', lang: 'zh',
      ticket: 't1', advocate: 'Camille', query: '形式发票', results: ['pay-invoice'], used: 'pay-invoice',
    };
    await first.append(asked);
    await first.append(search);
    await first.flush();
    await first.close();
    const store = await storage.open();
    assert.deepEqual(await collect(store, ALL), [asked, search]);
    await store.close();
  });

  it('reads a long range completely (more records than one page)', async () => {
    const store = await storage.open();
    const base = Date.parse('2026-05-01T00:00:00.000Z');
    // Two records per millisecond: pages must not cut between records of one instant.
    for (let i = 0; i < 2500; i++) await store.append(turn(new Date(base + Math.floor(i / 2)).toISOString(), { text: `q${i}` }));
    const texts = (await collect(store, ALL)).map((r) => (r as TurnRecord).text);
    assert.deepEqual(texts, Array.from({ length: 2500 }, (_, i) => `q${i}`));
    await store.close();
  });

  it('finds records by id within a range, and none outside it or unknown', async () => {
    const store = await storage.open();
    const [a, b, c] = [turn('2026-03-01T10:00:00.000Z', { text: 'a' }), turn('2026-03-02T10:00:00.000Z', { text: 'b' }), turn('2026-03-03T10:00:00.000Z', { text: 'c' })];
    for (const r of [a, b, c]) await store.append(r);
    const range = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') };
    assert.deepEqual((await store.find([c.id, a.id, 'unknown', b.id], range)).map((r) => (r as TurnRecord).text), ['b', 'c']);
    assert.deepEqual(await store.find([], range), []);
    await store.close();
  });

  it("erases one subject's records (turns and knowledge searches), nothing of them left in the store", async () => {
    const store = await storage.open();
    await store.append(turn('2026-03-01T10:00:00.000Z', { subject: 'alice-key', text: 'Zéphyrin asks' }));
    await store.append(turn('2026-03-02T10:00:00.000Z', { subject: 'alice-key', text: 'Zéphyrin again' }));
    await store.append(turn('2026-03-02T11:00:00.000Z', { subject: 'bob-key', text: 'bob asks' }));
    await store.append({
      id: 'k1', kind: 'kbSearch', at: '2026-03-02T12:00:00.000Z', subject: 'alice-key', conversation: 'c1',
      channel: 'webchat', lang: 'fr', ticket: 't1', advocate: 'Camille', query: 'Zéphyrin prix', results: ['pricing'],
    });
    assert.equal(await store.eraseSubject('alice-key'), 3);
    const left = await storage.stored();
    assert.ok(!left.includes('Zéphyrin') && !left.includes('alice-key'), left);
    assert.equal(await store.eraseSubject('alice-key'), 0, 'idempotent');
    assert.deepEqual((await collect(store, ALL)).map((r) => (r as TurnRecord).text), ['bob asks']);
    await store.close();
  });

  it('expires what was written before the cutoff instant, and goes on after', async () => {
    const store = await storage.open();
    await store.append(turn('2026-01-01T10:00:00.000Z'));
    await store.append(turn('2026-01-01T11:00:00.000Z'));
    await store.append(turn('2026-01-02T09:00:00.000Z'));
    await store.append(turn('2026-01-02T15:00:00.000Z'));
    await store.append(turn('2026-01-03T09:00:00.000Z'));
    assert.equal(await store.expire(new Date('2026-01-02T12:00:00.000Z')), 3);
    assert.deepEqual((await collect(store, ALL)).map((r) => r.at), ['2026-01-02T15:00:00.000Z', '2026-01-03T09:00:00.000Z']);
    assert.equal(await store.expire(new Date('2026-01-02T12:00:00.000Z')), 0);
    await store.append(turn('2026-01-01T12:00:00.000Z'));
    assert.equal((await collect(store, ALL)).length, 3);
    await store.close();
  });
});

describe('backend/insights FileInsightStore on disk', () => {
  const tmp = useTempDir();
  const dir = () => join(tmp.path, 'insights');

  it('keeps one file per UTC day', async () => {
    const store = await FileInsightStore.open(dir());
    await store.append(turn('2026-03-01T23:59:59.000Z'));
    await store.append(turn('2026-03-02T00:00:00.000Z'));
    await store.append(turn('2026-03-04T08:00:00.000Z'));
    assert.deepEqual((await readdir(dir())).sort(), ['records-2026-03-01.jsonl', 'records-2026-03-02.jsonl', 'records-2026-03-04.jsonl']);
    await store.close();
  });

  it('reopens what it wrote, drops a torn last line and skips a line that is not a record', async () => {
    const first = await FileInsightStore.open(dir());
    await first.append(turn('2026-03-01T10:00:00.000Z', { text: 'kept' }));
    await first.close();
    const file = join(dir(), 'records-2026-03-01.jsonl');
    await appendFile(file, '{"k":"x","v":{"kind":"nonsense"}}\n{"k":"torn","v":{"ki');
    const store = await FileInsightStore.open(dir());
    await store.append(turn('2026-03-01T11:00:00.000Z', { text: 'after' }));
    const all = await collect(store, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') });
    assert.deepEqual(all.map((r) => (r as TurnRecord).text), ['kept', 'after']);
    await store.close();
  });

  it('expires whole days by deleting their files; the boundary day is cut at the instant', async () => {
    const store = await FileInsightStore.open(dir());
    await store.append(turn('2026-01-01T10:00:00.000Z'));
    await store.append(turn('2026-01-02T09:00:00.000Z'));
    await store.append(turn('2026-01-02T15:00:00.000Z'));
    assert.equal(await store.expire(new Date('2026-01-02T12:00:00.000Z')), 2);
    assert.deepEqual((await readdir(dir())).sort(), ['records-2026-01-02.jsonl']);
    await store.close();
  });
});

describe('backend/insights PgInsightStore', () => {
  const pg = usePostgres();

  it('skips a row it cannot read (written by a newer version) instead of failing the whole range', async () => {
    const store = new PgInsightStore(pg.db);
    await store.append(turn('2026-03-01T10:00:00.000Z', { text: 'kept' }));
    await pg.db.query(`INSERT INTO insight_records (id, at, kind, conversation, record) VALUES ('future', '2026-03-01T11:00:00Z', 'poll', 'c1', '{"kind":"poll"}')`);
    assert.deepEqual((await collect(store, ALL)).map((r) => (r as TurnRecord).text), ['kept']);
  });

  it('keeps a record id stored once (an import run twice)', async () => {
    const store = new PgInsightStore(pg.db);
    const record = turn('2026-03-01T10:00:00.000Z', { text: 'once' });
    await store.append(record);
    await store.append({ ...record, text: 'twice' });
    assert.deepEqual((await collect(store, ALL)).map((r) => (r as TurnRecord).text), ['once']);
  });
});
