import { mkdir, open, rename, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type BackendLogger } from '../logger.js';
import type { Collection } from './collection.js';
import { deepFreeze } from './deepFreeze.js';
import { replayJournal } from './journalReplay.js';

export interface JournalOptions<T> {
  /** Folder holding `<name>.jsonl`; created if missing. */
  dir: string;
  name: string;
  /** Validates each value on replay (e.g. a zod schema's `parse`); a throw stops the open. */
  parse?: (raw: unknown) => T;
  /**
   * `true` (default): each write batch is fdatasync'ed before `put` resolves, so an acknowledged
   * write survives a power loss. `false`: survives a process crash only (the OS holds the data).
   */
  fsync?: boolean;
  /**
   * Compact once superseded lines take at least this many bytes and at least as many as the live
   * values (default 64 KiB). A journal whose every value was deleted is emptied at once, whatever
   * its size: an outbox keeps no delivered body behind its delete marker.
   */
  compactMinBytes?: number;
  logger?: BackendLogger;
}

interface PendingWrite {
  /** The line to append; empty for a compaction request. */
  text: string;
  compact?: boolean;
  apply: () => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Embedded `Collection`: an append-only JSON-lines journal per collection, replayed into a Map on
 * open.
 *
 * Why not lowdb: its `write()` re-serialises the whole document, so filing one quote costs O(n);
 * here a put appends one line, O(1) whatever the size. Reads are served from memory.
 *
 * - Opening streams the file (`journalReplay.ts`): memory holds the live values, not the file,
 *   and a journal past 2 GiB still opens. Compaction keeps the file near the live size, so
 *   opening costs the live data, not the history.
 * - Writes are serialised in this process and group-committed: puts issued while a batch is
 *   being written go out together in one `write` + one `fdatasync`. The in-memory value changes
 *   only once its line is on disk, so readers never see an unacknowledged write.
 * - After a failed write the journal may end with a torn line, so the collection refuses further
 *   writes until it is reopened (reopening drops the torn tail).
 * - Compaction rewrites the live values into `<name>.jsonl.tmp`, fsyncs it and renames it over
 *   the journal (atomic on POSIX), then fsyncs the folder. It runs in the write queue when the
 *   superseded bytes outweigh the live ones (amortised O(1) per write), when nothing is live any
 *   more, or on demand (`compact()`, after an erasure: the old lines are then in no file).
 * - One process per DATA_DIR: there is no inter-process lock.
 */
export class JournalCollection<T> implements Collection<T> {
  readonly name: string;
  readonly file: string;
  #map: Map<string, T>;
  /** Bytes of each live value's line. */
  #sizes: Map<string, number>;
  #liveBytes: number;
  #fileBytes: number;
  #handle: FileHandle | undefined;
  #queue: PendingWrite[] = [];
  #draining: Promise<void> = Promise.resolve();
  #drainRunning = false;
  #failure: unknown;
  #closed = false;
  /** File size below which a failed compaction is not retried. */
  #nextCompactionAt = 0;
  readonly #fsync: boolean;
  readonly #compactMinBytes: number;
  readonly #log: BackendLogger;

  private constructor(options: JournalOptions<T>, map: Map<string, T>, sizes: Map<string, number>, fileBytes: number, handle: FileHandle) {
    this.name = options.name;
    this.file = journalPath(options.dir, options.name);
    this.#map = map;
    this.#sizes = sizes;
    this.#liveBytes = sum(sizes.values());
    this.#fileBytes = fileBytes;
    this.#handle = handle;
    this.#fsync = options.fsync ?? true;
    this.#compactMinBytes = options.compactMinBytes ?? 64 * 1024;
    this.#log = options.logger ?? silentLogger;
  }

  static async open<T>(options: JournalOptions<T>): Promise<JournalCollection<T>> {
    const log = options.logger ?? silentLogger;
    await mkdir(options.dir, { recursive: true });
    const file = journalPath(options.dir, options.name);
    const replay = await replayJournal(file);
    if (replay.tornBytes > 0) {
      log.warn({ file, tornBytes: replay.tornBytes }, 'store: dropped a torn write at the end of the journal');
      await truncate(file, replay.goodBytes);
    }
    const map = new Map<string, T>();
    for (const [key, raw] of replay.records) {
      let value: T;
      try {
        value = options.parse ? options.parse(raw) : (raw as T);
      } catch (err) {
        throw new Error(`store: ${file}, key ${key}: invalid value: ${(err as Error).message}`);
      }
      map.set(key, deepFreeze(value));
    }
    const handle = await open(file, 'a');
    const fileBytes = (await stat(file)).size;
    const collection = new JournalCollection(options, map, replay.sizes, fileBytes, handle);
    log.debug({ file, size: map.size, lines: replay.lines, bytes: fileBytes }, 'store: journal replayed');
    if (collection.#shouldCompact()) await collection.#compact();
    return collection;
  }

  async get(key: string): Promise<T | undefined> {
    return this.#map.get(key);
  }

  put(key: string, value: T): Promise<void> {
    // The cached copy is what a replay would produce, so memory and disk never disagree.
    const json = JSON.stringify(value);
    if (json === undefined) return Promise.reject(new TypeError(`store: ${this.name}/${key}: value is not JSON`));
    const text = `{"k":${JSON.stringify(key)},"v":${json}}\n`;
    return this.#enqueue({
      text,
      apply: () => {
        this.#map.set(key, deepFreeze(JSON.parse(json) as T));
        this.#setSize(key, Buffer.byteLength(text));
      },
    });
  }

