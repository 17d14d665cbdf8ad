import { mkdir, open, readFile, rename, rm, truncate, type FileHandle } from 'node:fs/promises';
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
  /** Compact once the journal has at least this many lines and half of them are superseded. */
  compactMinLines?: number;
  logger?: BackendLogger;
}

interface PendingWrite {
  text: string;
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
 * - Writes are serialised in this process and group-committed: puts issued while a batch is
 *   being written go out together in one `write` + one `fdatasync`. The in-memory value changes
 *   only once its line is on disk, so readers never see an unacknowledged write.
 * - After a failed write the journal may end with a torn line, so the collection refuses further
 *   writes until it is reopened (reopening drops the torn tail; see `journalReplay.ts`).
 * - Compaction rewrites the live values into `<name>.jsonl.tmp`, fsyncs it and renames it over
 *   the journal (atomic on POSIX), then fsyncs the folder. It runs in the write queue, when at
 *   least half the lines are superseded, so its O(n) cost is amortised over as many writes.
 * - One process per DATA_DIR: there is no inter-process lock.
 */
export class JournalCollection<T> implements Collection<T> {
  readonly name: string;
  readonly file: string;
  #map: Map<string, T>;
  #lines: number;
  #handle: FileHandle | undefined;
  #queue: PendingWrite[] = [];
  #draining: Promise<void> = Promise.resolve();
  #drainRunning = false;
  #failure: unknown;
  #closed = false;
  /** Line count below which a failed compaction is not retried. */
  #nextCompactionAt = 0;
  readonly #fsync: boolean;
  readonly #compactMinLines: number;
  readonly #log: BackendLogger;

  private constructor(options: JournalOptions<T>, map: Map<string, T>, lines: number, handle: FileHandle) {
    this.name = options.name;
    this.file = journalPath(options.dir, options.name);
    this.#map = map;
    this.#lines = lines;
    this.#handle = handle;
    this.#fsync = options.fsync ?? true;
    this.#compactMinLines = options.compactMinLines ?? 1000;
    this.#log = options.logger ?? silentLogger;
  }

  static async open<T>(options: JournalOptions<T>): Promise<JournalCollection<T>> {
    const log = options.logger ?? silentLogger;
    await mkdir(options.dir, { recursive: true });
    const file = journalPath(options.dir, options.name);
    const buf = await readFile(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return Buffer.alloc(0);
      throw err;
    });
    const replay = replayJournal(buf, file);
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
    const collection = new JournalCollection(options, map, replay.lines, handle);
    log.debug({ file, size: map.size, lines: replay.lines }, 'store: journal replayed');
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
    return this.#enqueue({
      text: `{"k":${JSON.stringify(key)},"v":${json}}\n`,
      apply: () => {
        this.#map.set(key, deepFreeze(JSON.parse(json) as T));
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
      try {
        if (this.#failure) throw this.#failure;
        await this.#handle!.appendFile(batch.map((w) => w.text).join(''));
        if (this.#fsync) await this.#handle!.datasync();
        for (const w of batch) {
          this.#lines++;
          w.apply();
          w.resolve();
        }
      } catch (err) {
        this.#failure ??= err;
        this.#log.error({ file: this.file, err: (err as Error).message }, 'store: write failed; reopen the store');
        for (const w of batch) w.reject(err);
        continue;
      }
      if (this.#shouldCompact()) await this.#compact();
    }
  }

  #shouldCompact(): boolean {
    return (
      this.#lines >= this.#compactMinLines &&
      this.#lines >= 2 * this.#map.size &&
      this.#lines >= this.#nextCompactionAt
    );
  }

  /** Never throws: a failed compaction leaves the (valid) journal as it was and is retried later. */
  async #compact(): Promise<void> {
    const started = Date.now();
    const tmp = `${this.file}.tmp`;
    try {
      await writeSnapshot(tmp, this.#map);
      await rename(tmp, this.file);
    } catch (err) {
      this.#nextCompactionAt = this.#lines + this.#compactMinLines;
      this.#log.warn({ file: this.file, err: (err as Error).message }, 'store: compaction failed; journal kept');
      await rm(tmp, { force: true }).catch(() => {});
      return;
    }
    try {
      await syncFolder(this.file);
      const old = this.#handle!;
      this.#handle = await open(this.file, 'a');
      await old.close();
    } catch (err) {
      this.#failure ??= err;
      this.#log.error({ file: this.file, err: (err as Error).message }, 'store: cannot reopen after compaction');
      return;
    }
    const before = this.#lines;
    this.#lines = this.#map.size;
    this.#nextCompactionAt = 0;
    this.#log.info({ file: this.file, before, after: this.#lines, ms: Date.now() - started }, 'store: journal compacted');
  }
}

async function writeSnapshot(file: string, map: Map<string, unknown>): Promise<void> {
  const out = await open(file, 'w');
  try {
    let chunk: string[] = [];
    for (const [key, value] of map) {
      chunk.push(`{"k":${JSON.stringify(key)},"v":${JSON.stringify(value)}}\n`);
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
}

export function journalPath(dir: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) throw new Error(`store: bad collection name ${JSON.stringify(name)}`);
  return join(dir, `${name}.jsonl`);
}

/** Makes the rename itself durable. */
async function syncFolder(file: string): Promise<void> {
  const dir = await open(join(file, '..'), 'r');
  try {
    await dir.sync();
  } catch {
    // Some file systems (and Windows) cannot fsync a folder; the rename is still atomic.
  } finally {
    await dir.close();
  }
}
