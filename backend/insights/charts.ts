import type { InsightRecord, TurnRecord } from './insightRecord.js';

/** What the charts need of a handoff ticket (read from the ticket store, never copied). */
export interface TicketFacts {
  id: string;
  /** `conversationKey(channel, conversationId)`. */
  conversation: string;
  channel: string;
  lang: string;
  reason: string;
  status: string;
  createdAt: string;
  acceptedAt?: string;
  endedAt?: string;
  updatedAt: string;
  rating?: number;
}

/** What the charts need of a quote request (read from the quote repository). */
export interface QuoteFacts {
  id: string;
  kind: string;
  status: string;
  channel: string;
  createdAt: string;
  /** Absent once the requester asked to be forgotten: the request is no longer linked to a chat. */
  conversation?: string;
}

/** Everything one date range shows: records, tickets and quote requests created in it. */
export interface Dataset {
  records: InsightRecord[];
  tickets: TicketFacts[];
  quotes: QuoteFacts[];
  /** The range's days, in the reader's zone, oldest first. */
  days: string[];
  dayOf: (iso: string) => string;
  now: Date;
}

export type Cell = string | number | null;
/** The table behind a chart: what the CSV export holds, column names in English snake case. */
export interface Table {
  columns: string[];
  rows: Cell[][];
}

export const CHARTS = ['questions', 'outcomes', 'top-topics', 'votes', 'escalations', 'csat', 'quotes', 'faq-quotes'] as const;
export type ChartName = (typeof CHARTS)[number];

const turns = (d: Dataset): TurnRecord[] => d.records.filter((r): r is TurnRecord => r.kind === 'turn');
/** A question: free text the FAQ engine decided on (a tapped topic button is navigation, not a question). */
const isQuestion = (t: TurnRecord): boolean => t.faq?.via === 'engine';
const rate = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);
const inc = <K>(map: Map<K, number>, key: K, by = 1): void => void map.set(key, (map.get(key) ?? 0) + by);

function quantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const seconds = (from: string, to: string): number => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** Questions and conversations per day, language and channel. */
function questions(d: Dataset): Table {
  const q = new Map<string, number>();
  const conv = new Map<string, Set<string>>();
  for (const t of turns(d)) {
    const key = [d.dayOf(t.at), t.lang, t.channel].join('\u0000');
    if (isQuestion(t)) inc(q, key);
    let set = conv.get(key);
    if (!set) conv.set(key, (set = new Set()));
    set.add(t.conversation);
  }
  const keys = [...new Set([...q.keys(), ...conv.keys()])].sort();
  return {
    columns: ['day', 'lang', 'channel', 'questions', 'conversations'],
    rows: keys.map((key) => [...key.split('\u0000'), q.get(key) ?? 0, conv.get(key)?.size ?? 0]),
  };
}

/** Answer, clarify and decline counts and rates per day. */
function outcomes(d: Dataset): Table {
  const by = new Map(d.days.map((day) => [day, { answer: 0, clarify: 0, none: 0 }]));
  for (const t of turns(d)) {
    if (!isQuestion(t)) continue;
    const row = by.get(d.dayOf(t.at));
    if (row) row[t.faq!.decision]++;
  }
  return {
    columns: ['day', 'questions', 'answered', 'clarified', 'declined', 'answer_rate', 'clarify_rate', 'decline_rate'],
    rows: [...by].map(([day, c]) => {
      const n = c.answer + c.clarify + c.none;
      return [day, n, c.answer, c.clarify, c.none, rate(c.answer, n), rate(c.clarify, n), rate(c.none, n)];
    }),
  };
}

