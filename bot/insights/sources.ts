import type { TicketStore } from '../../backend/handoff/index.js';
import { TICKET_STATUSES } from '../../backend/handoff/index.js';
import type { QuoteSource, TicketSource } from '../../backend/insights/dataset.js';
import { conversationKey } from '../../backend/insights/insightRecord.js';
import type { QuoteRepository } from '../../backend/quotes/index.js';

const within = (iso: string, from: Date, to: Date): boolean => iso >= from.toISOString() && iso < to.toISOString();

/** Tickets for the charts: what an advocate's work looks like in numbers, never the messages. */
export function ticketSource(store: Promise<TicketStore>): TicketSource {
  return {
    async list({ from, to }) {
      const tickets = await (await store).list(TICKET_STATUSES);
      return tickets
        .filter((t) => within(t.createdAt, from, to))
        .map((t) => ({
          id: t.id,
          conversation: conversationKey(t.channel, t.conversationId),
          channel: t.channel,
          lang: t.lang,
          reason: t.reason,
          status: t.status,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          ...(t.acceptedAt ? { acceptedAt: t.acceptedAt } : {}),
          ...(t.endedAt ? { endedAt: t.endedAt } : {}),
          ...(t.rating !== undefined ? { rating: t.rating } : {}),
        }));
    },
  };
}

const PAGE = 1000;

/** Quote requests for the charts: kind, status, day, and the conversation they came from while still linked. */
export function quoteSource(repository: QuoteRepository): QuoteSource {
  return {
    async list({ from, to }) {
      const out = [];
      for (let offset = 0; ; offset += PAGE) {
        const { items, total } = await repository.list({ from, to, limit: PAGE, offset, order: 'asc' });
        for (const q of items) {
          out.push({
            id: q.id,
            kind: q.kind,
            status: q.status,
            channel: q.channel,
            createdAt: q.createdAt,
            ...(q.conversationId ? { conversation: conversationKey(q.channel, q.conversationId) } : {}),
          });
        }
        if (offset + PAGE >= total) break;
      }
      return out;
    },
  };
}
