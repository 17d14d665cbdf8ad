import type { QuoteStatus } from './quoteRequest.js';

/**
 * Allowed status changes. Staff review a request, then either send a quote or reject it;
 * `closed` ends it (order placed, customer gave up, duplicate). A request can be rejected or
 * closed without a review (spam, duplicate). `rejected` and `closed` are final; setting the
 * current status again is not a change and is refused too, so a double PATCH cannot send the
 * reseller the same notification twice.
 */
export const TRANSITIONS: Readonly<Record<QuoteStatus, readonly QuoteStatus[]>> = {
  submitted: ['in_review', 'rejected', 'closed'],
  in_review: ['quoted', 'rejected', 'closed'],
  quoted: ['closed'],
  rejected: [],
  closed: [],
};

export function canTransition(from: QuoteStatus, to: QuoteStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