/** Topics answered, most first: straight away, or after the user picked it in a "did you mean". */
function topics(d: Dataset): Table {
  const direct = new Map<string, number>();
  const picked = new Map<string, number>();
  const buttons = new Map<string, number>();
  for (const t of turns(d)) {
    const answered = t.faq?.answered;
    if (!answered) continue;
    if (t.pick) inc(picked, answered);
    else if (t.faq!.via === 'title') inc(buttons, answered);
    else inc(direct, answered);
  }
  const ids = [...new Set([...direct.keys(), ...picked.keys(), ...buttons.keys()])];
  const total = (id: string) => (direct.get(id) ?? 0) + (picked.get(id) ?? 0) + (buttons.get(id) ?? 0);
  const all = ids.reduce((sum, id) => sum + total(id), 0);
  return {
    columns: ['topic', 'answers', 'answered_directly', 'after_did_you_mean', 'from_a_button', 'share'],
    rows: ids
      .sort((a, b) => total(b) - total(a) || a.localeCompare(b))
      .map((id) => [id, total(id), direct.get(id) ?? 0, picked.get(id) ?? 0, buttons.get(id) ?? 0, rate(total(id), all)]),
  };
}

/** 👍 and 👎 per topic, most 👎 first. */
function votes(d: Dataset): Table {
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  for (const t of turns(d)) if (t.vote) inc(t.vote.vote === 'up' ? up : down, t.vote.topic);
  const ids = [...new Set([...up.keys(), ...down.keys()])];
  return {
    columns: ['topic', 'up', 'down', 'down_share'],
    rows: ids
      .sort((a, b) => (down.get(b) ?? 0) - (down.get(a) ?? 0) || a.localeCompare(b))
      .map((id) => [id, up.get(id) ?? 0, down.get(id) ?? 0, rate(down.get(id) ?? 0, (up.get(id) ?? 0) + (down.get(id) ?? 0))]),
  };
}

/** Conversations per day: every conversation with a turn or a ticket that day. */
function conversationsByDay(d: Dataset): Map<string, Set<string>> {
  const by = new Map(d.days.map((day) => [day, new Set<string>()]));
  for (const t of turns(d)) by.get(d.dayOf(t.at))?.add(t.conversation);
  for (const t of d.tickets) by.get(d.dayOf(t.createdAt))?.add(t.conversation);
  return by;
}

/**
 * Conversations handed to a person, and how long people waited: accepted tickets wait until an
 * advocate accepted; tickets nobody accepted (the user left, or got an email follow-up) are
 * counted apart, with how long they had waited.
 */
function escalations(d: Dataset): Table {
  const conversations = conversationsByDay(d);
  const rows = d.days.map((day) => {
    const mine = d.tickets.filter((t) => d.dayOf(t.createdAt) === day);
    const escalated = new Set(mine.map((t) => t.conversation)).size;
    const waits = mine.filter((t) => t.acceptedAt).map((t) => seconds(t.createdAt, t.acceptedAt!));
    const unserved = mine.filter((t) => t.status === 'abandoned' || t.status === 'followUp');
    const total = conversations.get(day)?.size ?? 0;
    return [
      day, total, escalated, rate(escalated, total), waits.length, quantile(waits, 0.5), quantile(waits, 0.9),
      unserved.filter((t) => t.status === 'abandoned').length, unserved.filter((t) => t.status === 'followUp').length,
      mine.filter((t) => t.status === 'waiting').length,
    ];
  });
  return {
    columns: ['day', 'conversations', 'escalated', 'escalation_rate', 'accepted', 'median_wait_seconds', 'p90_wait_seconds', 'abandoned', 'email_follow_ups', 'waiting_now'],
    rows,
  };
}

/** The 1–5 ratings users gave after talking to an advocate, per day (CSAT = share of 4 and 5). */
function csat(d: Dataset): Table {
  const rows = d.days.map((day) => {
    const ratings = d.tickets.filter((t) => t.rating !== undefined && d.dayOf(t.endedAt ?? t.updatedAt) === day).map((t) => t.rating!);
    const count = (n: number) => ratings.filter((r) => r === n).length;
    const avg = ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null;
    return [day, ratings.length, count(1), count(2), count(3), count(4), count(5), avg, ratings.length ? rate(count(4) + count(5), ratings.length) : null];
  });
  return { columns: ['day', 'ratings', 'r1', 'r2', 'r3', 'r4', 'r5', 'average', 'csat'], rows };
}

