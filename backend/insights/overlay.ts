import { z } from 'zod';
import { learnClarifyAnswerAt, learnConfusedPairs, wordingKey, type ClarifySample, type KbOverlay } from '../../knowledge/faqOverlay.js';
import { LANGS } from '../../knowledge/lang.js';

export const REVIEW_ACTIONS = ['accept', 'reassign', 'outOfScope', 'ignore'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** A question an author decided on, copied from its insight record (already masked). */
export const reviewedQuestionSchema = z.object({
  /** The insight record it came from. */
  record: z.string(),
  lang: z.enum(LANGS),
  text: z.string(),
  /** Whose question it was, so "delete my data" takes it out of the knowledge base too. */
  subject: z.string().optional(),
  /** What the bot had done with it: its decision, first topic and how sure it was (what calibration learns from). */
  seen: z.object({ decision: z.enum(['answer', 'clarify', 'none']), top: z.string().optional(), strength: z.number().optional() }).optional(),
});
export type ReviewedQuestion = z.infer<typeof reviewedQuestionSchema>;

/**
 * One version of the overlay: an author's decision on some questions, an undo of an earlier
 * version, or an erasure (questions of a user who asked to be forgotten were taken out).
 */
export const overlayChangeSchema = z.object({
  version: z.number().int().positive(),
  at: z.iso.datetime(),
  author: z.string(),
  action: z.enum([...REVIEW_ACTIONS, 'undo', 'erasure']),
  /** accept, reassign: the topic the questions now belong to. */
  topic: z.string().optional(),
  /** What the review queue suggested (reassign: the topic the author did not take). */
  suggested: z.string().optional(),
  cluster: z.string().optional(),
  questions: z.array(reviewedQuestionSchema).default([]),
  /** undo: the version undone. */
  undoes: z.number().int().positive().optional(),
});
export type OverlayChange = z.infer<typeof overlayChangeSchema>;
export type NewOverlayChange = Omit<OverlayChange, 'version'>;

export interface EffectiveOverlay {
  version: number;
  overlay: KbOverlay;
  /** Record ids an author already decided on (ignored ones included): they leave the queue. */
  reviewed: Set<string>;
  /** Versions undone, and by which version. */
  undoneBy: Map<number, number>;
}

/**
 * The overlay as of the latest version: every decision not undone, in version order. When the
 * same wording (per language) was decided twice, the later decision wins, so an example and an
 * out-of-scope line never pull one wording two ways.
 */
export function effectiveOverlay(changes: readonly OverlayChange[]): EffectiveOverlay {
  const sorted = [...changes].sort((a, b) => a.version - b.version);
  const undoneBy = new Map<number, number>();
  for (const change of sorted) if (change.action === 'undo' && change.undoes !== undefined) undoneBy.set(change.undoes, change.version);
  const latest = new Map<string, { lang: (typeof LANGS)[number]; text: string; topic: string | null }>();
  const reviewed = new Set<string>();
  const samples: ClarifySample[] = [];
  const seenTops: Array<{ top?: string; topic: string | null }> = [];
  for (const change of sorted) {
    if (undoneBy.has(change.version) || !(REVIEW_ACTIONS as readonly string[]).includes(change.action)) continue;
    for (const q of change.questions) {
      reviewed.add(q.record);
      if (change.action === 'ignore') continue;
      const topic = change.action === 'outOfScope' ? null : change.topic;
      if (topic === undefined) continue;
      if (q.seen?.decision === 'clarify' && q.seen.strength !== undefined) samples.push({ strength: q.seen.strength, right: q.seen.top === topic });
      if (q.seen) seenTops.push({ ...(q.seen.top ? { top: q.seen.top } : {}), topic });
      const key = `${q.lang}\u0000${wordingKey(q.text)}`;
      latest.delete(key); // re-inserted last: the map keeps decision order
      latest.set(key, { lang: q.lang, text: q.text, topic });
    }
  }
  const overlay: KbOverlay = { examples: [], outOfScope: [] };
  for (const { lang, text, topic } of latest.values()) {
    if (topic === null) overlay.outOfScope.push({ lang, text });
    else overlay.examples.push({ topic, lang, text });
  }
  const clarifyAnswerAt = learnClarifyAnswerAt(samples);
  if (clarifyAnswerAt !== undefined) overlay.clarifyAnswerAt = clarifyAnswerAt;
  const confusedPairs = learnConfusedPairs(seenTops);
  if (confusedPairs.length) overlay.confusedPairs = confusedPairs;
  return { version: sorted.at(-1)?.version ?? 0, overlay, reviewed, undoneBy };
}
