import { z } from 'zod';
import { transcriptEntrySchema, type TranscriptEntry } from './ticket.js';

/**
 * The messages a ticket keeps are bounded twice: each text is cut at `maxText` characters, and
 * past `maxEntries` messages the oldest are folded into a summary (how many, when, from whom,
 * and how each began), so a user pasting pages into the chat cannot fill the disk and the
 * advocate still sees that something was said.
 */
export interface TranscriptLimits {
  maxEntries: number;
  maxText: number;
}

/** The console's message limit, and the edge's: longer texts are cut with an ellipsis. */
export const DEFAULT_TRANSCRIPT_LIMITS: TranscriptLimits = { maxEntries: 200, maxText: 4000 };

/** Characters of each folded message kept in the summary's excerpt, and of the excerpt in all. */
const EXCERPT_PER_MESSAGE = 80;
const EXCERPT_MAX = 2000;

export const transcriptSummarySchema = z.object({
  /** Messages folded into this summary. */
  count: z.number().int().nonnegative(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  bySender: z.object({ user: z.number().int(), bot: z.number().int(), advocate: z.number().int() }),
  /** The beginning of each folded message, oldest first, until EXCERPT_MAX characters. */
  excerpt: z.string(),
});
export type TranscriptSummary = z.infer<typeof transcriptSummarySchema>;

export interface Transcript {
  summary?: TranscriptSummary;
  entries: TranscriptEntry[];
}

/**
 * The seam for a ticket's messages: stored as records of their own (one appended per message,
 * never the whole ticket again), read only when someone opens the ticket. Embedded: one
 * JSON-lines file per ticket; a database: a row per message.
 */
export interface TranscriptStore {
  /** Appends (cut to the limits); resolves with the entries as stored, once durable. */
  append(ticketId: string, entries: readonly TranscriptEntry[]): Promise<TranscriptEntry[]>;
  read(ticketId: string): Promise<Transcript>;
  /** Writes a whole transcript (migration, import), replacing any. */
  replace(ticketId: string, transcript: Transcript): Promise<void>;
  /** Deletes the ticket's messages; resolves with how many there were (summarised ones included). */
  remove(ticketId: string): Promise<number>;
  close(): Promise<void>;
}

/** Cuts a text over the limit, remembering its length. */
export function capEntry(entry: TranscriptEntry, maxText: number): TranscriptEntry {
  const parsed = transcriptEntrySchema.parse(entry);
  if (parsed.text.length <= maxText) return parsed;
  return { ...parsed, text: `${parsed.text.slice(0, maxText)}…`, truncatedFrom: parsed.text.length };
}

/** The summary after folding `dropped` (oldest first) into `summary`. */
export function fold(summary: TranscriptSummary | undefined, dropped: readonly TranscriptEntry[]): TranscriptSummary | undefined {
  if (!dropped.length) return summary;
  const next: TranscriptSummary = summary
    ? { ...summary, bySender: { ...summary.bySender } }
    : { count: 0, from: dropped[0]!.at, to: dropped[0]!.at, bySender: { user: 0, bot: 0, advocate: 0 }, excerpt: '' };
  for (const entry of dropped) {
    next.count++;
    next.to = entry.at;
    next.bySender[entry.from]++;
    if (next.excerpt.length < EXCERPT_MAX) {
      const start = entry.text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_PER_MESSAGE);
      const piece = `${entry.from}: ${start}${entry.text.length > EXCERPT_PER_MESSAGE ? '…' : ''}`;
      next.excerpt = (next.excerpt ? `${next.excerpt} / ${piece}` : piece).slice(0, EXCERPT_MAX);
    }
  }
  return next;
}

/** How many messages a transcript holds, summarised ones included. */
export const messageCount = (t: Transcript): number => t.entries.length + (t.summary?.count ?? 0);
