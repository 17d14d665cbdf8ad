import { silentLogger, type BackendLogger } from '../logger.js';
import type { Collection } from '../store/collection.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

/** One pending delivery, stored until it succeeds. */
export interface QueueEntry<P> {
  /** Stable across attempts and restarts (it doubles as the receiver's idempotency key). */
  id: string;
  /** Entries of the same subject are delivered in order: a failing one holds back the later ones. */
  subject: string;
  payload: P;
  attempts: number;
  createdAt: string;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  lastError?: string;
}

export interface RetryQueueOptions {
  /** For logs: `webhook`, `status-notification`. */
  name: string;
  backoff?: Partial<BackoffOptions>;
  logger?: BackendLogger;
  now?: () => number;
}

/** Attempts one delivery; throws (any error) when it must be retried. */
export type Deliver<P> = (entry: QueueEntry<P>) => Promise<void>;

/** Handle on a write-ahead entry: released once the change it follows is stored, else abandoned. */
export interface PendingEffect {
  release(): void;
  abandon(): Promise<void>;
}

/**
 * A durable outbox: entries are stored in a `Collection` before anything depends on them, and a
 * background worker delivers them with capped exponential backoff (with jitter) until delivery
 * succeeds; there is no give-up, so nothing is lost, and entries survive restarts.
 *
 * An entry can be enqueued *held*: stored, but not delivered until `release()`, so an outbox
 * entry can be written before the change it announces and only go out once that change is stored.
 * A crash in between leaves an entry whose change never happened; `discardWhere` removes those
 * at start-up.
 */
export class RetryQueue<P> {
  readonly #entries: Collection<QueueEntry<P>>;
  readonly #deliver: Deliver<P>;
  readonly #name: string;
  readonly #backoff: BackoffOptions;
  readonly #log: BackendLogger;
  readonly #now: () => number;
  readonly #held = new Set<string>();
  #running = false;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> | undefined;
  #passRequested = false;

  constructor(entries: Collection<QueueEntry<P>>, deliver: Deliver<P>, options: RetryQueueOptions) {
    this.#entries = entries;
    this.#deliver = deliver;
    this.#name = options.name;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#log = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
  }

  /** Stores the entry (durably) before resolving. */
  async enqueue(id: string, subject: string, payload: P, { hold = false } = {}): Promise<PendingEffect> {
    if (hold) this.#held.add(id);
    const now = this.#now();
    await this.#entries.put(id, { id, subject, payload, attempts: 0, createdAt: new Date(now).toISOString(), nextAttemptAt: now });
    if (!hold) this.#wake();
    return {
      release: () => {
        this.#held.delete(id);
        this.#wake();
      },
      abandon: async () => {
        this.#held.delete(id);
        await this.#entries.delete(id);
      },
    };
  }

  async pending(): Promise<QueueEntry<P>[]> {
    const all: QueueEntry<P>[] = [];
    for await (const entry of this.#entries.values()) all.push(entry);
    return all;
  }

  /** Removes entries the predicate condemns (e.g. announcing a change that was never stored). */
  async discardWhere(condemn: (entry: QueueEntry<P>) => Promise<boolean> | boolean, reason: string): Promise<number> {
    let discarded = 0;
    for (const entry of await this.pending()) {
      if (this.#held.has(entry.id) || !(await condemn(entry))) continue;
      await this.#entries.delete(entry.id);
      this.#log.warn({ queue: this.#name, id: entry.id, reason }, 'outbox: entry discarded');
      discarded++;
    }
    return discarded;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#wake();
  }

  /** Stops scheduling and waits for an attempt in flight (bounded by the deliverer's timeout). */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pass;
  }

  /**
   * One pass over the due entries, in order. Returns when each has been attempted once.
   * The worker calls it; tests may call it directly instead of starting the worker.
   */
  async runOnce(): Promise<void> {
    const blocked = new Set<string>();
    for (const entry of await this.pending()) {
      if (this.#stopping()) return;
      const due = entry.nextAttemptAt <= this.#now();
      if (blocked.has(entry.subject) || this.#held.has(entry.id) || !due) {
        blocked.add(entry.subject);
        continue;
      }
      if (!(await this.#attempt(entry))) blocked.add(entry.subject);
    }
  }

  #stopping(): boolean {
    return this.#pass !== undefined && !this.#running;
  }

  async #attempt(entry: QueueEntry<P>): Promise<boolean> {
    try {
      await this.#deliver(entry);
    } catch (err) {
      const attempts = entry.attempts + 1;
      const delayMs = backoffDelay(attempts, this.#backoff);
      const lastError = err instanceof Error ? err.message : String(err);
      this.#log.warn({ queue: this.#name, id: entry.id, attempts, delayMs, err: lastError }, 'outbox: delivery failed; will retry');
      // Re-read: the entry may have been rewritten or dropped meanwhile (an erasure); never bring back an old copy.
      const current = await this.#entries.get(entry.id);
      if (current) await this.#entries.put(entry.id, { ...current, attempts, nextAttemptAt: this.#now() + delayMs, lastError });
      return false;
    }
    await this.#entries.delete(entry.id);
    this.#log.info({ queue: this.#name, id: entry.id, attempts: entry.attempts + 1 }, 'outbox: delivered');
    return true;
  }

  /** Asks for a pass now, or right after the one in progress. */
  #wake(): void {
    if (!this.#running) return;
    if (this.#pass) {
      this.#passRequested = true;
      return;
    }
    this.#schedule(0);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#runPass(), delayMs);
    this.#timer.unref();
  }

  #runPass(): void {
    this.#timer = undefined;
    this.#passRequested = false;
    this.#pass = this.runOnce()
      .then(() => this.#nextWakeUp())
      .catch((err: unknown) => {
        // A store error: try again after the base delay rather than in a tight loop.
        this.#log.error({ queue: this.#name, err: (err as Error).message }, 'outbox: pass failed');
        return this.#backoff.baseMs;
      })
      .then((delayMs) => {
        this.#pass = undefined;
        if (!this.#running) return;
        if (this.#passRequested) this.#schedule(0);
        else if (delayMs !== undefined) this.#schedule(delayMs);
      });
  }

  /**
   * Milliseconds until the earliest deliverable entry, or undefined when nothing can go out
   * before a `release()` or `enqueue()` wakes the worker. Only the first entry of each subject
   * counts, since the ones behind it wait for it.
   */
  async #nextWakeUp(): Promise<number | undefined> {
    let earliest: number | undefined;
    const seen = new Set<string>();
    for await (const entry of this.#entries.values()) {
      if (seen.has(entry.subject)) continue;
      seen.add(entry.subject);
      if (this.#held.has(entry.id)) continue;
      earliest = earliest === undefined ? entry.nextAttemptAt : Math.min(earliest, entry.nextAttemptAt);
    }
    return earliest === undefined ? undefined : Math.max(earliest - this.#now(), 0);
  }
}
