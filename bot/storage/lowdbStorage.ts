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

/**
 * Bot state on lowdb, one small file per storage key under `dir`. One file for
 * all conversations would be rewritten whole on every turn; a file per key keeps
 * a turn's write proportional to its own state. lowdb's JSONFile writes through
 * steno (temp file + rename), so a crash never leaves half a document.
 *
 * eTags follow botbuilder's MemoryStorage: a write with a stale eTag is refused,
 * `*` or no eTag overwrites. Check-and-set runs synchronously on the cached copy,
 * so concurrent turns in this process are serialised; several processes need a
 * shared database instead (see README, "Scaling out").
 */
export class LowdbStorage implements Storage {
  private readonly cache = new Map<string, Low<Doc | null>>();
  private readonly pending = new Map<string, Promise<void>>();
  private seq = 0;
  private readonly prefix = Date.now().toString(36);

  constructor(private readonly dir: string, private readonly maxCached = 5000) {
    mkdirSync(dir, { recursive: true });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const db = await this.open(key);
      if (db.data) items[key] = structuredClone(db.data.item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const dbs = await Promise.all(Object.keys(changes).map(async (key) => [key, await this.open(key)] as const));
    // Check every eTag before touching anything, so a conflict writes nothing.
    for (const [key, db] of dbs) {
      const incoming = changes[key] as { eTag?: string };
      const current = db.data?.item.eTag;
      if (current && incoming.eTag && incoming.eTag !== '*' && incoming.eTag !== current) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    await Promise.all(
      dbs.map(([key, db]) => {
        db.data = { key, item: { ...structuredClone(changes[key]), eTag: `${this.prefix}-${++this.seq}` } };
        return this.track(key, db.write());
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const db = await this.open(key);
        db.data = null;
        await this.track(key, rm(this.fileFor(key), { force: true }));
      }),
    );
  }

  /** Waits for every write in flight; called on shutdown. */
  async flush(): Promise<void> {
    await Promise.all(this.pending.values());
  }

  private fileFor(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  private async open(key: string): Promise<Low<Doc | null>> {
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached); // most recently used last
      return cached;
    }
    await this.pending.get(key); // an evicted copy may still be writing
    const db = new Low<Doc | null>(new JSONFile<Doc | null>(this.fileFor(key)), null);
    await db.read();
    const raced = this.cache.get(key);
    if (raced) return raced;
    this.cache.set(key, db);
    if (this.cache.size > this.maxCached) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return db;
  }

  private async track(key: string, op: Promise<unknown>): Promise<void> {
    const done = op.then(() => undefined);
    this.pending.set(key, done);
    try {
      await done;
    } finally {
      if (this.pending.get(key) === done) this.pending.delete(key);
    }
  }
}
