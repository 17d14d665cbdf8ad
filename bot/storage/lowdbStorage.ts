import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { StoreItems } from 'botbuilder';
import { DATA_SUBJECTS, type StateStore } from './stateStore.js';

interface Doc {
  key: string;
  item: Record<string, unknown> & { eTag: string };
  /** Last write, or last read once a `touchEvery` has passed (ISO); the file's mtime before it was recorded. */
  touchedAt?: string;
}

export interface LowdbStorageOptions {
  /** Keys whose documents stay in memory (least recently used dropped first). */
  maxCached?: number;
  /** Clock, for expiry tests. */
  now?: () => Date;
  /** A read refreshes the touch time at most this often (default 12 h): reads then cost no write. */
  touchEveryMs?: number;
}

interface Entry {
  db: Low<Doc | null>;
  file: string;
  /** The file write in progress, if any. */
  writing?: Promise<void>;
  /** A newer value arrived while writing: write again when done. */
  dirty: boolean;
}

/**
 * Bot state on lowdb, one small file per storage key under `dir`. One file for
 * all conversations would be rewritten whole on every turn; a file per key keeps
 * a turn's write proportional to its own state. lowdb's JSONFile writes through
 * steno (temp file + rename), so a crash never leaves half a document.
 *
 * Each document records when it was last touched, so state nobody used for STATE_TTL_DAYS is
 * deleted by `expire`, and which users it belongs to (`dataSubjects`), for `eraseSubject`.
 *
 * eTags follow botbuilder's MemoryStorage: a write with a stale eTag is refused,
 * `*` or no eTag overwrites. Check-and-set runs synchronously on the cached copy,
 * so concurrent turns in this process are serialised; several processes need a
 * shared database instead (see README).
 *
 * Writes are write-behind: `write` updates the cached copy (what every later
 * read sees) and the file follows at once in the background, several changes of
 * the same key coalescing into one file write. A turn thus never waits on the
 * disk; a crash can lose the last few milliseconds of conversation state
 * (quote requests and tickets have their own durable journals). `flush` waits
 * for the files, and runs at shutdown.
 */
export class LowdbStorage implements StateStore {
  private readonly cache = new Map<string, Entry>();
  private readonly writes = new Set<Promise<void>>();
  private seq = 0;
  private readonly prefix = Date.now().toString(36);
  private readonly maxCached: number;
  private readonly now: () => Date;
  private readonly touchEveryMs: number;

  constructor(private readonly dir: string, options: LowdbStorageOptions = {}) {
    mkdirSync(dir, { recursive: true });
    this.maxCached = options.maxCached ?? 5000;
    this.now = options.now ?? (() => new Date());
    this.touchEveryMs = options.touchEveryMs ?? 12 * 3_600_000;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = await this.open(key);
      const doc = entry.db.data;
      if (!doc) continue;
      items[key] = structuredClone(doc.item);
      const now = this.now();
      if (!doc.touchedAt || now.getTime() - Date.parse(doc.touchedAt) >= this.touchEveryMs) {
        doc.touchedAt = now.toISOString();
        this.persist(entry);
      }
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = await Promise.all(Object.keys(changes).map(async (key) => [key, await this.open(key)] as const));
    // Check every eTag before touching anything, so a conflict writes nothing.
    for (const [key, { db }] of entries) {
      const incoming = changes[key] as { eTag?: string };
      const current = db.data?.item.eTag;
      if (current && incoming.eTag && incoming.eTag !== '*' && incoming.eTag !== current) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    const touchedAt = this.now().toISOString();
    for (const [key, entry] of entries) {
      entry.db.data = { key, item: { ...structuredClone(changes[key]), eTag: `${this.prefix}-${++this.seq}` }, touchedAt };
      this.persist(entry);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const entry = await this.open(key);
      entry.db.data = null;
      this.persist(entry);
    }
  }

  async expire(cutoff: Date): Promise<number> {
    const before = cutoff.toISOString();
    return (await this.deleteWhere((doc, mtime) => (doc.touchedAt ?? mtime) < before)).length;
  }

  async eraseSubject(subject: string): Promise<string[]> {
    return this.deleteWhere((doc) => {
      const subjects = doc.item[DATA_SUBJECTS];
      return Array.isArray(subjects) && subjects.includes(subject);
    });
  }

  /**
   * Walks the folder (one small file per key, so memory stays flat) and deletes the documents
   * `condemn` picks, through the same write-behind path as `delete`. Resolves once the files are gone.
   */
  private async deleteWhere(condemn: (doc: Doc, mtime: string) => boolean): Promise<string[]> {
    const deleted: string[] = [];
    await this.flush(); // every cached document now has its file
    for (const name of await readdir(this.dir)) {
      if (!name.endsWith('.json')) continue;
      const file = join(this.dir, name);
      let doc: Doc | null;
      let mtime: string;
      try {
        [doc, mtime] = await Promise.all([
          readFile(file, 'utf8').then((text) => JSON.parse(text) as Doc | null),
          stat(file).then((s) => s.mtime.toISOString()),
        ]);
      } catch {
        continue; // deleted meanwhile, or half-written by another tool: not ours to judge
      }
      if (!doc?.key) continue;
      // A cached copy is at least as new as the file; documents spared are not loaded into the cache.
      const cached = this.cache.get(doc.key);
      const current = cached ? cached.db.data : doc;
      if (!current || !condemn(current, mtime)) continue;
      const entry = cached ?? (await this.open(doc.key));
      // Opening re-read the file: judge that copy, in case a turn touched it meanwhile.
      if (!entry.db.data || !condemn(entry.db.data, mtime)) continue;
      entry.db.data = null;
      this.persist(entry);
      deleted.push(doc.key);
    }
    await this.flush();
    return deleted;
  }

  /** Waits until every change so far is on disk; called on shutdown. */
  async flush(): Promise<void> {
    while (this.writes.size) await Promise.all([...this.writes]);
  }

  /** Starts the file write, or marks the entry for one more write after the current one. */
  private persist(entry: Entry): void {
    if (entry.writing) {
      entry.dirty = true;
      return;
    }
    const run = async (): Promise<void> => {
      do {
        entry.dirty = false;
        // The current cached value decides: a delete after a write removes the file.
        await (entry.db.data === null ? rm(entry.file, { force: true }) : entry.db.write());
      } while (entry.dirty);
    };
    const writing = run().finally(() => {
      entry.writing = undefined;
      this.writes.delete(writing);
    });
    entry.writing = writing;
    this.writes.add(writing);
  }

  private async open(key: string): Promise<Entry> {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached); // most recently used last
      return cached;
    }
    const file = join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
    const db = new Low<Doc | null>(new JSONFile<Doc | null>(file), null);
    await db.read();
    const raced = this.cache.get(key);
    if (raced) return raced;
    const entry: Entry = { db, file, dirty: false };
    this.cache.set(key, entry);
    this.evict();
    return entry;
  }

  /** Forgets the least recently used keys whose files are written; they are re-read on demand. */
  private evict(): void {
    for (const [key, entry] of this.cache) {
      if (this.cache.size <= this.maxCached) return;
      if (!entry.writing) this.cache.delete(key);
    }
  }
}
