import type { Database, Queryable, Tx } from '../db/database.js';
import { jsonb } from '../db/json.js';
import type { DbNotifications } from '../db/notifications.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { PassLoop } from './passLoop.js';
import type { Deliver, DeliveryQueue, OutboxEntry, PendingEffect, QueueEntry, RetryQueueOptions } from './retryQueue.js';

export interface PgRetryQueueOptions extends RetryQueueOptions {
  /** The `outbox.queue` value of this outbox: `webhook`, `status`. */
  queue: string;
  /** Wake-ups from other instances (an entry inserted there); without it the worker only polls. */
  notifications?: DbNotifications;
  /** Longest sleep between passes, in case a notice was missed (default 30 s). */
  pollMs?: number;
}

interface Row {
  id: string;
  subject: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
  next_attempt_at: Date;
  last_error: string | null;
}

/** Held entries wait with no due time until released. */
const HELD = 'infinity';

/**
 * The first due entry of a subject that nobody else is delivering: entries behind an earlier one
 * of the same subject wait for it (a locked earlier row is still seen by NOT EXISTS), and rows
 * another instance has claimed are skipped, not waited for.
 */
const CLAIM = `
  SELECT id, subject, payload, attempts, created_at, next_attempt_at, last_error FROM outbox o
  WHERE o.queue = $1 AND o.next_attempt_at <= $2 AND NOT (o.id = ANY($3))
    AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.queue = o.queue AND e.subject = o.subject AND e.seq < o.seq)
  ORDER BY o.seq LIMIT 1
  FOR UPDATE OF o SKIP LOCKED`;

/**
 * An outbox on PostgreSQL (`outbox` table), worked by every instance at once: an entry is claimed
 * with `FOR UPDATE SKIP LOCKED` in a transaction held while it is delivered, then deleted (or
 * rescheduled with backoff) in that transaction. So two instances never deliver one entry at the
 * same time, and an instance killed mid-delivery loses its claim with its connection: the entry
 * is tried again by another one, under the same key (the receiver's idempotency key). Entries
 * of one subject go out in order. Inserted in the transaction of the change they announce
 * (`insertIn`), with a NOTIFY that wakes the workers of every instance when it commits.
 */
export class PgRetryQueue<P> implements DeliveryQueue<P> {
  readonly #db: Database;
  readonly #deliver: Deliver<P>;
  readonly #queue: string;
  readonly #name: string;
  readonly #backoff: BackoffOptions;
  readonly #log: BackendLogger;
  readonly #now: () => number;
  readonly #notifications: DbNotifications | undefined;
  readonly #loop: PassLoop;
  #unsubscribe: Array<() => void> = [];

