import type { Storage } from 'botbuilder';

/**
 * The state property listing whose state a document is (`subjectKey`s), set by the privacy
 * middleware: how "delete my data" finds every conversation a user wrote in.
 */
export const DATA_SUBJECTS = 'dataSubjects';

/**
 * Bot state storage (botbuilder's `Storage`, eTags included) with the lifecycle the privacy
 * rules need. `LowdbStorage` is the embedded implementation; a shared database implements the
 * same three methods next to it (a `touched_at` column and an index on the subjects).
 */
export interface StateStore extends Storage {
  /**
   * Deletes every item untouched since `cutoff`. Writes touch an item; reads touch it too, at
   * most once per `touchEvery` (so a state read every day but never changed does not expire).
   * Resolves with how many were deleted.
   */
  expire(cutoff: Date): Promise<number>;
  /** Deletes every item whose `dataSubjects` lists `subject`; resolves with their keys. */
  eraseSubject(subject: string): Promise<string[]>;
  /** Resolves once every change so far is stored. */
  flush(): Promise<void>;
}
