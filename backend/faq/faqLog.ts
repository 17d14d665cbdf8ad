import { join } from 'node:path';
import { z } from 'zod';
import { LANGS } from '../../knowledge/lang.js';
import { maskPersonalData } from '../../knowledge/language/personalData.js';
import type { BackendLogger } from '../logger.js';
import { cutoff, subjectKey, type DataSubject, type ErasureReport } from '../privacy/index.js';
import { JournalLog, type RecordLog } from '../store/index.js';

const candidate = z.object({ id: z.string(), score: z.number() });

/** A question the FAQ could not answer outright: what knowledge authors should look at. */
export const unansweredSchema = z.object({
  at: z.iso.datetime(),
  text: z.string(),
  lang: z.enum(LANGS),
  outcome: z.enum(['clarify', 'none']),
  candidates: z.array(candidate),
  /** Whose question (`subjectKey`), so "delete my data" finds it; absent on lines logged before. */
  subject: z.string().optional(),
});
export type Unanswered = z.infer<typeof unansweredSchema>;

/** A 👍/👎 on an answer, with the question that produced it. */
export const feedbackSchema = z.object({
  at: z.iso.datetime(),
  entryId: z.string(),
  question: z.string(),
  lang: z.enum(LANGS),
  vote: z.enum(['up', 'down']),
  subject: z.string().optional(),
});
export type Feedback = z.infer<typeof feedbackSchema>;

/** Authors need the wording, not pages of it: longer texts are cut here (the log's memory and disk stay bounded). */
export const MAX_LOGGED_TEXT = 1000;

/** Authors need the wording, not the customer: emails and SENs are masked before storing. */

/** What the FAQ log and the insight records keep of a text: cut to MAX_LOGGED_TEXT, emails and SENs masked. */
export const forAuthors = (text: string): string => {
  const cut = text.length > MAX_LOGGED_TEXT ? `${text.slice(0, MAX_LOGGED_TEXT)}…` : text;
  return maskPersonalData(cut);
};

export interface FaqLogOptions {
  logger?: BackendLogger;
  now?: () => Date;
}

type Entry<T> = Omit<T, 'at' | 'subject'> & { subject?: DataSubject };

/**
 * The FAQ's own stores (DATA_DIR/faq/, or the `record_logs` table on PostgreSQL): unanswered questions and answer feedback, each an
 * append-only log read only by `npm run report:unanswered`, so nothing is kept in memory.
 * Lines carry their author's `subjectKey` for "delete my data" and expire after RETENTION_DAYS.
 */
export class FaqLog {
  private constructor(
    readonly unanswered: RecordLog<Unanswered>,
    readonly feedback: RecordLog<Feedback>,
    private readonly now: () => Date,
  ) {}

  static async open(dataDir: string, { logger, now }: FaqLogOptions = {}): Promise<FaqLog> {
    const dir = join(dataDir, 'faq');
    const [unanswered, feedback] = await Promise.all([
      JournalLog.open({ dir, name: 'unanswered', parse: (v) => unansweredSchema.parse(v), ...(logger && { logger }) }),
      JournalLog.open({ dir, name: 'feedback', parse: (v) => feedbackSchema.parse(v), ...(logger && { logger }) }),
    ]);
    return new FaqLog(unanswered, feedback, now ?? (() => new Date()));
  }

  /** The same log over other `RecordLog`s (the `record_logs` table of a shared database). */
  static over(unanswered: RecordLog<Unanswered>, feedback: RecordLog<Feedback>, { now }: FaqLogOptions = {}): FaqLog {
    return new FaqLog(unanswered, feedback, now ?? (() => new Date()));
  }

  async recordUnanswered({ subject, ...entry }: Entry<Unanswered>): Promise<void> {
    await this.unanswered.append({ ...entry, text: forAuthors(entry.text), at: this.now().toISOString(), ...owner(subject) });
  }

  async recordFeedback({ subject, ...entry }: Entry<Feedback>): Promise<void> {
    await this.feedback.append({ ...entry, question: forAuthors(entry.question), at: this.now().toISOString(), ...owner(subject) });
  }

  async erase(subject: DataSubject): Promise<Partial<ErasureReport>> {
    const key = subjectKey(subject);
    return { questions: await this.unanswered.eraseSubject(key), votes: await this.feedback.eraseSubject(key) };
  }

  async expire(now: Date, retentionDays: number): Promise<number> {
    const before = cutoff(now, retentionDays);
    return (await this.unanswered.expire(before)) + (await this.feedback.expire(before));
  }

  async close(): Promise<void> {
    await Promise.all([this.unanswered.close(), this.feedback.close()]);
  }
}

const owner = (subject: DataSubject | undefined): { subject?: string } => (subject ? { subject: subjectKey(subject) } : {});
