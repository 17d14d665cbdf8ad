import { AdvisoryLocks } from '../../backend/db/advisoryLocks.js';
import { Database, isConnectionError } from '../../backend/db/database.js';
import { migrate } from '../../backend/db/migrate.js';
import { DbNotifications } from '../../backend/db/notifications.js';
import { FaqLog, feedbackSchema, unansweredSchema } from '../../backend/faq/faqLog.js';
import { PgTicketStore } from '../../backend/handoff/index.js';
import { PgInsightStore } from '../../backend/insights/pgInsightStore.js';
import { PgOverlayStore } from '../../backend/insights/pgOverlayStore.js';
import type { BackendLogger } from '../../backend/logger.js';
import { openPgQuoteBackend } from '../../backend/quotes/pgBackend.js';
import { PgRecordLog } from '../../backend/store/pgRecordLog.js';
import { PgStorage } from './pgStorage.js';
import type { Stores } from './stores.js';

export interface PgStoresOptions {
  url: string;
  schema?: string;
  poolSize?: number;
  /** How long a turn waits for the previous turn of its conversation (another instance's) to end. */
  turnLockWaitMs?: number;
  logger: BackendLogger;
  now?: () => Date;
}

/** Start-up migration retries while the server cannot be reached: 1 s doubling to 15 s. */
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

/**
 * Every store on one PostgreSQL database, shared by every instance pointing at it. The state
 * and the lock pools exist at once (nothing connects until used); the other stores are handed
 * out once the migrations have run. A server that is down at start-up does not stop the bot:
 * it listens, answers "temporarily unavailable", and keeps trying to migrate until the server
 * is back. A migration that fails on its own (bad SQL, an edited file) stops start-up instead.
 */
export function pgStores(options: PgStoresOptions): Stores & { readonly migrated: boolean } {
  const { logger } = options;
  const db = new Database({ url: options.url, logger, ...(options.schema ? { schema: options.schema } : {}), ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
  const notifications = new DbNotifications(db, logger);
  // As many turns may hold their lock at once as queries may run: more wait for a connection.
  const locks = new AdvisoryLocks(db, { maxHolders: options.poolSize ?? 10, ...(options.turnLockWaitMs ? { waitMs: options.turnLockWaitMs } : {}) });
  let migrated = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const state = new PgStorage(db, { ...(options.now ? { now: options.now } : {}), ready });
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  /** One attempt; connection errors schedule the next one, other errors reject. */
  const attempt = async (delayMs: number): Promise<void> => {
    try {
      await migrate(db, { logger });
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      logger.warn({ err: { message: (err as Error).message }, retryMs: delayMs }, 'database: unreachable at start-up; retrying');
      retry = setTimeout(() => {
        if (!closed) attempt(Math.min(delayMs * 2, RETRY_MAX_MS)).catch((e: Error) => logger.error({ err: { message: e.message } }, 'database: migration failed'));
      }, delayMs);
      retry.unref();
      return;
    }
    migrated = true;
    await notifications.start();
    markReady();
    logger.info({ schema: db.schema }, 'database: ready');
  };

  return {
    kind: 'postgres',
    state,
    locks,
    database: db,
    notifications,
    ready,
    get migrated() {
      return migrated;
    },
    async faqLog(faqOptions) {
      await ready;
      return FaqLog.over(new PgRecordLog(db, 'unanswered', (v) => unansweredSchema.parse(v)), new PgRecordLog(db, 'feedback', (v) => feedbackSchema.parse(v)), faqOptions);
    },
    async quoteBackend(backendOptions) {
      await ready;
      return openPgQuoteBackend({ ...backendOptions, db, notifications });
    },
    async tickets(ticketOptions = {}) {
      await ready;
      return new PgTicketStore(db, ticketOptions.limits ? { limits: ticketOptions.limits } : {});
    },
    async insights() {
      await ready;
      return new PgInsightStore(db);
    },
    async overlay() {
      await ready;
      return new PgOverlayStore(db, notifications);
    },
    start: () => attempt(RETRY_MIN_MS),
    async close() {
      closed = true;
      clearTimeout(retry);
      await notifications.close();
      await locks.close();
      await db.close();
    },
  };
}
