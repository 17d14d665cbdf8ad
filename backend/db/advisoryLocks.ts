import { pg, type Pg } from './pg.js';
import { DatabaseUnavailableError, isConnectionError, LOCK_KEY_SQL, type Database } from './database.js';

export interface AdvisoryLocksOptions {
  /** Sections that may hold a lock at once; more wait for a connection (default 16). */
  maxHolders?: number;
  /** How long a section waits for the lock before giving up (default 30 s). */
  waitMs?: number;
}

/** The lock was not granted in time: another instance holds it (a turn that does not end). */
export class LockTimeoutError extends Error {
  constructor(readonly lockName: string) {
    super(`lock ${lockName}: not granted in time`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * Named locks shared by every instance: `pg_advisory_xact_lock` inside a transaction held while
 * the section runs, on a pool of its own (so a section's own queries, on the main pool, never
 * wait for a connection its lock holds). The lock ends with the transaction — at the end of the
 * section, or when the holder's connection dies (a killed instance never leaves a lock behind).
 */
export class AdvisoryLocks {
  readonly #pool: Pg.Pool;
  readonly #waitMs: number;
  /** Sections of one name in this process queue here first, so a burst on one conversation holds one connection, not the pool. */
  readonly #local = new Map<string, Promise<unknown>>();

  constructor(db: Database, options: AdvisoryLocksOptions = {}) {
    this.#waitMs = options.waitMs ?? 30_000;
    this.#pool = new (pg().Pool)({ ...db.connectionConfig(), max: options.maxHolders ?? 16, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    this.#pool.on('error', () => undefined); // an idle holder connection lost: the pool replaces it
  }

  run<T>(name: string, section: () => Promise<T>): Promise<T> {
    const previous = this.#local.get(name) ?? Promise.resolve();
    const run = previous.then(() => this.#hold(name, section));
    const settled = run.catch(() => undefined);
    this.#local.set(name, settled);
    void settled.then(() => {
      if (this.#local.get(name) === settled) this.#local.delete(name);
    });
    return run;
  }

  /**
   * Runs `section` only if no instance holds `name` right now (`pg_try_advisory_xact_lock`):
   * resolves `{ ran: false }` at once otherwise. For work one instance is enough to do.
   */
  async tryRun<T>(name: string, section: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const client = await this.#pool.connect().catch((err: unknown) => {
      throw new DatabaseUnavailableError(err);
    });
    let broken = false;
    const lost = () => (broken = true);
    client.on('error', lost);
    try {
      const key = LOCK_KEY_SQL.replace('$1', client.escapeLiteral(name));
      // Two statements, two results: BEGIN's, then the lock's.
      const results = (await client.query(`BEGIN; SELECT pg_try_advisory_xact_lock(${key}) AS got`)) as unknown as Array<{ rows: Array<{ got: boolean }> }>;
      if (!results[1]?.rows[0]?.got) return { ran: false };
      return { ran: true, result: await section() };
    } finally {
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      client.off('error', lost);
      client.release(broken);
    }
  }

  async #hold<T>(name: string, section: () => Promise<T>): Promise<T> {
    let client: Pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (err) {
      throw new DatabaseUnavailableError(err);
    }
    let broken = false;
    // A checked-out client that loses its connection emits 'error': without a listener that is an
    // uncaught exception. The lock is gone with the connection; the section's own queries fail.
    const lost = () => (broken = true);
    client.on('error', lost);
    try {
      try {
        // One round trip (a turn pays it every time): the name goes in as an escaped literal.
        const key = LOCK_KEY_SQL.replace('$1', client.escapeLiteral(name));
        await client.query(`BEGIN; SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.#waitMs))}; SELECT pg_advisory_xact_lock(${key})`);
      } catch (err) {
        if (isConnectionError(err)) {
          broken = true;
          throw new DatabaseUnavailableError(err);
        }
        if ((err as { code?: string }).code === '55P03') throw new LockTimeoutError(name);
        throw err;
      }
      return await section();
    } finally {
      // COMMIT releases the lock; on a dead connection there is nothing left to release.
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      client.off('error', lost);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