  constructor(db: Database, deliver: Deliver<P>, options: PgRetryQueueOptions) {
    this.#db = db;
    this.#deliver = deliver;
    this.#queue = options.queue;
    this.#name = options.name;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#log = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#notifications = options.notifications;
    this.#loop = new PassLoop(() => this.runOnce().then(() => this.#nextWakeUp()), {
      errorDelayMs: this.#backoff.baseMs,
      onError: (err) => this.#log.error({ queue: this.#name, err: (err as Error).message }, 'outbox: pass failed'),
      // In case a notice from another instance was missed (LISTEN reconnecting).
      maxSleepMs: options.pollMs ?? 30_000,
    });
  }

  /**
   * Adds an entry inside the caller's transaction (an entry already there under this id is kept
   * as it is); once it commits, this instance's worker wakes at once and the others on the NOTIFY.
   */
  async insertIn(tx: Tx, entry: OutboxEntry<P>): Promise<void> {
    await this.#insert(tx, entry, new Date(this.#now()));
    tx.afterCommit(() => this.#loop.wake());
  }

  async #insert(client: Queryable, entry: OutboxEntry<P>, at: Date): Promise<void> {
    await client.query(
      'INSERT INTO outbox (queue, id, subject, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (queue, id) DO NOTHING',
      [this.#queue, entry.id, entry.subject, jsonb(entry.payload), at],
    );
    await this.#notifications?.notify({ topic: 'outbox', queue: this.#queue }, client);
  }

  async enqueue(id: string, subject: string, payload: P, { hold = false } = {}): Promise<PendingEffect> {
    const at = new Date(this.#now());
    await this.#db.tx(async (client) => {
      await this.#insert(client, { id, subject, payload }, at);
      if (hold) await client.query(`UPDATE outbox SET next_attempt_at = '${HELD}' WHERE queue = $1 AND id = $2`, [this.#queue, id]);
    });
    if (!hold) this.#loop.wake();
    return {
      release: () => {
        void this.#db
          .query(`UPDATE outbox SET next_attempt_at = $3 WHERE queue = $1 AND id = $2 AND next_attempt_at = '${HELD}'`, [this.#queue, id, new Date(this.#now())])
          .then(() => this.#notifications?.notify({ topic: 'outbox', queue: this.#queue }))
          .then(() => this.#loop.wake(), (err: Error) => this.#log.error({ queue: this.#name, id, err: err.message }, 'outbox: release failed'));
      },
      abandon: async () => {
        await this.#db.query('DELETE FROM outbox WHERE queue = $1 AND id = $2', [this.#queue, id]);
      },
    };
  }

  async pending(): Promise<QueueEntry<P>[]> {
    const { rows } = await this.#db.query<Row>('SELECT id, subject, payload, attempts, created_at, next_attempt_at, last_error FROM outbox WHERE queue = $1 ORDER BY seq', [this.#queue]);
    return rows.map((r) => this.#entry(r));
  }

  async discardWhere(condemn: (entry: QueueEntry<P>) => Promise<boolean> | boolean, reason: string): Promise<number> {
    let discarded = 0;
    for (const entry of await this.pending()) {
      if (!Number.isFinite(entry.nextAttemptAt) || !(await condemn(entry))) continue;
      await this.#db.query('DELETE FROM outbox WHERE queue = $1 AND id = $2', [this.#queue, entry.id]);
      this.#log.warn({ queue: this.#name, id: entry.id, reason }, 'outbox: entry discarded');
      discarded++;
    }
    return discarded;
  }

  start(): void {
    if (this.#notifications && !this.#unsubscribe.length) {
      this.#unsubscribe.push(
        this.#notifications.on('outbox', (notice) => {
          if (notice.queue === this.#queue) this.#loop.wake();
        }),
        this.#notifications.onReconnect(() => this.#loop.wake()),
      );
    }
    this.#loop.start();
  }

  async stop(): Promise<void> {
    for (const off of this.#unsubscribe.splice(0)) off();
    await this.#loop.stop();
  }

  /** Attempts every due entry once (those another instance is delivering are left to it). */
  async runOnce(): Promise<void> {
    const attempted: string[] = [];
    for (;;) {
      if (this.#loop.stopping) return;
      const claimed = await this.#db.tx(async (client) => {
        const { rows } = await client.query<Row>(CLAIM, [this.#queue, new Date(this.#now()), attempted]);
        const row = rows[0];
        if (!row) return false;
        attempted.push(row.id);
        await this.#attempt(client, this.#entry(row));
        return true;
      });
      if (!claimed) return;
    }
  }

  async #attempt(client: Queryable, entry: QueueEntry<P>): Promise<void> {
    try {
      await this.#deliver(entry);
    } catch (err) {
      const attempts = entry.attempts + 1;
      const delayMs = backoffDelay(attempts, this.#backoff);
      const lastError = err instanceof Error ? err.message : String(err);
      this.#log.warn({ queue: this.#name, id: entry.id, attempts, delayMs, err: lastError }, 'outbox: delivery failed; will retry');
      await client.query('UPDATE outbox SET attempts = $3, next_attempt_at = $4, last_error = $5 WHERE queue = $1 AND id = $2', [
        this.#queue,
        entry.id,
        attempts,
        new Date(this.#now() + delayMs),
        lastError.slice(0, 1000),
      ]);
      return;
    }
    await client.query('DELETE FROM outbox WHERE queue = $1 AND id = $2', [this.#queue, entry.id]);
    this.#log.info({ queue: this.#name, id: entry.id, attempts: entry.attempts + 1 }, 'outbox: delivered');
  }

  #entry(row: Row): QueueEntry<P> {
    return {
      id: row.id,
      subject: row.subject,
      payload: row.payload as P,
      attempts: row.attempts,
      createdAt: row.created_at.toISOString(),
      // A held entry's 'infinity' arrives as Infinity, not a Date.
      nextAttemptAt: row.next_attempt_at instanceof Date ? row.next_attempt_at.getTime() : Number.POSITIVE_INFINITY,
      ...(row.last_error ? { lastError: row.last_error } : {}),
    };
  }

  /** Milliseconds until the earliest head-of-subject entry is due (undefined: none). */
  async #nextWakeUp(): Promise<number | undefined> {
    const { rows } = await this.#db.query<{ due: Date | null }>(
      `SELECT min(next_attempt_at) AS due FROM outbox o WHERE o.queue = $1 AND o.next_attempt_at < 'infinity'
       AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.queue = o.queue AND e.subject = o.subject AND e.seq < o.seq)`,
      [this.#queue],
    );
    const due = rows[0]?.due;
    return due ? Math.max(due.getTime() - this.#now(), 0) : undefined;
  }
}
