import { LOCK_KEY_SQL, type Database, type Queryable } from '../db/database.js';
import { jsonb } from '../db/json.js';
import type { TranscriptEntry } from './ticket.js';
import { capEntry, DEFAULT_TRANSCRIPT_LIMITS, fold, type Transcript, type TranscriptLimits, type TranscriptStore, type TranscriptSummary } from './transcript.js';

/** A message as stored, with its row number (what a NOTIFY names). */
export type StoredEntry = TranscriptEntry & { seq: number };

/**
 * `TranscriptStore` on PostgreSQL: a row per message in `handoff_messages`, the summary of the
 * folded ones in `handoff_summaries`. An append inserts its rows and, past `maxEntries`, deletes
 * the oldest and folds them into the summary in the same transaction, under an advisory lock
 * on the ticket, so two instances appending to one ticket at once keep every message
 * either listed or counted.
 * Every method takes an optional client so the ticket store can run it inside its own transaction.
 */
export class PgTranscriptStore implements TranscriptStore {
  readonly limits: TranscriptLimits;

  constructor(
    private readonly db: Database,
    limits: Partial<TranscriptLimits> = {},
  ) {
    this.limits = { ...DEFAULT_TRANSCRIPT_LIMITS, ...limits };
  }

  append(ticketId: string, entries: readonly TranscriptEntry[]): Promise<StoredEntry[]> {
    if (!entries.length) return Promise.resolve([]);
    return this.db.tx((client) => this.appendIn(client, ticketId, entries));
  }

  async appendIn(client: Queryable, ticketId: string, entries: readonly TranscriptEntry[]): Promise<StoredEntry[]> {
    const stored = entries.map((e) => capEntry(e, this.limits.maxText));
    if (!stored.length) return [];
    await this.#lock(client, ticketId);
    const { rows } = await client.query<{ seq: string }>(
      'INSERT INTO handoff_messages (ticket_id, entry) SELECT $1, e FROM unnest($2::jsonb[]) WITH ORDINALITY AS t(e, n) ORDER BY n RETURNING seq',
      [ticketId, stored.map((e) => jsonb(e))],
    );
    const seqs = rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
    await this.#trim(client, ticketId);
    return stored.map((e, i) => ({ ...e, seq: seqs[i]! }));
  }

  async read(ticketId: string, client: Queryable = this.db): Promise<Transcript> {
    const [{ rows }, summary] = await Promise.all([
      client.query<{ entry: TranscriptEntry }>('SELECT entry FROM handoff_messages WHERE ticket_id = $1 ORDER BY seq', [ticketId]),
      this.#summary(client, ticketId),
    ]);
    return { ...(summary ? { summary } : {}), entries: rows.map((r) => r.entry) };
  }

  /** One message by its row number, for another instance told about it; undefined once folded or erased. */
  async message(seq: number): Promise<{ ticketId: string; entry: TranscriptEntry } | undefined> {
    const { rows } = await this.db.query<{ ticket_id: string; entry: TranscriptEntry }>('SELECT ticket_id, entry FROM handoff_messages WHERE seq = $1', [seq]);
    return rows[0] ? { ticketId: rows[0].ticket_id, entry: rows[0].entry } : undefined;
  }

  replace(ticketId: string, transcript: Transcript): Promise<void> {
    return this.db.tx(async (client) => {
      await this.#lock(client, ticketId);
      await client.query('DELETE FROM handoff_messages WHERE ticket_id = $1', [ticketId]);
      await client.query('DELETE FROM handoff_summaries WHERE ticket_id = $1', [ticketId]);
      if (transcript.summary) await this.#saveSummary(client, ticketId, transcript.summary);
      await this.appendIn(client, ticketId, transcript.entries);
    });
  }

  remove(ticketId: string): Promise<number> {
    return this.db.tx((client) => this.removeIn(client, [ticketId]));
  }

  /** Deletes the tickets' messages and summaries; resolves with how many messages there were. */
  async removeIn(client: Queryable, ticketIds: readonly string[]): Promise<number> {
    if (!ticketIds.length) return 0;
    const messages = (await client.query('DELETE FROM handoff_messages WHERE ticket_id = ANY($1)', [ticketIds])).rowCount ?? 0;
    const { rows } = await client.query<{ count: number }>(`DELETE FROM handoff_summaries WHERE ticket_id = ANY($1) RETURNING (summary->>'count')::int AS count`, [ticketIds]);
    return messages + rows.reduce((n, r) => n + r.count, 0);
  }

  async close(): Promise<void> {}

  /** Serialises appends of one ticket across instances (the lock ends with the transaction). */
  async #lock(client: Queryable, ticketId: string): Promise<void> {
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY_SQL})`, [`transcript:${ticketId}`]);
  }

  async #summary(client: Queryable, ticketId: string): Promise<TranscriptSummary | undefined> {
    const { rows } = await client.query<{ summary: TranscriptSummary }>('SELECT summary FROM handoff_summaries WHERE ticket_id = $1', [ticketId]);
    return rows[0]?.summary;
  }

  async #saveSummary(client: Queryable, ticketId: string, summary: TranscriptSummary): Promise<void> {
    await client.query('INSERT INTO handoff_summaries (ticket_id, summary) VALUES ($1, $2) ON CONFLICT (ticket_id) DO UPDATE SET summary = EXCLUDED.summary', [ticketId, jsonb(summary)]);
  }

  /** Past `maxEntries`, the oldest rows leave the table and join the summary. */
  async #trim(client: Queryable, ticketId: string): Promise<void> {
    const { rows } = await client.query<{ entry: TranscriptEntry }>(
      `DELETE FROM handoff_messages WHERE seq IN (
         SELECT seq FROM handoff_messages WHERE ticket_id = $1 ORDER BY seq DESC OFFSET $2
       ) RETURNING seq, entry`,
      [ticketId, this.limits.maxEntries],
    );
    if (!rows.length) return;
    const dropped = (rows as Array<{ seq: string; entry: TranscriptEntry }>).sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => r.entry);
    await this.#saveSummary(client, ticketId, fold(await this.#summary(client, ticketId), dropped)!);
  }
}
