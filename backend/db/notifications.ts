import { pg, type Pg } from './pg.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import type { Database, Queryable } from './database.js';

/** A notice between instances: a topic and ids, never the data itself (rows are read from tables). */
export interface Notice {
  topic: string;
  [field: string]: string | number | boolean | null;
}

/**
 * Cross-instance events over PostgreSQL `LISTEN/NOTIFY`, on one dedicated connection per
 * instance. A notice is delivered at commit to every listening instance, this one included;
 * it carries a topic and ids only (payloads are limited to 8,000 bytes, and a notice sent
 * while an instance was not listening is never replayed), so receivers read the rows.
 *
 * The connection is re-established by itself (backoff 250 ms → 5 s); after each reconnect the
 * `onReconnect` handlers run, so that whoever relies on notices can catch up from the tables.
 */
export class DbNotifications {
  /** One channel per schema, so test schemas (and deployments sharing a server) never cross. */
  readonly channel: string;
  readonly #db: Database;
  readonly #log: BackendLogger;
  readonly #handlers = new Map<string, Set<(notice: Notice) => void>>();
  readonly #reconnected = new Set<() => void>();
  #client: Pg.Client | undefined;
  #listening = false;
  #closed = false;
  #retryMs = 250;
  #timer: NodeJS.Timeout | undefined;
  #connecting: Promise<void> | undefined;
  #everConnected = false;

  constructor(db: Database, logger: BackendLogger = silentLogger) {
    this.#db = db;
    this.#log = logger;
    this.channel = `ra_${db.schema}`;
  }

  get listening(): boolean {
    return this.#listening;
  }

  /** Connects and listens; resolves after the first attempt (a failure is retried in the background). */
  start(): Promise<void> {
    this.#connecting ??= this.#connect();
    return this.#connecting;
  }

  on(topic: string, handler: (notice: Notice) => void): () => void {
    const set = this.#handlers.get(topic) ?? new Set();
    set.add(handler);
    this.#handlers.set(topic, set);
    return () => set.delete(handler);
  }

  onReconnect(handler: () => void): () => void {
    this.#reconnected.add(handler);
    return () => this.#reconnected.delete(handler);
  }

  /** Sends a notice; inside a transaction (`client`) it goes out when that transaction commits. */
  async notify(notice: Notice, client: Queryable = this.#db): Promise<void> {
    await client.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(notice)]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#connecting?.catch(() => undefined);
    const client = this.#client;
    this.#client = undefined;
    this.#listening = false;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new (pg().Client)(this.#db.connectionConfig());
    client.on('notification', (msg) => this.#dispatch(msg.payload));
    const lost = (err?: Error) => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.#listening = false;
      client.end().catch(() => undefined);
      if (this.#closed) return;
      this.#log.warn({ err: { message: err?.message ?? 'connection ended' } }, 'database: LISTEN connection lost; reconnecting');
      this.#schedule();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      if (!this.#closed) {
        this.#log.warn({ err: { message: (err as Error).message } }, 'database: cannot LISTEN yet; retrying');
        this.#schedule();
      }
      return;
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#listening = true;
    this.#retryMs = 250;
    if (this.#everConnected) {
      this.#log.info({}, 'database: LISTEN connection back');
      for (const handler of this.#reconnected) handler();
    }
    this.#everConnected = true;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#connecting = this.#connect();
    }, this.#retryMs);
    this.#timer.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, 5000);
  }

  #dispatch(payload: string | undefined): void {
    let notice: Notice;
    try {
      notice = JSON.parse(payload ?? '') as Notice;
    } catch {
      return;
    }
    for (const handler of this.#handlers.get(notice.topic) ?? []) {
      try {
        handler(notice);
      } catch (err) {
        this.#log.error({ topic: notice.topic, err: { message: (err as Error).message } }, 'database: notice handler failed');
      }
    }
  }
}
