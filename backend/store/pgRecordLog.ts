import type { Database } from '../db/database.js';
import { jsonb } from '../db/json.js';
import type { LogRecord, RecordLog } from './recordLog.js';

/** Rows read per round trip when streaming a log. */
const PAGE = 500;

/**
 * `RecordLog` on PostgreSQL: the `record_logs` table, one row per record with its `at` and
 * `subject` as columns (indexed), so erasure and expiry are plain deletes and every instance
 * appends to the same log. Reads stream in pages by id, oldest first.
 */
export class PgRecordLog<T extends LogRecord> implements RecordLog<T> {
  constructor(
    private readonly db: Database,
    readonly name: string,
    private readonly parse: (raw: unknown) => T = (raw) => raw as T,
  ) {}

  async append(record: T): Promise<void> {
    // Like the embedded log (no fsync per line): committed without waiting for the WAL flush.
    await this.db.relaxed.query('INSERT INTO record_logs (log, at, subject, record) VALUES ($1, $2, $3, $4)', [this.name, record.at, record.subject ?? null, jsonb(record)]);
  }

  async *values(): AsyncIterable<T> {
    let after = 0;
    for (;;) {
      const { rows } = await this.db.query<{ id: string; record: unknown }>('SELECT id, record FROM record_logs WHERE log = $1 AND id > $2 ORDER BY id LIMIT $3', [this.name, after, PAGE]);
      for (const row of rows) yield this.parse(row.record);
      if (rows.length < PAGE) return;
      after = Number(rows.at(-1)!.id);
    }
  }

  async eraseSubject(subject: string): Promise<number> {
    return (await this.db.query('DELETE FROM record_logs WHERE log = $1 AND subject = $2', [this.name, subject])).rowCount ?? 0;
  }

  async expire(cutoff: Date): Promise<number> {
    return (await this.db.query('DELETE FROM record_logs WHERE log = $1 AND at < $2', [this.name, cutoff])).rowCount ?? 0;
  }

  /** Appends are committed before they resolve. */
  async flush(): Promise<void> {}

  /** The pool belongs to the caller. */
  async close(): Promise<void> {}
}
