import { join } from 'node:path';
import { FaqLog, type FaqLogOptions } from '../../backend/faq/faqLog.js';
import { JournalTicketStore, type TicketStore, type TicketStoreOptions } from '../../backend/handoff/index.js';
import { openQuoteBackend, type QuoteBackend, type QuoteBackendOptions } from '../../backend/quotes/index.js';
import type { Database } from '../../backend/db/database.js';
import type { DbNotifications } from '../../backend/db/notifications.js';
import type { InsightStore } from '../../backend/insights/insightStore.js';
import type { OverlayStore } from '../../backend/insights/overlayStore.js';
import type { BackendLogger } from '../../backend/logger.js';
import { openInsightStore, openOverlayStore } from '../insights/stores.js';
import type { NamedLocks } from '../middleware/turnLock.js';
import { LowdbStorage } from './lowdbStorage.js';
import type { StateStore } from './stateStore.js';

/**
 * Every store the bot uses, chosen once by the composition root: embedded files under DATA_DIR
 * (one process), or one PostgreSQL database shared by several instances (`pgStores.ts`). The
 * features ask here for their stores and never know which kind they got.
 */
export interface Stores {
  readonly kind: 'embedded' | 'postgres';
  /** Bot state (botbuilder `Storage`). */
  readonly state: StateStore;
  /** Turn locks across instances; none embedded (one process runs every turn). */
  readonly locks?: NamedLocks;
  readonly database?: Database;
  /** Cross-instance notices (LISTEN/NOTIFY); none embedded. */
  readonly notifications?: DbNotifications;
  /** Resolves once the stores can be used (the migrations applied); at once embedded. */
  readonly ready: Promise<void>;
  faqLog(options?: FaqLogOptions): Promise<FaqLog>;
  /** The quote backend (repository, outboxes, staff API routes) minus its storage settings. */
  quoteBackend(options: Omit<QuoteBackendOptions, 'dataDir'>): Promise<QuoteBackend>;
  tickets(options?: TicketStoreOptions): Promise<TicketStore>;
  /** The insight records (a record per turn, advocates' knowledge searches). */
  insights(options?: { logger?: BackendLogger }): Promise<InsightStore>;
  /** The knowledge-base overlay (authors' decisions from the review queue), shared by every instance. */
  overlay(options?: { logger?: BackendLogger }): Promise<OverlayStore>;
  /** Gets the stores ready (migrations); resolves once they can be used or are being retried. */
  start(): Promise<void>;
  /** After the features closed theirs: the shared parts (pools, LISTEN connection). */
  close(): Promise<void>;
}

/** Today's embedded stores: lowdb state files and JSON-lines journals under `dataDir`. */
export function embeddedStores(dataDir: string, { now }: { now?: () => Date } = {}): Stores {
  const state = new LowdbStorage(join(dataDir, 'state'), now ? { now } : {});
  return {
    kind: 'embedded',
    state,
    ready: Promise.resolve(),
    faqLog: (options) => FaqLog.open(dataDir, options),
    quoteBackend: (options) => openQuoteBackend({ ...options, dataDir: join(dataDir, 'quotes') }),
    tickets: (options) => JournalTicketStore.open(dataDir, options),
    insights: (options = {}) => openInsightStore(dataDir, options.logger),
    overlay: (options = {}) => openOverlayStore(dataDir, options.logger),
    start: async () => {},
    close: () => state.flush(),
  };
}
