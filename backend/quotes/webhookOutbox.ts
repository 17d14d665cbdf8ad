import { createHmac } from 'node:crypto';
import type { BackoffOptions } from '../delivery/backoff.js';
import { deliveryQueue, type DeliveryQueue, type OutboxEntry, type PendingEffect, type QueueEntry, type QueueSource } from '../delivery/retryQueue.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import { toPublicView } from './publicView.js';
import type { QuoteRequest } from './quoteRequest.js';

/** Header names sent with every delivery; receivers dedupe on the idempotency key. */
export const WEBHOOK_HEADERS = {
  /** The request's reference (`QR-…`): identical on every attempt, across restarts. */
  idempotencyKey: 'Idempotency-Key',
  /**
   * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>", keyed with QUOTE_WEBHOOK_SECRET>`.
   * The time is the attempt's, so receivers can refuse an old delivery replayed at them.
   */
  signature: 'X-Signature-256',
  /** `quote_request.filed`. */
  event: 'X-Quote-Event',
} as const;

export const WEBHOOK_EVENT = 'quote_request.filed';

/** What is stored per delivery: the exact bytes to send, so every attempt is byte-identical. */
export interface WebhookDelivery {
  quoteId: string;
  body: string;
}

export interface WebhookOutboxOptions {
  /** No URL: filing writes no outbox entry and the worker does not run. */
  url?: string;
  /** No secret: deliveries go out unsigned (a warning is logged at start). */
  secret?: string;
  /** Per attempt. */
  timeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  logger?: BackendLogger;
  now?: () => number;
}

/** The delivery's JSON body: the request as staff see it, snapshot at filing time. */
export const webhookBody = (request: QuoteRequest): string => JSON.stringify({ event: WEBHOOK_EVENT, quoteRequest: toPublicView(request) });

/**
 * The signature header of one attempt. The HMAC covers the time and the body together: over the
 * body alone a captured delivery stayed valid forever. See the README for a receiver's check.
 */
export function signDelivery(body: string, secret: string, unixSeconds: number): string {
  const t = Math.floor(unixSeconds);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * Delivers each filed request to `QUOTE_WEBHOOK_URL` (POST, JSON) through a durable outbox: the
 * entry is stored before `create()` returns, so before the user is told "filed", and sent in the
 * background with capped exponential backoff until a 2xx; the user never waits on the webhook.
 * Redirects and non-2xx answers count as failures.
 *
 * Body: `{"event":"quote_request.filed","quoteRequest":{…all collected fields…}}`, a snapshot
 * taken at filing time.
 */
export class WebhookOutbox {
  readonly enabled: boolean;
  readonly #queue: DeliveryQueue<WebhookDelivery>;
  readonly #url: string | undefined;
  readonly #secret: string | undefined;
  readonly #timeoutMs: number;
  readonly #log: BackendLogger;
  readonly #now: () => number;
  #shutdown = new AbortController();

  constructor(entries: QueueSource<WebhookDelivery>, options: WebhookOutboxOptions = {}) {
    this.#url = options.url;
    this.enabled = Boolean(options.url);
    this.#secret = options.secret;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#log = options.logger ?? silentLogger;
    this.#now = options.now ?? Date.now;
    this.#queue = deliveryQueue(entries, (entry) => this.#post(entry), {
      name: 'webhook',
      logger: this.#log,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** The entry filing `request` adds to the outbox (none when no URL is set): keyed by the reference. */
  readonly entryFor = (request: QuoteRequest): OutboxEntry<WebhookDelivery> | undefined =>
    this.enabled ? { id: request.id, subject: request.id, payload: { quoteId: request.id, body: webhookBody(request) } } : undefined;

  /** The repository's `filed` hook: stores the delivery, held until the request itself is stored. */
  readonly prepare = async (request: QuoteRequest): Promise<PendingEffect | undefined> => {
    const entry = this.entryFor(request);
    return entry ? this.#queue.enqueue(entry.id, entry.subject, entry.payload, { hold: true }) : undefined;
  };

  async start(): Promise<void> {
    const pending = (await this.#queue.pending()).length;
    if (!this.enabled) {
      if (pending) this.#log.warn({ pending }, 'webhook: deliveries pending but QUOTE_WEBHOOK_URL is not set; kept for later');
      return;
    }
    if (!this.#secret) this.#log.warn({}, 'webhook: QUOTE_WEBHOOK_SECRET is not set; deliveries are unsigned');
    this.#queue.start();
  }

  /** Aborts an attempt in flight (it counts as failed and is retried after the restart). */
  async stop(): Promise<void> {
    this.#shutdown.abort();
    await this.#queue.stop();
    this.#shutdown = new AbortController();
  }

  /** One delivery pass, for tests and tools. */
  runOnce(): Promise<void> {
    return this.enabled ? this.#queue.runOnce() : Promise.resolve();
  }

  pending(): Promise<QueueEntry<WebhookDelivery>[]> {
    return this.#queue.pending();
  }

  /** Drops deliveries of requests that were never stored (a crash between the two writes). */
  discardOrphans(exists: (id: string) => Promise<boolean>): Promise<number> {
    return this.#queue.discardWhere(async ({ payload }) => !(await exists(payload.quoteId)), 'request not stored');
  }

  async #post(entry: QueueEntry<WebhookDelivery>): Promise<void> {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      [WEBHOOK_HEADERS.idempotencyKey]: entry.id,
      [WEBHOOK_HEADERS.event]: WEBHOOK_EVENT,
    };
    if (this.#secret) headers[WEBHOOK_HEADERS.signature] = signDelivery(entry.payload.body, this.#secret, this.#now() / 1000);
    const response = await fetch(this.#url!, {
      method: 'POST',
      headers,
      body: entry.payload.body,
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#shutdown.signal]),
    });
    // Drain the body so the connection is reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new Error(`webhook answered HTTP ${response.status}`);
  }
}
