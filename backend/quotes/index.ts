import type { Server } from 'restify';
import type { BackoffOptions } from '../delivery/backoff.js';
import type { QueueEntry } from '../delivery/retryQueue.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import { JournalCollection } from '../store/journalCollection.js';
import { quoteRequestSchema, type QuoteRequest } from './quoteRequest.js';
import { QuoteReferences, type DayCounter } from './quoteReference.js';
import { openQuoteRepository, type QuoteRepository } from './quoteRepository.js';
import { registerStaffApi } from './staffApi.js';
import { StatusNotifier, type ProactiveSender, type StatusNotification } from './statusNotifier.js';
import { webhookBody, WebhookOutbox, type WebhookDelivery } from './webhookOutbox.js';
import type { DataSubject, ErasureReport } from '../privacy/index.js';

export interface QuoteBackendOptions {
  /** Folder of the journals: quotes.jsonl, counters.jsonl, webhook-outbox.jsonl, status-outbox.jsonl. */
  dataDir: string;
  webhookUrl?: string | undefined;
  webhookSecret?: string | undefined;
  /** Unset → the staff API answers 503. */
  staffApiKey?: string | undefined;
  logger?: BackendLogger;
  /** Starts the status notifications right away; otherwise call `notifier.start(sender)` later. */
  sender?: ProactiveSender;
  /** Start the delivery workers (default true; tests drive them with `runOnce`). */
  autoStart?: boolean;
  /** fdatasync each write batch (default true). */
  fsync?: boolean;
  /** Retry delays of both outboxes (default 1 s doubling up to 15 min). */
  backoff?: Partial<BackoffOptions>;
  webhookTimeoutMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface QuoteBackend {
  repository: QuoteRepository;
  notifier: StatusNotifier;
  outbox: WebhookOutbox;
  /** Adds the staff API routes to the bot's server (it already has its body and query parsers). */
  registerRoutes(server: Server): void;
  /**
   * "Delete my data": the subject's requests are unlinked from them (see
   * `QuoteRepository.unlinkRequester`), pending status messages to them dropped, pending webhook
   * bodies rewritten without the link, and every journal compacted so no file keeps the old lines.
   */
  erase(subject: DataSubject): Promise<Partial<ErasureReport>>;
  /** Stops the workers (waiting for attempts in flight), flushes and closes every journal. */
  close(): Promise<void>;
}

/**
 * Opens the quote backend over embedded journals in `dataDir`: one file per collection, so
 * filing a request appends to `quotes.jsonl` (and the outbox) and rewrites nothing else.
 * On open it drops outbox entries whose change never got stored (a crash between the
 * write-ahead entry and the change), then starts the workers.
 */
export async function openQuoteBackend(options: QuoteBackendOptions): Promise<QuoteBackend> {
  const logger = options.logger ?? silentLogger;
  const journal = { dir: options.dataDir, logger, ...(options.fsync === undefined ? {} : { fsync: options.fsync }) };
  const retry = {
    logger,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.now ? { now: () => options.now!().getTime() } : {}),
  };

  const collections: Array<{ close(): Promise<void> }> = [];
  /** Opens one journal, remembering it so a failure further on closes what was opened. */
  const openJournal = async <T>(name: string, parse?: (raw: unknown) => T): Promise<JournalCollection<T>> => {
    const collection = await JournalCollection.open<T>({ ...journal, name, ...(parse ? { parse } : {}) });
    collections.push(collection);
    return collection;
  };
  try {
    return await assemble();
  } catch (err) {
    await Promise.allSettled(collections.map((c) => c.close()));
    throw err;
  }

  async function assemble(): Promise<QuoteBackend> {
    const quotes = await openJournal<QuoteRequest>('quotes', (raw) => quoteRequestSchema.parse(raw));
    const counters = await openJournal<DayCounter>('counters');
    const webhookEntries = await openJournal<QueueEntry<WebhookDelivery>>('webhook-outbox');
    const statusEntries = await openJournal<QueueEntry<StatusNotification>>('status-outbox');

    const outbox = new WebhookOutbox(webhookEntries, {
      ...retry,
      url: options.webhookUrl,
      secret: options.webhookSecret,
      ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
    });
    const notifier = new StatusNotifier(statusEntries, retry);
    /** What the outboxes still hold of a request's link to its user. */
    const forgetRequester = async (request: QuoteRequest): Promise<void> => {
      for await (const entry of statusEntries.values()) if (entry.payload.quoteId === request.id) await statusEntries.delete(entry.id);
      for await (const entry of webhookEntries.values()) {
        if (entry.payload.quoteId === request.id) await webhookEntries.put(entry.id, { ...entry, payload: { ...entry.payload, body: webhookBody(request) } });
      }
    };
    const repository = await openQuoteRepository({
      quotes,
      references: new QuoteReferences(counters),
      hooks: { filed: [outbox.prepare], statusChanged: [notifier.prepare], unlinked: [forgetRequester] },
      ...(options.now ? { now: options.now } : {}),
    });

    await outbox.discardOrphans(async (id) => (await quotes.get(id)) !== undefined);
    await notifier.discardOrphans((id) => quotes.get(id));
    if (options.autoStart ?? true) {
      await outbox.start();
      if (options.sender) notifier.start(options.sender);
    }
    logger.info({ requests: await quotes.size(), webhook: outbox.enabled, staffApi: Boolean(options.staffApiKey) }, 'quote backend open');

    return {
      repository,
      notifier,
      outbox,
      registerRoutes(server) {
        registerStaffApi(server, { repository, staffApiKey: options.staffApiKey, logger });
      },
      async erase(subject) {
        const unlinked = await repository.unlinkRequester({ channel: subject.channelId, userId: subject.userId });
        if (unlinked.length) await Promise.all([quotes.compact(), webhookEntries.compact(), statusEntries.compact()]);
        return { quotesUnlinked: unlinked.length };
      },
      async close() {
        await Promise.all([outbox.stop(), notifier.stop()]);
        await Promise.all(collections.map((c) => c.close()));
      },
    };
  }
}

export type { BackendLogger } from '../logger.js';
export type { QuoteRequest, QuoteRequestDraft, QuoteStatus, QuoteItem, HistoryEntry } from './quoteRequest.js';
export { QUOTE_STATUSES, quoteRequestSchema, quoteRequestDraftSchema, QUOTE_REF_PATTERN } from './quoteRequest.js';
export { QuoteValidationError, type QuoteRepository, type QuoteListQuery, type Requester, type StatusUpdateResult } from './quoteRepository.js';
export { statusMessage, type ProactiveSender, type LocalizedMessage } from './statusNotifier.js';
export { WEBHOOK_HEADERS, WEBHOOK_EVENT, signDelivery } from './webhookOutbox.js';
export { TRANSITIONS, canTransition } from './transitions.js';
export { toPublicView, type PublicQuoteRequest } from './publicView.js';
export { quoteItemSchema, paymentPreferenceSchema, quoteStatusSchema, type PaymentPreference } from './quoteRequest.js';
export type { StatusNotifier, StatusNotification } from './statusNotifier.js';
export type { WebhookOutbox } from './webhookOutbox.js';
