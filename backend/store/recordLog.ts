/** A record of an append-only log: when it was written and, when known, whose it is (a `subjectKey`). */
export interface LogRecord {
  at: string;
  subject?: string;
}

/**
 * An append-only sequence of records that is written often and read rarely (the FAQ log):
 * nothing is held in memory, reads stream from storage. A database implements it as a table
 * with `at` and `subject` columns; removals are plain deletes.
 */
export interface RecordLog<T extends LogRecord> {
  readonly name: string;
  append(record: T): Promise<void>;
  /** Oldest first. */
  values(): AsyncIterable<T>;
  /** Removes the subject's records; they are in no file when it resolves. Returns how many. */
  eraseSubject(subject: string): Promise<number>;
  /** Removes the records written before `cutoff`. Returns how many. */
  expire(cutoff: Date): Promise<number>;
  flush(): Promise<void>;
  close(): Promise<void>;
}
