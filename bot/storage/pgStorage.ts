import type { StoreItems } from 'botbuilder';
import type { Database, Queryable } from '../../backend/db/database.js';
import { jsonb } from '../../backend/db/json.js';
import { DATA_SUBJECTS, type StateStore } from './stateStore.js';

export interface PgStorageOptions {
  /** Clock, for expiry tests. */
  now?: () => Date;
  /** Resolves once the tables exist (migrations applied); every call waits for it. */
  ready?: Promise<void>;
  /** A read refreshes the touch time at most this often (default 12 h), as in `LowdbStorage`. */
  touchEveryMs?: number;
}

interface Row {
  key: string;
  item: Record<string, unknown>;
  version: string;
  touched_at: Date;
}

/** The store's words for a refused write, the same as MemoryStorage's (botbuilder callers match on it). */
const conflict = (key: string) => new Error(`Storage: error writing "${key}" due to eTag conflict.`);

/**
 * Bot state on PostgreSQL (`bot_state`, one row per storage key), shared by every instance.
 *
 * Real optimistic concurrency: each row has a version (drawn from one sequence, so never reused,
 * even after a delete) that is the item's eTag. A write with an eTag updates the row only if the
 * version is still that one (`ON CONFLICT … DO UPDATE … WHERE version = $etag`); otherwise it is
 * refused with botbuilder's "eTag conflict" error and nothing of the batch is written (one
 * transaction). `*` or no eTag overwrites, as in MemoryStorage. botbuilder's `BotState` always
 * saves with `*`, so turns of one conversation are serialised by `TurnLock`, not by the eTags.
 */
export class PgStorage implements StateStore {
  readonly #db: Database;
  readonly #now: () => Date;
  readonly #touchEveryMs: number;
  readonly #ready: Promise<void>;

  constructor(db: Database, options: PgStorageOptions = {}) {
    this.#db = db;
    this.#ready = options.ready ?? Promise.resolve();
    this.#now = options.now ?? (() => new Date());
    this.#touchEveryMs = options.touchEveryMs ?? 12 * 3_600_000;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys.length) return {};
    await this.#ready;
    const { rows } = await this.#db.query<Row>('SELECT key, item, version, touched_at FROM bot_state WHERE key = ANY($1)', [keys]);
    const items: StoreItems = {};
    const now = this.#now();
    const stale: string[] = [];
    for (const row of rows) {
      items[row.key] = { ...row.item, eTag: row.version };
      if (now.getTime() - row.touched_at.getTime() >= this.#touchEveryMs) stale.push(row.key);
    }
    if (stale.length) await this.#db.query('UPDATE bot_state SET touched_at = $2 WHERE key = ANY($1) AND touched_at < $2', [stale, now]);
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    if (!keys.length) return;
    await this.#ready;
    const touchedAt = this.#now();
    // Conversation state is rewritten every turn: committed without waiting for the WAL flush (see Database.relaxed).
    if (keys.length === 1) return this.#writeOne(this.#db.relaxed, keys[0]!, changes[keys[0]!], touchedAt);
    await this.#db.tx(async (client) => {
      for (const key of keys) await this.#writeOne(client, key, changes[key], touchedAt);
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys.length) return;
    await this.#ready;
    await this.#db.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }

  async expire(cutoff: Date): Promise<number> {
    await this.#ready;
    return (await this.#db.query('DELETE FROM bot_state WHERE touched_at < $1', [cutoff])).rowCount ?? 0;
  }

  async eraseSubject(subject: string): Promise<string[]> {
    await this.#ready;
    const { rows } = await this.#db.query<{ key: string }>('DELETE FROM bot_state WHERE data_subjects @> ARRAY[$1]::text[] RETURNING key', [subject]);
    return rows.map((r) => r.key);
  }

  /** Every write is committed before it resolves: nothing to wait for. */
  async flush(): Promise<void> {}

  async #writeOne(db: Queryable, key: string, change: unknown, touchedAt: Date): Promise<void> {
    const { eTag, ...item } = (change ?? {}) as Record<string, unknown> & { eTag?: unknown };
    const subjects = Array.isArray(item[DATA_SUBJECTS]) ? (item[DATA_SUBJECTS] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    const conditional = typeof eTag === 'string' && eTag !== '*' && eTag !== '';
    const { rowCount } = await db.query(
      `INSERT INTO bot_state (key, item, version, touched_at, data_subjects) VALUES ($1, $2, nextval('bot_state_versions'), $3, $4)
       ON CONFLICT (key) DO UPDATE SET item = EXCLUDED.item, version = EXCLUDED.version, touched_at = EXCLUDED.touched_at, data_subjects = EXCLUDED.data_subjects
       ${conditional ? 'WHERE bot_state.version::text = $5' : ''}`,
      conditional ? [key, jsonb(item), touchedAt, subjects, eTag] : [key, jsonb(item), touchedAt, subjects],
    );
    if (rowCount === 0) throw conflict(key);
  }
}
