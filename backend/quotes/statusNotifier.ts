import type { Lang } from '../../knowledge/lang.js';
import type { BackoffOptions } from '../delivery/backoff.js';
import { deliveryQueue, type DeliveryQueue, type OutboxEntry, type PendingEffect, type QueueEntry, type QueueSource } from '../delivery/retryQueue.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import type { QuoteRequest, QuoteStatus } from './quoteRequest.js';

/** A localisable message: the bot resolves `key` with i18next in the reseller's language. */
export interface LocalizedMessage {
  key: string;
  params: Record<string, string>;
}

/**
 * Sends one message into an existing conversation. Implemented by the bot layer (e.g. with
 * `CloudAdapter.continueConversationAsync`) and injected here, so the backend never imports
 * botbuilder. Throw to have the message retried later.
 */
export interface ProactiveSender {
  send(conversationRef: Record<string, unknown>, locale: Lang, message: LocalizedMessage): Promise<void>;
}

export interface StatusNotification {
  quoteId: string;
  status: QuoteStatus;
  /** Position of the announced change in the request's history: proves the change was stored. */
  historyIndex: number;
  conversationRef: Record<string, unknown>;
  locale: Lang;
  message: LocalizedMessage;
}

/**
 * `quoteStatus:changed.<status>` without a staff note, `quoteStatus:changedWithNote.<status>`
 * with one; params are always `{ref, note}` (note empty when absent).
 */
export function statusMessage(ref: string, status: QuoteStatus, note?: string): LocalizedMessage {
  const key = note ? `quoteStatus:changedWithNote.${status}` : `quoteStatus:changed.${status}`;
  return { key, params: { ref, note: note ?? '' } };
}

export interface StatusNotifierOptions {
  backoff?: Partial<BackoffOptions>;
  logger?: BackendLogger;
  now?: () => number;
}

/**
 * Tells resellers, in their language and in the conversation where they filed, that staff changed
 * the status of their request. A durable outbox: the notification is stored before the status
 * change (write-ahead, see `QuoteHooks`), then sent with retries until the sender succeeds, across
 * restarts. Notifications of one request go out in order.
 * Requests without a conversation reference (none came through the bot) get no notification.
 */
export class StatusNotifier {
  readonly #queue: DeliveryQueue<StatusNotification>;
  readonly #log: BackendLogger;
  #sender: ProactiveSender | undefined;

  constructor(entries: QueueSource<StatusNotification>, options: StatusNotifierOptions = {}) {
    this.#log = options.logger ?? silentLogger;
    this.#queue = deliveryQueue(entries, (entry) => this.#send(entry.payload), {
      name: 'status-notification',
      logger: this.#log,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** The repository's `statusChanged` hook: stores the notification for the last history entry. */
  readonly prepare = async (request: QuoteRequest): Promise<PendingEffect | undefined> => {
    const entry = this.entryFor(request);
    return entry ? this.#queue.enqueue(entry.id, entry.subject, entry.payload, { hold: true }) : undefined;
  };

  /** The entry announcing the request's last status change (keyed `QR-…#<history index>`), none without a conversation reference. */
  readonly entryFor = (request: QuoteRequest): OutboxEntry<StatusNotification> | undefined => {
    if (!request.conversationRef) {
      this.#log.debug({ ref: request.id }, 'status notification skipped: no conversation reference');
      return undefined;
    }
    const historyIndex = request.history.length - 1;
    const change = request.history[historyIndex]!;
    const notification: StatusNotification = {
      quoteId: request.id,
      status: change.status,
      historyIndex,
      conversationRef: request.conversationRef,
      locale: request.locale,
      message: statusMessage(request.id, change.status, change.note),
    };
    return { id: `${request.id}#${historyIndex}`, subject: request.id, payload: notification };
  };

  /** Starts delivering (pending ones from earlier runs first) through this sender. */
  start(sender: ProactiveSender): void {
    this.#sender = sender;
    this.#queue.start();
  }

  stop(): Promise<void> {
    return this.#queue.stop();
  }

  /** One delivery pass, for tests and tools; needs a sender given to `start` or here. */
  runOnce(sender?: ProactiveSender): Promise<void> {
    if (sender) this.#sender = sender;
    return this.#queue.runOnce();
  }

  pending(): Promise<QueueEntry<StatusNotification>[]> {
    return this.#queue.pending();
  }

  /** Drops notifications whose status change was never stored (a crash between the two writes). */
  discardOrphans(getRequest: (id: string) => Promise<QuoteRequest | undefined>): Promise<number> {
    return this.#queue.discardWhere(async ({ payload }) => {
      const request = await getRequest(payload.quoteId);
      return request?.history[payload.historyIndex]?.status !== payload.status;
    }, 'status change not stored');
  }

  async #send(notification: StatusNotification): Promise<void> {
    if (!this.#sender) throw new Error('no proactive sender attached yet');
    await this.#sender.send(notification.conversationRef, notification.locale, notification.message);
  }
}
