import type { Dataset, QuoteFacts, TicketFacts } from './charts.js';
import { addDays, dayIn, daysBetween, startOfDay } from './days.js';
import { collect, type InsightStore, type TimeRange } from './insightStore.js';

/** Handoff tickets created in a range; registered by the handoff feature. */
export interface TicketSource {
  list(range: TimeRange): Promise<TicketFacts[]>;
}

/** Quote requests filed in a range; registered by the quote feature. */
export interface QuoteSource {
  list(range: TimeRange): Promise<QuoteFacts[]>;
}

/** Where the charts read from: the insight records, and the stores of the other features when they are there. */
export interface InsightSources {
  records: InsightStore;
  tickets?: TicketSource;
  quotes?: QuoteSource;
}

/** A range of whole days in a zone, both ends included. */
export interface DayRange {
  first: string;
  last: string;
  timeZone: string;
}

export function instantsOf({ first, last, timeZone }: DayRange): TimeRange {
  return { from: startOfDay(first, timeZone), to: startOfDay(addDays(last, 1), timeZone) };
}

export async function loadDataset(sources: InsightSources, range: DayRange, now: Date): Promise<Dataset> {
  const span = instantsOf(range);
  const [records, tickets, quotes] = await Promise.all([
    collect(sources.records, span),
    sources.tickets?.list(span) ?? [],
    sources.quotes?.list(span) ?? [],
  ]);
  return {
    records,
    tickets,
    quotes,
    days: daysBetween(range.first, range.last),
    dayOf: (iso) => dayIn(iso, range.timeZone),
    now,
  };
}
