import assert from 'node:assert/strict';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileLines } from '../../backend/store/fileLines.js';
import { JournalCollection, JournalCorruptError, journalPath } from '../../backend/store/index.js';
import type { BackendLogger } from '../../backend/logger.js';
import { useTempDir } from './tempDir.js';

interface Doc {
  n: number;
  tags?: string[];
}

function recordingLogger(): BackendLogger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (): void => {};
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (_obj, msg) => warnings.push(msg ?? '') };
}

describe('backend/store JournalCollection', () => {
  const tmp = useTempDir();
  const open = (extra: Partial<Parameters<typeof JournalCollection.open<Doc>>[0]> = {}) =>
    JournalCollection.open<Doc>({ dir: tmp.path, name: 'docs', fsync: false, ...extra });

  it('puts, gets, deletes and replays after reopen', async () => {
    const docs = await open();
    await docs.put('a', { n: 1 });
    await docs.put('b', { n: 2, tags: ['x'] });
    await docs.put('a', { n: 3 });
    assert.equal(await docs.delete('b'), true);
    assert.equal(await docs.delete('missing'), false);
    assert.deepEqual(await docs.get('a'), { n: 3 });
    await docs.close();

    const again = await open();
    assert.deepEqual(await again.get('a'), { n: 3 });
    assert.equal(await again.get('b'), undefined);
    assert.equal(await again.size(), 1);
    await again.close();
  });

  it('appends one line per put instead of rewriting the file', async () => {
    const docs = await open();
    await docs.put('a', { n: 1 });
    const before = (await stat(journalPath(tmp.path, 'docs'))).size;
    await docs.put('b', { n: 2 });
    const text = await readFile(journalPath(tmp.path, 'docs'), 'utf8');
    assert.ok(text.startsWith('{"k":"a","v":{"n":1}}\n'));
    assert.equal(text.length - before, '{"k":"b","v":{"n":2}}\n'.length);
    await docs.close();
  });

  it('hands out frozen copies, so the cache cannot be changed behind its back', async () => {
    const docs = await open();
    const value = { n: 1, tags: ['x'] };
    await docs.put('a', value);
    value.tags.push('changed after put');
    const stored = (await docs.get('a'))!;
    assert.deepEqual(stored.tags, ['x']);
    assert.throws(() => stored.tags!.push('y'), TypeError);
    await docs.close();
  });

  it('keeps creation order and serialises concurrent puts in call order', async () => {
    const docs = await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => docs.put(`k${i}`, { n: i })));
    await docs.put('k0', { n: 100 });
    const seen: number[] = [];
    for await (const d of docs.values()) seen.push(d.n);
    assert.deepEqual(seen, [100, ...Array.from({ length: 49 }, (_, i) => i + 1)]);
    await docs.close();
  });

  it('drops a torn last line on open, logs it, and appends cleanly afterwards', async () => {
    const docs = await open();
    await docs.put('a', { n: 1 });
    await docs.close();
    // A crash in the middle of a write: no newline, JSON cut short.
    await appendFile(journalPath(tmp.path, 'docs'), '{"k":"b","v":{"n":');
    const logger = recordingLogger();
    const again = await open({ logger });
    assert.equal(logger.warnings.length, 1);
    assert.equal(await again.get('b'), undefined);
    await again.put('c', { n: 3 });
    await again.close();
    const third = await open();
    assert.deepEqual(await third.get('c'), { n: 3 });
    assert.equal(await third.size(), 2);
    await third.close();
  });

  it('drops a zero-filled tail (power loss) but refuses garbage followed by valid lines', async () => {
    const file = journalPath(tmp.path, 'docs');
    await writeFile(file, '{"k":"a","v":{"n":1}}\n\0\0\0\0\n\0\0');
    const docs = await open({ logger: recordingLogger() });
    assert.equal(await docs.size(), 1);
    await docs.close();
    await writeFile(file, '{"k":"a","v":{"n":1}}\nnot json\n{"k":"b","v":{"n":2}}\n');
    await assert.rejects(open(), (err: unknown) => err instanceof JournalCorruptError && err.line === 2);
  });

  it('validates values on replay with the given parser, naming the file and key', async () => {
    await writeFile(journalPath(tmp.path, 'docs'), '{"k":"a","v":{"n":"one"}}\n');
    const parse = (raw: unknown): Doc => {
      if (typeof (raw as Doc).n !== 'number') throw new Error('n must be a number');
      return raw as Doc;
    };
    await assert.rejects(open({ parse }), /docs\.jsonl, key a: invalid value: n must be a number/);
  });

  it('compacts atomically once most bytes are superseded, keeping every live value', async () => {
    const docs = await open({ compactMinBytes: 200 });
    for (let i = 0; i < 30; i++) await docs.put(`k${i % 5}`, { n: i });
    await docs.flush();
    const lines = (await readFile(journalPath(tmp.path, 'docs'), 'utf8')).trim().split('\n');
    assert.ok(lines.length < 20, `expected a compacted journal, got ${lines.length} lines`);
    await docs.close();
    const again = await open();
    assert.deepEqual(
      await Promise.all(['k0', 'k1', 'k2', 'k3', 'k4'].map((k) => again.get(k))),
      [25, 26, 27, 28, 29].map((n) => ({ n })),
    );
    await again.close();
  });

  it('empties a journal whose every value was deleted: a delivered outbox body does not stay behind its delete marker', async () => {
    const outbox = await open();
    const body = 'personal-data '.repeat(200);
    await outbox.put('QR-1', { n: 1, tags: [body] });
    assert.ok((await readFile(journalPath(tmp.path, 'docs'), 'utf8')).includes('personal-data'));
    await outbox.delete('QR-1');
    await outbox.flush();
    assert.equal((await stat(journalPath(tmp.path, 'docs'))).size, 0);
    await outbox.close();
  });

  it('compact() on demand leaves deleted and superseded values in no file, whatever the thresholds', async () => {
    const docs = await open({ compactMinBytes: 1 << 30 });
    await docs.put('keep', { n: 1 });
    await docs.put('erase', { n: 2, tags: ['jeanne.martin@example.fr'] });
    await docs.put('keep', { n: 3 });
    await docs.delete('erase');
    assert.ok((await readFile(journalPath(tmp.path, 'docs'), 'utf8')).includes('jeanne.martin'));
    await docs.compact();
    assert.equal(await readFile(journalPath(tmp.path, 'docs'), 'utf8'), '{"k":"keep","v":{"n":3}}\n');
    assert.deepEqual(docs.stats(), { fileBytes: 25, liveBytes: 25 });
    await docs.put('after', { n: 4 });
    await docs.close();
    const again = await open();
    assert.deepEqual([await again.get('keep'), await again.get('after')], [{ n: 3 }, { n: 4 }]);
    await again.close();
  });

  it('keeps the file near the live size, so reopening reads the live data and not the history', async () => {
    const docs = await open();
    const big = 'x'.repeat(10_000);
    for (let i = 0; i < 300; i++) await docs.put(`k${i % 3}`, { n: i, tags: [big] });
    await docs.flush();
    const { fileBytes, liveBytes } = docs.stats();
    assert.equal((await stat(journalPath(tmp.path, 'docs'))).size, fileBytes);
    // 300 writes of 10 KB: 3 MB written, at most twice the live size (plus the threshold) kept.
    assert.ok(fileBytes <= 2 * liveBytes + 64 * 1024, `${fileBytes} bytes on disk for ${liveBytes} live`);
    await docs.close();
  });

  it('streams lines across chunk boundaries, long lines and multi-byte characters included', async () => {
    const file = join(tmp.path, 'lines.txt');
    const long = '数据'.repeat(5000);
    await writeFile(file, `a\n${long}\n\nb é\ntorn`);
    const lines = [];
    for await (const line of fileLines(file, 7)) lines.push(line);
    assert.deepEqual(lines.map((l) => l.text), ['a', long, '', 'b é', 'torn']);
    assert.deepEqual(lines.map((l) => l.terminated), [true, true, true, true, false]);
    assert.equal(lines.at(-1)!.start + lines.at(-1)!.bytes, (await stat(file)).size);
    for await (const _ of fileLines(join(tmp.path, 'absent'))) assert.fail('a missing file has no lines');
  });

  it('rejects writes after close', async () => {
    const docs = await open();
    await docs.close();
    await assert.rejects(docs.put('a', { n: 1 }), /closed/);
  });
});
