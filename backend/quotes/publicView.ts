import type { QuoteRequest } from './quoteRequest.js';

/** A request as staff and the webhook see it: without the bot's internals. */
export type PublicQuoteRequest = Omit<QuoteRequest, 'conversationRef' | 'idempotencyKey'>;

/**
 * Drops the conversation reference (service URL, bot and tenant ids: plumbing, and a lever for
 * impersonating the bot) and the idempotency key. Every collected field stays.
 */
export function toPublicView(request: QuoteRequest): PublicQuoteRequest {
  const { conversationRef: _ref, idempotencyKey: _key, ...rest } = request;
  return rest;
}
