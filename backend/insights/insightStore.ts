import type { InsightRecord } from './insightRecord.js';

/** A half-open time span: `from` ≤ at < `to`. */
export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * The seam of the insight records: written on every turn, read by time range for the staff
 * charts and the review queue, erased by subject, expired by age. A database implements it as one
 * table (`id` primary key, `at`, `kind`, `subject`, `conversation`, the record as JSON) with an
 * index on `at` and one on `subject`:
 * - `append` → INSERT;
 * - `query` → SELECT … WHERE at >= from AND at < to ORDER BY at;
 * - `find` → SELECT … WHERE id = ANY($1) (and the range);
 * - `eraseSubject` → DELETE … WHERE subject = $1;
 * - `expire` → DELETE … WHERE at < cutoff.
 */
export interface InsightStore {
  append(record: InsightRecord): Promise<void>;
  /** Oldest first. */
  query(range: TimeRange): AsyncIterable<InsightRecord>;
  /** The records of these ids written within the range (a review decision names its questions by id). */
  find(ids: readonly string[], range: TimeRange): Promise<InsightRecord[]>;
  /** Removes the subject's records; they are in no file (no row) when it resolves. Returns how many. */
  eraseSubject(subject: string): Promise<number>;
  /** Removes the records written before `cutoff`. Returns how many. */
  expire(cutoff: Date): Promise<number>;
  /** Resolves once every append made so far is stored. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Every record of a range, in memory: the charts and the queue read ranges of days, not the whole store. */
export async function collect(store: InsightStore, range: TimeRange): Promise<InsightRecord[]> {
  const out: InsightRecord[] = [];
  for await (const record of store.query(range)) out.push(record);
  return out;
}