/** Quote requests filed per day, by kind and by their status today. */
function quotes(d: Dataset): Table {
  const by = new Map<string, number>();
  for (const q of d.quotes) inc(by, [d.dayOf(q.createdAt), q.kind, q.status].join('\u0000'));
  return {
    columns: ['day', 'kind', 'status', 'requests'],
    rows: [...by].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => [...key.split('\u0000'), n]),
  };
}

/** Conversations that asked the FAQ something, and how many of them went on to file a quote request. */
function faqQuotes(d: Dataset): Table {
  const firstQuestion = new Map<string, string>();
  for (const t of turns(d)) if (isQuestion(t) && !firstQuestion.has(t.conversation)) firstQuestion.set(t.conversation, t.at);
  const quoted = new Map<string, string[]>();
  for (const q of d.quotes) if (q.conversation) quoted.set(q.conversation, [...(quoted.get(q.conversation) ?? []), q.createdAt]);
  const by = new Map(d.days.map((day) => [day, { faq: 0, quote: 0 }]));
  for (const [conversation, at] of firstQuestion) {
    const row = by.get(d.dayOf(at));
    if (!row) continue;
    row.faq++;
    if (quoted.get(conversation)?.some((filed) => filed >= at)) row.quote++;
  }
  return {
    columns: ['day', 'faq_conversations', 'with_quote_request', 'rate'],
    rows: [...by].map(([day, c]) => [day, c.faq, c.quote, rate(c.quote, c.faq)]),
  };
}

const BUILDERS: Record<ChartName, (d: Dataset) => Table> = {
  questions, outcomes, 'top-topics': topics, votes, escalations, csat, quotes, 'faq-quotes': faqQuotes,
};

export function chartTable(name: ChartName, d: Dataset): Table {
  return BUILDERS[name](d);
}

export interface Summary {
  from: string;
  to: string;
  conversations: number;
  turns: number;
  questions: number;
  answered: number;
  clarified: number;
  declined: number;
  answerRate: number;
  clarifyRate: number;
  declineRate: number;
  votesUp: number;
  votesDown: number;
  escalated: number;
  escalationRate: number;
  medianWaitSeconds: number | null;
  ratings: number;
  csat: number | null;
  averageRating: number | null;
  quoteRequests: number;
  faqConversations: number;
  faqConversationsWithQuote: number;
}

/** The range's totals, for the page's header and `GET /api/insights/summary`. */
export function summary(d: Dataset): Summary {
  const all = turns(d);
  const qs = all.filter(isQuestion);
  const count = (kind: string) => qs.filter((t) => t.faq!.decision === kind).length;
  const conversations = new Set([...all.map((t) => t.conversation), ...d.tickets.map((t) => t.conversation)]);
  const escalated = new Set(d.tickets.map((t) => t.conversation)).size;
  const waits = d.tickets.filter((t) => t.acceptedAt).map((t) => seconds(t.createdAt, t.acceptedAt!));
  const ratings = d.tickets.flatMap((t) => (t.rating === undefined ? [] : [t.rating]));
  const faq = faqQuotes(d).rows;
  return {
    from: d.days[0] ?? '',
    to: d.days[d.days.length - 1] ?? '',
    conversations: conversations.size,
    turns: all.length,
    questions: qs.length,
    answered: count('answer'),
    clarified: count('clarify'),
    declined: count('none'),
    answerRate: rate(count('answer'), qs.length),
    clarifyRate: rate(count('clarify'), qs.length),
    declineRate: rate(count('none'), qs.length),
    votesUp: all.filter((t) => t.vote?.vote === 'up').length,
    votesDown: all.filter((t) => t.vote?.vote === 'down').length,
    escalated,
    escalationRate: rate(escalated, conversations.size),
    medianWaitSeconds: quantile(waits, 0.5),
    ratings: ratings.length,
    csat: ratings.length ? rate(ratings.filter((r) => r >= 4).length, ratings.length) : null,
    averageRating: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
    quoteRequests: d.quotes.length,
    faqConversations: faq.reduce((sum, row) => sum + (row[1] as number), 0),
    faqConversationsWithQuote: faq.reduce((sum, row) => sum + (row[2] as number), 0),
  };
}
