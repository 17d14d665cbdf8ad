import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LANGS } from '../../knowledge/lang.js';

const candidate = z.object({ id: z.string(), score: z.number() });

/**
 * What the FAQ did with a message: its decision with the candidates and scores it weighed, the
 * topic it answered (if any) and how it found it — the engine, a tapped topic title, or a wording
 * an author accepted into the knowledge base (`memory`).
 */
export const faqTraceSchema = z.object({
  decision: z.enum(['answer', 'clarify', 'none']),
  candidates: z.array(candidate).max(5),
  answered: z.string().optional(),
  via: z.enum(['engine', 'title', 'memory']),
  /** The engine's probability that its best topic is right, when it gives one. */
  confidence: z.number().optional(),
});
export type FaqTrace = z.infer<typeof faqTraceSchema>;

const base = {
  /** Unique per record: the review queue and the overlay refer to questions by it. */
  id: z.string().min(1),
  at: z.iso.datetime(),
  /** `subjectKey` of the user, so "delete my data" finds the record. */
  subject: z.string().optional(),
  /** Pseudonym of (channel, conversation id): turns, tickets and quote requests of one conversation meet on it. */
  conversation: z.string(),
  channel: z.string(),
  lang: z.enum(LANGS),
};

/**
 * One message from a user and what the bot made of it. The text is kept only when the FAQ looked
 * at it (a question), masked and cut like the FAQ log: the answers typed into a quote form (names,
 * addresses) are never copied here.
 */
export const turnRecordSchema = z.object({
  ...base,
  kind: z.literal('turn'),
  text: z.string().optional(),
  faq: faqTraceSchema.optional(),
  /** A topic tapped after a "did you mean": the clarify turn it answers. */
  pick: z.object({ topic: z.string(), clarify: z.string() }).optional(),
  /** A 👍/👎 on the answer given by the turn `answer`. */
  vote: z.object({ topic: z.string(), vote: z.enum(['up', 'down']), answer: z.string().optional() }).optional(),
  /** Relayed to the advocate in charge (the bot itself stayed silent). */
  relayed: z.literal(true).optional(),
});
export type TurnRecord = z.infer<typeof turnRecordSchema>;

/**
 * An advocate's knowledge-base search in the console while handling a conversation, or the answer
 * they then used (`used`): what a person thought the user's question was about.
 */
export const knowledgeRecordSchema = z.object({
  ...base,
  kind: z.literal('kbSearch'),
  ticket: z.string(),
  advocate: z.string(),
  query: z.string().optional(),
  results: z.array(z.string()).max(10).default([]),
  used: z.string().optional(),
});
export type KnowledgeRecord = z.infer<typeof knowledgeRecordSchema>;

export const insightRecordSchema = z.discriminatedUnion('kind', [turnRecordSchema, knowledgeRecordSchema]);
export type InsightRecord = z.infer<typeof insightRecordSchema>;

/** The conversation pseudonym: ids are only unique within a channel, and raw ids stay out of analytics. */
export function conversationKey(channelId: string, conversationId: string): string {
  return createHash('sha256').update(`conversation\u0000${channelId}\u0000${conversationId}`).digest('hex').slice(0, 32);
}
