import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGS } from '../../knowledge/lang.js';
import { maskPersonalData } from '../../knowledge/language/personalData.js';
import type { BackendLogger } from '../logger.js';
import { JournalCollection, type Collection } from '../store/index.js';

const candidate = z.object({ id: z.string(), score: z.number() });

/** A question the FAQ could not answer outright: what knowledge authors should look at. */
export const unansweredSchema = z.object({
  at: z.iso.datetime(),
  text: z.string(),
  lang: z.enum(LANGS),
  outcome: z.enum(['clarify', 'none']),
  candidates: z.array(candidate),
});
export type Unanswered = z.infer<typeof unansweredSchema>;

/** A 👍/👎 on an answer, with the question that produced it. */
export const feedbackSchema = z.object({
  at: z.iso.datetime(),
  entryId: z.string(),
  question: z.string(),
  lang: z.enum(LANGS),
  vote: z.enum(['up', 'down']),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** The FAQ's own stores (DATA_DIR/faq/): unanswered questions and answer feedback, each its own journal. */
export class FaqLog {
  private constructor(
    readonly unanswered: Collection<Unanswered>,
    readonly feedback: Collection<Feedback>,
  ) {}

  static async open(dataDir: string, logger?: BackendLogger): Promise<FaqLog> {
    const dir = join(dataDir, 'faq');
    const [unanswered, feedback] = await Promise.all([
      JournalCollection.open({ dir, name: 'unanswered', parse: (v) => unansweredSchema.parse(v), fsync: false, ...(logger && { logger }) }),
      JournalCollection.open({ dir, name: 'feedback', parse: (v) => feedbackSchema.parse(v), fsync: false, ...(logger && { logger }) }),
    ]);
    return new FaqLog(unanswered, feedback);
  }

  /** Authors need the wording, not the customer: emails and SENs are masked before storing. */
  async recordUnanswered(entry: Omit<Unanswered, 'at'>): Promise<void> {
    await this.unanswered.put(randomUUID(), { ...entry, text: maskPersonalData(entry.text), at: new Date().toISOString() });
  }

  async recordFeedback(entry: Omit<Feedback, 'at'>): Promise<void> {
    await this.feedback.put(randomUUID(), { ...entry, question: maskPersonalData(entry.question), at: new Date().toISOString() });
  }

  async close(): Promise<void> {
    await Promise.all([this.unanswered.close(), this.feedback.close()]);
  }
}
