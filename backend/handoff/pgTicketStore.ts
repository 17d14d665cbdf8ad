import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { jsonb } from '../db/json.js';
import { cutoff, type DataSubject, type ErasureReport } from '../privacy/index.js';
import { PgTranscriptStore } from './pgTranscriptStore.js';
import { HandoffError, ticketSchema, ticketUserId, type Ticket, type TicketOwner, type TicketStatus, type TranscriptEntry } from './ticket.js';
import type { NewTicket, StoredMessage, TicketStore } from './ticketStore.js';
import type { Transcript, TranscriptLimits } from './transcript.js';

const IN_CHARGE: readonly TicketStatus[] = ['waiting', 'active'];

/**
 * Handoff tickets on PostgreSQL (`handoff_tickets`), their messages in a `PgTranscriptStore`.
 * The lookups the relay makes on every user message (`inCharge`) and the queue position are
 * indexed queries; `update` locks the row (`SELECT … FOR UPDATE`), so two advocates accepting
 * the same ticket from two instances cannot both win: the second sees it active and its move is
 * refused. A ticket and its opening messages are written in one transaction.
 */
export class PgTicketStore implements TicketStore {
  readonly transcripts: PgTranscriptStore;

  constructor(
    private readonly db: Database,
    options: { limits?: Partial<TranscriptLimits> } = {},
  ) {
    this.transcripts = new PgTranscriptStore(db, options.limits);
  }

  async get(id: string): Promise<Ticket | undefined> {
    const { rows } = await this.db.query<{ ticket: Ticket }>('SELECT ticket FROM handoff_tickets WHERE id = $1', [id]);
    return rows[0]?.ticket;
  }

  create({ transcript = [], ...fields }: NewTicket, now = new Date()): Promise<Ticket> {
    const at = now.toISOString();
    const ticket = ticketSchema.parse({ status: 'waiting', ...fields, id: randomUUID(), createdAt: at, updatedAt: at });
    return this.db.tx(async (client) => {
      await this.#insert(client, ticket);
      await this.transcripts.appendIn(client, ticket.id, transcript);
      return ticket;
    });
  }

  update(id: string, change: (ticket: Ticket) => Ticket): Promise<Ticket> {
    return this.db.tx(async (client) => {
      const { rows } = await client.query<{ ticket: Ticket }>('SELECT ticket FROM handoff_tickets WHERE id = $1 FOR UPDATE', [id]);
      if (!rows[0]) throw new HandoffError('notFound', `no ticket ${id}`);
      const next = ticketSchema.parse(change(structuredClone(rows[0].ticket)));
      await client.query('UPDATE handoff_tickets SET status = $2, user_id = $3, updated_at = $4, ticket = $5 WHERE id = $1', [id, next.status, ticketUserId(next) ?? null, next.updatedAt, jsonb(next)]);
      return next;
    });
  }

  appendMessage(id: string, entry: TranscriptEntry): Promise<StoredMessage> {
    return this.db.tx(async (client) => {
      // A share lock: appends wait for an erasure in progress, and then find no ticket.
      const { rowCount } = await client.query('SELECT 1 FROM handoff_tickets WHERE id = $1 FOR SHARE', [id]);
      if (!rowCount) throw new HandoffError('notFound', `no ticket ${id}`);
      const [stored] = await this.transcripts.appendIn(client, id, [entry]);
      return stored!;
    });
  }

  transcript(id: string): Promise<Transcript> {
    return this.transcripts.read(id);
  }

  async list(statuses: readonly TicketStatus[]): Promise<Ticket[]> {
    const { rows } = await this.db.query<{ ticket: Ticket }>('SELECT ticket FROM handoff_tickets WHERE status = ANY($1) ORDER BY seq', [statuses]);
    return rows.map((r) => r.ticket);
  }

  async inCharge(owner: TicketOwner): Promise<Ticket | undefined> {
    const { rows } = await this.db.query<{ ticket: Ticket }>(
      `SELECT ticket FROM handoff_tickets
       WHERE channel = $1 AND conversation_id = $2 AND status IN ('waiting', 'active') AND ($3::text IS NULL OR user_id = $3)
       ORDER BY seq DESC LIMIT 1`,
      [owner.channelId, owner.conversationId, owner.userId ?? null],
    );
    return rows[0]?.ticket;
  }

  async queuePosition(id: string): Promise<number | undefined> {
    const { rows } = await this.db.query<{ position: string | null }>(
      `SELECT (SELECT count(*) FROM handoff_tickets w WHERE w.status = 'waiting' AND w.seq <= t.seq) AS position
       FROM handoff_tickets t WHERE t.id = $1 AND t.status = 'waiting'`,
      [id],
    );
    return rows[0]?.position ? Number(rows[0].position) : undefined;
  }

  erase(subject: DataSubject): Promise<{ report: Partial<ErasureReport>; removed: Ticket[] }> {
    return this.db.tx(async (client) => {
      const removed = await this.#deleteWhere(client, 'channel = $1 AND user_id = $2', [subject.channelId, subject.userId]);
      const messages = await this.transcripts.removeIn(client, removed.map((t) => t.id));
      return { report: { tickets: removed.length, messages }, removed };
    });
  }

  expire(now: Date, retentionDays: number): Promise<Ticket[]> {
    return this.db.tx(async (client) => {
      const removed = await this.#deleteWhere(client, 'status <> ALL($1) AND updated_at < $2', [IN_CHARGE, cutoff(now, retentionDays)]);
      await this.transcripts.removeIn(client, removed.map((t) => t.id));
      return removed;
    });
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}

  async #insert(client: Queryable, ticket: Ticket): Promise<void> {
    await client.query(
      'INSERT INTO handoff_tickets (id, channel, conversation_id, user_id, status, updated_at, ticket) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [ticket.id, ticket.channel, ticket.conversationId, ticketUserId(ticket) ?? null, ticket.status, ticket.updatedAt, jsonb(ticket)],
    );
  }

  async #deleteWhere(client: Queryable, where: string, params: unknown[]): Promise<Ticket[]> {
    const { rows } = await client.query<{ ticket: Ticket }>(`DELETE FROM handoff_tickets WHERE ${where} RETURNING seq, ticket`, params);
    return (rows as Array<{ seq: string; ticket: Ticket }>).sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => r.ticket);
  }

  /** Imports a ticket as it was stored elsewhere (`npm run db:import`): kept as is, id included. */
  async importTicket(ticket: Ticket, transcript: Transcript): Promise<boolean> {
    return this.db.tx(async (client) => {
      const { rowCount } = await client.query('SELECT 1 FROM handoff_tickets WHERE id = $1', [ticket.id]);
      if (rowCount) return false;
      const { transcript: _inline, ...rest } = ticket;
      await this.#insert(client, rest);
      if (transcript.summary) await client.query('INSERT INTO handoff_summaries (ticket_id, summary) VALUES ($1, $2)', [ticket.id, jsonb(transcript.summary)]);
      await this.transcripts.appendIn(client, ticket.id, transcript.entries);
      return true;
    });
  }
}