  async delete(key: string): Promise<boolean> {
    // Always queued, so a delete after a still-pending put of the same key is ordered after it.
    let existed = false;
    await this.#enqueue({
      text: `{"k":${JSON.stringify(key)},"d":1}\n`,
      apply: () => {
        existed = this.#map.delete(key);
        this.#setSize(key, 0);
      },
    });
    return existed;
  }

  async *values(): AsyncIterable<T> {
    yield* this.#map.values();
  }

  async size(): Promise<number> {
    return this.#map.size;
  }

  /** Rewrites the journal with the live values only, after the writes queued so far. */
  compact(): Promise<void> {
    return this.#enqueue({ text: '', compact: true, apply: () => {} });
  }

  /** Bytes on disk and bytes a compaction would keep. */
  stats(): { fileBytes: number; liveBytes: number } {
    return { fileBytes: this.#fileBytes, liveBytes: this.#liveBytes };
  }

  async flush(): Promise<void> {
    while (this.#drainRunning) await this.#draining;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.flush();
    await this.#handle?.close();
    this.#handle = undefined;
  }

  #setSize(key: string, bytes: number): void {
    this.#liveBytes += bytes - (this.#sizes.get(key) ?? 0);
    if (bytes) this.#sizes.set(key, bytes);
    else this.#sizes.delete(key);
  }

  #enqueue(write: Omit<PendingWrite, 'resolve' | 'reject'>): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`store: ${this.name} is closed`));
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ ...write, resolve, reject });
      if (!this.#drainRunning) {
        this.#drainRunning = true;
        this.#draining = this.#drain();
      }
    });
  }

  /** Writes queued batches one after another until the queue is empty. */
  async #drain(): Promise<void> {
    for (;;) {
      if (this.#queue.length === 0) {
        // Cleared in the same tick the loop sees an empty queue, so no later put can be stranded.
        this.#drainRunning = false;
        return;
      }
      const batch = this.#queue.splice(0);
      const writes = batch.filter((w) => !w.compact);
      const compactions = batch.filter((w) => w.compact);
      try {
        if (this.#failure) throw this.#failure;
        if (writes.length) {
          const text = writes.map((w) => w.text).join('');
          await this.#handle!.appendFile(text);
          if (this.#fsync) await this.#handle!.datasync();
          this.#fileBytes += Buffer.byteLength(text);
        }
        for (const w of writes) {
          w.apply();
          w.resolve();
        }
      } catch (err) {
        this.#failure ??= err;
        this.#log.error({ file: this.file, err: (err as Error).message }, 'store: write failed; reopen the store');
        for (const w of batch) w.reject(err);
        continue;
      }
      if (compactions.length || this.#shouldCompact()) {
        const failed = await this.#compact();
        for (const w of compactions) {
          if (failed) w.reject(failed);
          else w.resolve();
        }
      }
    }
  }

  #shouldCompact(): boolean {
    const dead = this.#fileBytes - this.#liveBytes;
    if (dead <= 0 || this.#fileBytes < this.#nextCompactionAt) return false;
    return this.#map.size === 0 || (dead >= this.#compactMinBytes && dead >= this.#liveBytes);
  }

  /** Never throws: a failed compaction leaves the (valid) journal as it was, returns the error, and is retried later. */
  async #compact(): Promise<unknown> {
    const started = Date.now();
    const tmp = `${this.file}.tmp`;
    let sizes: Map<string, number>;
    try {
      sizes = await writeSnapshot(tmp, this.#map);
      await rename(tmp, this.file);
    } catch (err) {
      this.#nextCompactionAt = this.#fileBytes + this.#compactMinBytes;
      this.#log.warn({ file: this.file, err: (err as Error).message }, 'store: compaction failed; journal kept');
      await rm(tmp, { force: true }).catch(() => {});
      return err;
    }
    try {
      await syncFolder(this.file);
      const old = this.#handle!;
      this.#handle = await open(this.file, 'a');
      await old.close();
    } catch (err) {
      this.#failure ??= err;
      this.#log.error({ file: this.file, err: (err as Error).message }, 'store: cannot reopen after compaction');
      return err;
    }
    const before = this.#fileBytes;
    this.#sizes = sizes;
    this.#liveBytes = sum(sizes.values());
    this.#fileBytes = this.#liveBytes;
    this.#nextCompactionAt = 0;
    this.#log.info({ file: this.file, before, after: this.#fileBytes, ms: Date.now() - started }, 'store: journal compacted');
    return undefined;
  }
}

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

/** Writes the live values as a fresh journal; returns each line's size. */
async function writeSnapshot(file: string, map: Map<string, unknown>): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  const out = await open(file, 'w');
  try {
    let chunk: string[] = [];
    for (const [key, value] of map) {
      const line = `{"k":${JSON.stringify(key)},"v":${JSON.stringify(value)}}\n`;
      sizes.set(key, Buffer.byteLength(line));
      chunk.push(line);
      if (chunk.length === 1000) {
        await out.appendFile(chunk.join(''));
        chunk = [];
      }
    }
    if (chunk.length) await out.appendFile(chunk.join(''));
    await out.sync();
  } finally {
    await out.close();
  }
  return sizes;
}

export function journalPath(dir: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`store: bad collection name ${JSON.stringify(name)}`);
  return join(dir, `${name}.jsonl`);
}

/** Makes the rename itself durable. */
export async function syncFolder(file: string): Promise<void> {
  const dir = await open(join(file, '..'), 'r');
  try {
    await dir.sync();
  } catch {
    // Some file systems (and Windows) cannot fsync a folder; the rename is still atomic.
  } finally {
    await dir.close();
  }
}
