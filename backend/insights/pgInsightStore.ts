import type { Database } from '../db/database.js';
import { jsonb } from '../db/json.js';
import { insightRecordSchema, type InsightRecord } from './insightRecord.js';
import type { InsightStore, TimeRange } from './insightStore.js';

/** Rows read per round trip when streaming a range. */
const PAGE = 1000;
type Row = { at: Date; seq: string; record: unknown };

/**
 * `InsightStore` on PostgreSQL: the `insight_records` table, shared by every instance, so the
 * charts and the review queue of any instance see the turns answered by all of them. `at` and
 * `subject` are indexed columns: a range is an index scan, erasure and expiry are plain deletes.
 */
export class PgInsightStore implements InsightStore {
  #closed = false;

  constructor(private readonly db: Database) {}

  async append(record: InsightRecord): Promise<void> {
    if (this.#closed) throw new Error('insights: the store is closed');
    // Statistics, written behind the turn: committed without waiting for the WAL flush, the
    // durability of the embedded day files (no fsync per line). A record id already stored (an
    // import run twice) is kept as it is.
    await this.db.relaxed.query(
      'INSERT INTO insight_records (id, at, kind, subject, conversation, record) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
      [record.id, record.at, record.kind, record.subject ?? null, record.conversation, jsonb(record)],
    );
  }

  async *query({ from, to }: TimeRange): AsyncIterable<InsightRecord> {
    // Keyset pages on (at, seq): a long range never sits in one result, and rows written while
    // it is read (later `at`, higher `seq`) cannot shift a page.
    let after: { at: Date; seq: string } | undefined;
    for (;;) {
      const { rows } = after
        ? await this.db.query<Row>('SELECT at, seq, record FROM insight_records WHERE at < $1 AND (at, seq) > ($2, $3) ORDER BY at, seq LIMIT $4', [to, after.at, after.seq, PAGE])
        : await this.db.query<Row>('SELECT at, seq, record FROM insight_records WHERE at >= $1 AND at < $2 ORDER BY at, seq LIMIT $3', [from, to, PAGE]);
      for (const row of rows) {
        const parsed = insightRecordSchema.safeParse(row.record);
        if (parsed.success) yield parsed.data; // a row written by a newer version of the bot: skipped, as the files skip a line
      }
      if (rows.length < PAGE) return;
      after = { at: rows.at(-1)!.at, seq: rows.at(-1)!.seq };
    }
  }

  async find(ids: readonly string[], { from, to }: TimeRange): Promise<InsightRecord[]> {
    const { rows } = await this.db.query<{ record: unknown }>('SELECT record FROM insight_records WHERE id = ANY($1::text[]) AND at >= $2 AND at < $3 ORDER BY at, seq', [[...ids], from, to]);
    return rows.flatMap((r) => {
      const parsed = insightRecordSchema.safeParse(r.record);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async eraseSubject(subject: string): Promise<number> {
    return (await this.db.query('DELETE FROM insight_records WHERE subject = $1', [subject])).rowCount ?? 0;
  }

  async expire(cutoff: Date): Promise<number> {
    return (await this.db.query('DELETE FROM insight_records WHERE at < $1', [cutoff])).rowCount ?? 0;
  }

  /** Appends are committed before they resolve. */
  async flush(): Promise<void> {}

  /** The pool belongs to the stores (`pgStores`). */
  async close(): Promise<void> {
    this.#closed = true;
  }
}
