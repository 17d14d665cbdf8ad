import type { Server } from 'restify';
import type { Database, Queryable, Tx } from '../db/database.js';
import { jsonb } from '../db/json.js';
import type { DbNotifications } from '../db/notifications.js';
import { PgRetryQueue } from '../delivery/pgRetryQueue.js';
import type { DeliveryQueueFactory, OutboxEntry } from '../delivery/retryQueue.js';
import { silentLogger } from '../logger.js';
import type { QuoteBackend, QuoteBackendOptions } from './index.js';
import { PgQuoteRepository } from './pgQuoteRepository.js';
import type { QuoteRequest } from './quoteRequest.js';
import { registerStaffApi } from './staffApi.js';
import { StatusNotifier } from './statusNotifier.js';
import { webhookBody, WebhookOutbox } from './webhookOutbox.js';

export interface PgQuoteBackendOptions extends Omit<QuoteBackendOptions, 'dataDir' | 'fsync'> {
  db: Database;
  /** Wakes the outbox workers of every instance when an entry is added anywhere. */
  notifications?: DbNotifications;
  /** Longest sleep of an outbox worker between passes (default 30 s). */
  pollMs?: number;
}

/** `outbox.queue` of each outbox. */
export const QUEUES = { webhook: 'webhook', status: 'status' } as const;

/**
 * The quote backend on PostgreSQL: the repository, both outboxes and the staff API, shared by
 * every instance. A filing and its webhook delivery, a status change and its notification, are
 * one transaction each (no write-ahead entries, so no orphans to clean at start). The outbox
 * workers of every instance claim entries with `FOR UPDATE SKIP LOCKED`: a status changed
 * through the staff API of one instance is sent by whichever claims it first.
 */
export async function openPgQuoteBackend(options: PgQuoteBackendOptions): Promise<QuoteBackend> {
  const { db, notifications } = options;
  const logger = options.logger ?? silentLogger;
  const retry = { logger, ...(options.backoff ? { backoff: options.backoff } : {}), ...(options.now ? { now: () => options.now!().getTime() } : {}) };
  const queues = new Map<string, PgRetryQueue<unknown>>();
  const queue = <P>(name: string): DeliveryQueueFactory<P> => (deliver, queueOptions) => {
    const made = new PgRetryQueue<P>(db, deliver, { ...queueOptions, queue: name, ...(notifications ? { notifications } : {}), ...(options.pollMs ? { pollMs: options.pollMs } : {}) });
    queues.set(name, made as PgRetryQueue<unknown>);
    return made;
  };

  const outbox = new WebhookOutbox(queue(QUEUES.webhook), {
    ...retry,
    url: options.webhookUrl,
    secret: options.webhookSecret,
    ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
  });
  const notifier = new StatusNotifier(queue(QUEUES.status), retry);
  const insert = <P>(name: string, entryFor: (r: QuoteRequest) => OutboxEntry<P> | undefined) => async (tx: Tx, request: QuoteRequest) => {
    const entry = entryFor(request);
    if (entry) await queues.get(name)!.insertIn(tx, entry);
  };
  /** What the outboxes still hold of a request's link to its user, in the unlinking transaction. */
  const forgetRequester = async (client: Queryable, request: QuoteRequest): Promise<void> => {
    await client.query(`DELETE FROM outbox WHERE queue = $1 AND payload->>'quoteId' = $2`, [QUEUES.status, request.id]);
    await client.query(`UPDATE outbox SET payload = $3 WHERE queue = $1 AND payload->>'quoteId' = $2`, [QUEUES.webhook, request.id, jsonb({ quoteId: request.id, body: webhookBody(request) })]);
  };
  const repository = new PgQuoteRepository(db, {
    hooks: { filed: [insert(QUEUES.webhook, outbox.entryFor)], statusChanged: [insert(QUEUES.status, notifier.entryFor)], unlinked: [forgetRequester] },
    ...(options.now ? { now: options.now } : {}),
  });

  if (options.autoStart ?? true) {
    await outbox.start();
    if (options.sender) notifier.start(options.sender);
  }
  logger.info({ store: 'postgres', webhook: outbox.enabled, staffApi: Boolean(options.staffApiKey) }, 'quote backend open');

  return {
    repository,
    notifier,
    outbox,
    registerRoutes(server: Server) {
      registerStaffApi(server, { repository, staffApiKey: options.staffApiKey, logger });
    },
    async erase(subject) {
      // Rows are updated in place: no file keeps the old values, nothing to compact.
      return { quotesUnlinked: (await repository.unlinkRequester({ channel: subject.channelId, userId: subject.userId })).length };
    },
    async close() {
      await Promise.all([outbox.stop(), notifier.stop()]);
    },
  };
}
