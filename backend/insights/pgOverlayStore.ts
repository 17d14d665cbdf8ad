import { LOCK_KEY_SQL, type Database, type Queryable } from '../db/database.js';
import { jsonb } from '../db/json.js';
import type { DbNotifications } from '../db/notifications.js';
import { overlayChangeSchema, type NewOverlayChange, type OverlayChange } from './overlay.js';
import { OverlayConflictError, type OverlayStore } from './overlayStore.js';

/** The notice every instance gets when a version is stored: `{topic, version}`, never the change. */
export const OVERLAY_TOPIC = 'kb-overlay';

/** A change as text with its keys sorted: the same change read from a file and from jsonb compares equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** The database already holds a different overlay than the one being imported. */
export class OverlayImportConflictError extends Error {
  constructor(readonly version: number) {
    super(`knowledge overlay: version ${version} in the database differs from the one imported; nothing of the overlay was imported (the database has an overlay of its own: export the other with kb:export and review it in)`);
    this.name = 'OverlayImportConflictError';
  }
}

const subjectsOf = (change: OverlayChange): string[] => [...new Set(change.questions.flatMap((q) => (q.subject ? [q.subject] : [])))];

/**
 * `OverlayStore` on PostgreSQL: the `kb_overlay` table, one row per version, shared by every
 * instance. Versions are taken under a transaction advisory lock (one writer at a time, across
 * instances) in the transaction of the insert, which also sends the NOTIFY: the notice goes out
 * at commit, so an instance that reads on it always finds the row.
 */
export class PgOverlayStore implements OverlayStore {
  readonly #unsubscribe = new Set<() => void>();

  constructor(
    private readonly db: Database,
    private readonly notifications?: DbNotifications,
  ) {}

  append(change: NewOverlayChange, { after }: { after?: number } = {}): Promise<OverlayChange> {
    return this.db.tx(async (tx) => {
      const latest = await this.#lockLatest(tx);
      if (after !== undefined && latest !== after) throw new OverlayConflictError(after, latest);
      const stored = overlayChangeSchema.parse({ ...change, version: latest + 1 });
      await this.#insert(tx, stored);
      return stored;
    });
  }

  async list(): Promise<OverlayChange[]> {
    const { rows } = await this.db.query<{ change: unknown }>('SELECT change FROM kb_overlay ORDER BY version');
    return rows.map((r) => overlayChangeSchema.parse(r.change));
  }

  async version(): Promise<number> {
    const { rows } = await this.db.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM kb_overlay');
    return rows[0]!.v;
  }

  eraseSubject(subject: string, at: Date): Promise<number> {
    return this.db.tx(async (tx) => {
      const latest = await this.#lockLatest(tx);
      const { rows } = await tx.query<{ change: unknown }>('SELECT change FROM kb_overlay WHERE subjects @> ARRAY[$1]::text[] ORDER BY version', [subject]);
      let removed = 0;
      for (const row of rows) {
        const change = overlayChangeSchema.parse(row.change);
        const kept = { ...change, questions: change.questions.filter((q) => q.subject !== subject) };
        removed += change.questions.length - kept.questions.length;
        await tx.query('UPDATE kb_overlay SET change = $2, subjects = $3 WHERE version = $1', [change.version, jsonb(kept), subjectsOf(kept)]);
      }
      if (!removed) return 0;
      // A version of its own, so every instance rebuilds its index without those questions.
      await this.#insert(tx, overlayChangeSchema.parse({ version: latest + 1, at: at.toISOString(), author: 'privacy', action: 'erasure', questions: [] }));
      return removed;
    });
  }

  /**
   * Copies an embedded overlay's versions as they are (`db:import`): versions the database has
   * already, identical, are skipped; the others are added under their own numbers, in one
   * transaction with one notice, so every instance applies them. A database whose overlay
   * differs (its own decisions) takes none of them: `OverlayImportConflictError`.
   */
  importChanges(changes: readonly OverlayChange[]): Promise<{ added: number; skipped: number }> {
    return this.db.tx(async (tx) => {
      await this.#lockLatest(tx);
      const { rows } = await tx.query<{ version: number; change: unknown }>('SELECT version, change FROM kb_overlay');
      const stored = new Map(rows.map((r) => [r.version, canonical(overlayChangeSchema.parse(r.change))]));
      const counts = { added: 0, skipped: 0 };
      for (const change of [...changes].sort((a, b) => a.version - b.version)) {
        const there = stored.get(change.version);
        if (there === undefined) {
          await tx.query('INSERT INTO kb_overlay (version, at, subjects, change) VALUES ($1, $2, $3, $4)', [change.version, change.at, subjectsOf(change), jsonb(change)]);
          counts.added++;
        } else if (there === canonical(change)) counts.skipped++;
        else throw new OverlayImportConflictError(change.version);
      }
      if (counts.added) await this.notifications?.notify({ topic: OVERLAY_TOPIC, version: Math.max(...changes.map((c) => c.version)) }, tx);
      return counts;
    });
  }

  watch(listener: () => void): () => void {
    if (!this.notifications) return () => {};
    const offNotice = this.notifications.on(OVERLAY_TOPIC, () => listener());
    // Notices sent while the LISTEN connection was down are gone: catch up from the table.
    const offReconnect = this.notifications.onReconnect(listener);
    const unsubscribe = () => {
      offNotice();
      offReconnect();
      this.#unsubscribe.delete(unsubscribe);
    };
    this.#unsubscribe.add(unsubscribe);
    return unsubscribe;
  }

  /** The pool belongs to the stores (`pgStores`); only the subscriptions end here. */
  async close(): Promise<void> {
    for (const unsubscribe of [...this.#unsubscribe]) unsubscribe();
  }

  async #lockLatest(tx: Queryable): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY_SQL})`, ['kb-overlay']);
    const { rows } = await tx.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM kb_overlay');
    return rows[0]!.v;
  }

  async #insert(tx: Queryable, change: OverlayChange): Promise<void> {
    await tx.query('INSERT INTO kb_overlay (version, at, subjects, change) VALUES ($1, $2, $3, $4)', [change.version, change.at, subjectsOf(change), jsonb(change)]);
    await this.notifications?.notify({ topic: OVERLAY_TOPIC, version: change.version }, tx);
  }
}
