import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BackendLogger } from '../logger.js';
import { JournalCollection, type Collection } from '../store/index.js';
import { HandoffError, isPersonInCharge, ticketSchema, type Ticket, type TicketStatus } from './ticket.js';

export type NewTicket = Omit<Ticket, 'id' | 'status' | 'createdAt' | 'updatedAt'> & { status?: TicketStatus };

/**
 * Handoff tickets in their own journal (`DATA_DIR/handoff/tickets.jsonl`).
 * Updates go through one queue, so two advocates clicking Accept at once
 * cannot both win, and a relayed message is never lost to a concurrent write.
 */
export class TicketStore {
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly tickets: Collection<Ticket>) {}

  static async open(dataDir: string, logger?: BackendLogger): Promise<TicketStore> {
    const tickets = await JournalCollection.open<Ticket>({
      dir: join(dataDir, 'handoff'),
      name: 'tickets',
      parse: (raw) => ticketSchema.parse(raw),
      ...(logger ? { logger } : {}),
    });
    return new TicketStore(tickets);
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.tickets.get(id);
  }

  async create(fields: NewTicket, now = new Date()): Promise<Ticket> {
    const at = now.toISOString();
    const ticket = ticketSchema.parse({ status: 'waiting', ...fields, id: randomUUID(), createdAt: at, updatedAt: at });
    await this.#serial(() => this.tickets.put(ticket.id, ticket));
    return ticket;
  }

  /** Read, change, write as one step; `change` gets a copy and returns the new ticket. */
  update(id: string, change: (ticket: Ticket) => Ticket): Promise<Ticket> {
    return this.#serial(async () => {
      const current = await this.tickets.get(id);
      if (!current) throw new HandoffError('notFound', `no ticket ${id}`);
      const next = ticketSchema.parse(change(structuredClone(current)));
      await this.tickets.put(id, next);
      return next;
    });
  }

  async list(statuses: readonly TicketStatus[]): Promise<Ticket[]> {
    const out: Ticket[] = [];
    for await (const t of this.tickets.values()) if (statuses.includes(t.status)) out.push(t);
    return out;
  }

  /** The ticket a person currently owns (or is being found for) in this conversation. */
  async inCharge(conversationId: string): Promise<Ticket | undefined> {
    let found: Ticket | undefined;
    for await (const t of this.tickets.values()) {
      if (t.conversationId === conversationId && isPersonInCharge(t)) found = t;
    }
    return found;
  }

  /** 1 for the ticket waiting longest; undefined when the ticket is not waiting. */
  async queuePosition(id: string): Promise<number | undefined> {
    let position = 0;
    for await (const t of this.tickets.values()) {
      if (t.status !== 'waiting') continue;
      position++;
      if (t.id === id) return position;
    }
    return undefined;
  }

  flush(): Promise<void> {
    return this.tickets.flush();
  }

  close(): Promise<void> {
    return this.tickets.close();
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}
