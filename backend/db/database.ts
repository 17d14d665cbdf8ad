import { pg, type Pg } from './pg.js';
import { silentLogger, type BackendLogger } from '../logger.js';

export interface DatabaseOptions {
  /** `postgresql://user:password@host:port/database`. */
  url: string;
  /** Schema the tables live in (created by the migrations); `public` by default. Tests use one each. */
  schema?: string;
  /** Connections for queries (default 10). */
  poolSize?: number;
  /** How long a query waits for a connection before it fails (default 5 s): a dead server fails fast. */
  connectTimeoutMs?: number;
  logger?: BackendLogger;
  /** Shown in pg_stat_activity (default `reseller-assistant`). */
  applicationName?: string;
}

/** Something to run a query on: the pool (`Database`) or a transaction's client. */
export interface Queryable {
  query<R extends Pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Pg.QueryResult<R>>;
}

/** Error codes and messages meaning "the server is not reachable", not "the query was wrong". */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Connection ended|the database system is (starting up|shutting down)/i;

/** True for a failure to reach PostgreSQL (refused, reset, shut down, pool timeout); false for SQL errors. */
export function isConnectionError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if (err instanceof DatabaseUnavailableError) return true;
  const cause = (err as { cause?: unknown }).cause;
  return (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) || (cause !== undefined && cause !== err && isConnectionError(cause));
}

/** Thrown instead of a driver error when the database cannot be reached, so callers can say so. */
export class DatabaseUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** A transaction's connection; `afterCommit` runs a callback once (and only if) the transaction commits. */
export interface Tx extends Queryable {
  afterCommit(callback: () => void): void;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The connection pool every PostgreSQL store shares, with the health the bot reports on
 * `/readyz`. A query that cannot reach the server marks the database down and rejects with
 * `DatabaseUnavailableError`; the next one that succeeds marks it up again. The pool opens new
 * connections on demand, so recovery needs nothing but the server coming back.
 */
export class Database implements Queryable {
  readonly pool: Pg.Pool;
  /**
   * Writes that may skip waiting for the WAL flush (`synchronous_commit = off`): committed and
   * visible to every instance at once, but a crash of the PostgreSQL server itself can lose the
   * last fraction of a second of them. Bot state and the FAQ log use it — the durability their
   * embedded stores have (write-behind state files, log lines without fsync) — while filings,
   * tickets, messages and outboxes always wait for the flush.
   */
  readonly relaxed: Queryable;
  readonly #relaxedPool: Pg.Pool;
  readonly schema: string;
  readonly url: string;
  readonly applicationName: string;
  #up = true;
  #lastError: string | undefined;
  #closed = false;
  readonly #log: BackendLogger;
  readonly #listeners = new Set<(up: boolean) => void>();

  constructor(options: DatabaseOptions) {
    this.schema = options.schema ?? 'public';
    if (!IDENT.test(this.schema)) throw new Error(`database: bad schema name ${JSON.stringify(this.schema)}`);
    this.url = options.url;
    this.applicationName = options.applicationName ?? 'reseller-assistant';
    this.#log = options.logger ?? silentLogger;
    this.pool = new (pg().Pool)({ ...this.connectionConfig(), max: options.poolSize ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 5000, idleTimeoutMillis: 30_000 });
    // An idle connection the server closed (restart, failover) must not crash the process.
    this.pool.on('error', (err) => this.#markDown(err));
    const base = this.connectionConfig();
    this.#relaxedPool = new (pg().Pool)({
      ...base,
      options: `${base.options} -c synchronous_commit=off`,
      max: Math.max(2, Math.ceil((options.poolSize ?? 10) / 2)),
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      idleTimeoutMillis: 30_000,
    });
    this.#relaxedPool.on('error', (err) => this.#markDown(err));
    this.relaxed = { query: (text, params = []) => this.#watch(() => this.#relaxedPool.query(text, params)) };
  }

  /** Connection settings for a client of its own (the LISTEN connection, the migration lock). */
  connectionConfig(): Pg.ClientConfig {
    return { connectionString: this.url, options: `-c search_path=${this.schema}`, application_name: this.applicationName, keepAlive: true };
  }

  get up(): boolean {
    return this.#up;
  }

  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Called with `false` when the database goes down and `true` when it is back. */
  onHealth(listener: (up: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async query<R extends Pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Pg.QueryResult<R>> {
    return this.#watch(() => this.pool.query<R>(text, params));
  }

  /** Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  async tx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const committed: Array<() => void> = [];
    const result = await this.#watch(async () => {
      const client = await this.pool.connect();
      let broken: unknown;
      // Checked out, the client's 'error' (connection lost) has no other listener: it would be uncaught.
      const lost = (err: Error) => (broken = err);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const tx: Tx = { query: (text, params) => client.query(text, params), afterCommit: (callback) => committed.push(callback) };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (isConnectionError(err)) broken = err;
        else await client.query('ROLLBACK').catch((rollbackErr: unknown) => (broken = rollbackErr));
        throw err;
      } finally {
        // A connection that failed mid-transaction is destroyed, never handed to the next caller.
        client.off('error', lost);
        client.release(broken instanceof Error ? broken : broken ? new Error(String(broken)) : undefined);
      }
    });
    for (const callback of committed) callback();
    return result;
  }

  /** Checks the server answers; updates the health either way. */
  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.pool.end(), this.#relaxedPool.end()]);
  }

  async #watch<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.#markUp();
      return result;
    } catch (err) {
      if (!isConnectionError(err)) {
        this.#markUp();
        throw err;
      }
      this.#markDown(err);
      throw err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError(err);
    }
  }

  #markUp(): void {
    if (this.#up) return;
    this.#up = true;
    this.#lastError = undefined;
    this.#log.info({}, 'database: reachable again');
    for (const l of this.#listeners) l(true);
  }

  #markDown(err: unknown): void {
    this.#lastError = (err as Error)?.message ?? String(err);
    if (!this.#up) return;
    this.#up = false;
    this.#log.error({ err: { message: this.#lastError } }, 'database: unreachable');
    for (const l of this.#listeners) l(false);
  }
}

/** `pg_advisory_*lock` key of a name, scoped to the schema so test schemas never contend. */
export const LOCK_KEY_SQL = `hashtextextended(current_schema() || ':' || $1, 0)`;
