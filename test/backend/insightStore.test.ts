import assert from 'node:assert/strict';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileInsightStore } from '../../backend/insights/fileInsightStore.js';
import type { InsightRecord, TurnRecord } from '../../backend/insights/insightRecord.js';
import { collect } from '../../backend/insights/insightStore.js';
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

describe('backend/insights FileInsightStore', () => {
  const tmp = useTempDir();
  const dir = () => join(tmp.path, 'insights');

  it('keeps one file per UTC day and reads a time range, oldest first, across days', async () => {
    const store = await FileInsightStore.open(dir());
    await store.append(turn('2026-03-01T23:59:59.000Z', { text: 'a' }));
    await store.append(turn('2026-03-02T00:00:00.000Z', { text: 'b' }));
    await store.append(turn('2026-03-02T10:00:00.000Z', { text: 'c' }));
    await store.append(turn('2026-03-04T08:00:00.000Z', { text: 'd' }));
    assert.deepEqual((await readdir(dir())).sort(), ['records-2026-03-01.jsonl', 'records-2026-03-02.jsonl', 'records-2026-03-04.jsonl']);
    const texts = async (from: string, to: string) =>
      (await collect(store, { from: new Date(from), to: new Date(to) })).map((r) => (r as TurnRecord).text);
    assert.deepEqual(await texts('2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(await texts('2026-03-02T00:00:00Z', '2026-03-02T10:00:00Z'), ['b'], 'the end is exclusive');
    assert.deepEqual(await texts('2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z'), []);
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

  it("erases one subject's records from every day, nothing of them left in the files", async () => {
    const store = await FileInsightStore.open(dir());
    await store.append(turn('2026-03-01T10:00:00.000Z', { subject: 'alice-key', text: 'Zéphyrin asks' }));
    await store.append(turn('2026-03-02T10:00:00.000Z', { subject: 'alice-key', text: 'Zéphyrin again' }));
    await store.append(turn('2026-03-02T11:00:00.000Z', { subject: 'bob-key', text: 'bob asks' }));
    const search: InsightRecord = {
      id: 'k1', kind: 'kbSearch', at: '2026-03-02T12:00:00.000Z', subject: 'alice-key', conversation: 'c1',
      channel: 'webchat', lang: 'fr', ticket: 't1', advocate: 'Camille', query: 'Zéphyrin prix', results: ['pricing'],
    };
    await store.append(search);
    assert.equal(await store.eraseSubject('alice-key'), 3);
    const files = await Promise.all((await readdir(dir())).map((f) => readFile(join(dir(), f), 'utf8')));
    assert.ok(!files.join('').includes('Zéphyrin') && !files.join('').includes('alice-key'));
    assert.equal(await store.eraseSubject('alice-key'), 0, 'idempotent');
    assert.equal((await collect(store, { from: new Date('2026-01-01'), to: new Date('2027-01-01') })).length, 1);
    await store.close();
  });

  it('expires by age: whole days are deleted, the boundary day is cut at the instant', async () => {
    const store = await FileInsightStore.open(dir());
    await store.append(turn('2026-01-01T10:00:00.000Z'));
    await store.append(turn('2026-01-01T11:00:00.000Z'));
    await store.append(turn('2026-01-02T09:00:00.000Z'));
    await store.append(turn('2026-01-02T15:00:00.000Z'));
    await store.append(turn('2026-01-03T09:00:00.000Z'));
    assert.equal(await store.expire(new Date('2026-01-02T12:00:00.000Z')), 3);
    assert.deepEqual((await readdir(dir())).sort(), ['records-2026-01-02.jsonl', 'records-2026-01-03.jsonl']);
    const left = await collect(store, { from: new Date('2025-01-01'), to: new Date('2027-01-01') });
    assert.deepEqual(left.map((r) => r.at), ['2026-01-02T15:00:00.000Z', '2026-01-03T09:00:00.000Z']);
    // The store goes on after a day file was deleted.
    await store.append(turn('2026-01-01T12:00:00.000Z'));
    assert.equal((await collect(store, { from: new Date('2025-01-01'), to: new Date('2027-01-01') })).length, 3);
    await store.close();
  });
});
