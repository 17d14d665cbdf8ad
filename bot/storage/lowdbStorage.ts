import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Storage, StoreItems } from 'botbuilder';

interface Doc {
  key: string;
  item: Record<string, unknown> & { eTag: string };
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
export class LowdbStorage implements Storage {
  private readonly cache = new Map<string, Entry>();
  private readonly writes = new Set<Promise<void>>();
  private seq = 0;
  private readonly prefix = Date.now().toString(36);

  constructor(private readonly dir: string, private readonly maxCached = 5000) {
    mkdirSync(dir, { recursive: true });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const { db } = await this.open(key);
      if (db.data) items[key] = structuredClone(db.data.item);
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
    for (const [key, entry] of entries) {
      entry.db.data = { key, item: { ...structuredClone(changes[key]), eTag: `${this.prefix}-${++this.seq}` } };
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
