import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BackendLogger } from '../logger.js';
import { cutoff, type DataSubject, type ErasureReport } from '../privacy/index.js';
import { JournalCollection, type Collection } from '../store/index.js';
import { FileTranscriptStore } from './fileTranscriptStore.js';
import {
  HandoffError,
  isPersonInCharge,
  ownedBy,
  ticketSchema,
  ticketUserId,
  type Ticket,
  type TicketOwner,
  type TicketStatus,
  type TranscriptEntry,
} from './ticket.js';
import type { Transcript, TranscriptLimits, TranscriptStore } from './transcript.js';

export type NewTicket = Omit<Ticket, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'transcript'> & {
  status?: TicketStatus;
  /** The conversation so far, stored as the ticket's first messages. */
  transcript?: TranscriptEntry[];
};

export interface TicketStoreOptions {
  logger?: BackendLogger;
  limits?: Partial<TranscriptLimits>;
}

/**
 * Handoff tickets (`DATA_DIR/handoff/tickets.jsonl`, one small record per ticket) and their
 * messages (a `TranscriptStore`, one record per message). Relaying a message appends one
 * message and leaves the ticket alone, so the ticket journal — the only thing read at start-up —
 * grows with the number of tickets, not with what was said in them.
 * Updates go through one queue, so two advocates clicking Accept at once cannot both win.
 */
export class TicketStore {
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly tickets: Collection<Ticket>,
    private readonly transcripts: TranscriptStore,
  ) {}

  static async open(dataDir: string, options: TicketStoreOptions = {}): Promise<TicketStore> {
    const dir = join(dataDir, 'handoff');
    const { logger } = options;
    const tickets = await JournalCollection.open<Ticket>({
      dir,
      name: 'tickets',
      parse: (raw) => ticketSchema.parse(raw),
      ...(logger ? { logger } : {}),
    });
    const transcripts = await FileTranscriptStore.open(join(dir, 'transcripts'), {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(logger ? { logger } : {}),
    });
    const store = new TicketStore(tickets, transcripts);
    const moved = await store.#moveInlineTranscripts();
    if (moved) logger?.info({ tickets: moved }, 'handoff: transcripts moved out of the ticket journal');
    return store;
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.tickets.get(id);
  }

  async create({ transcript = [], ...fields }: NewTicket, now = new Date()): Promise<Ticket> {
    const at = now.toISOString();
    const ticket = ticketSchema.parse({ status: 'waiting', ...fields, id: randomUUID(), createdAt: at, updatedAt: at });
    // Messages first: a ticket is never listed without the context it was opened with.
    await this.transcripts.append(ticket.id, transcript);
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

  /** Appends one message to the ticket's transcript (cut to the limits); the ticket itself is not rewritten. */
  async appendMessage(id: string, entry: TranscriptEntry): Promise<TranscriptEntry> {
    if (!(await this.tickets.get(id))) throw new HandoffError('notFound', `no ticket ${id}`);
    const [stored] = await this.transcripts.append(id, [entry]);
    return stored!;
  }

  transcript(id: string): Promise<Transcript> {
    return this.transcripts.read(id);
  }

  async list(statuses: readonly TicketStatus[]): Promise<Ticket[]> {
    const out: Ticket[] = [];
    for await (const t of this.tickets.values()) if (statuses.includes(t.status)) out.push(t);
    return out;
  }

  /** The ticket a person currently owns (or is being found for) for this channel, conversation and user. */
  async inCharge(owner: TicketOwner): Promise<Ticket | undefined> {
    let found: Ticket | undefined;
    for await (const t of this.tickets.values()) {
      if (isPersonInCharge(t) && ownedBy(t, owner)) found = t;
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

  /** Deletes every ticket the subject opened, with its messages; the journal is compacted so no file keeps them. */
  async erase(subject: DataSubject): Promise<{ report: Partial<ErasureReport>; removed: Ticket[] }> {
    const mine: Ticket[] = [];
    for await (const t of this.tickets.values()) {
      if (t.channel === subject.channelId && ticketUserId(t) === subject.userId) mine.push(t);
    }
    const messages = await this.#remove(mine);
    return { report: { tickets: mine.length, messages }, removed: mine };
  }

  /** Deletes tickets no person is in charge of any more and untouched since `retentionDays`. */
  async expire(now: Date, retentionDays: number): Promise<Ticket[]> {
    const before = cutoff(now, retentionDays).toISOString();
    const old: Ticket[] = [];
    for await (const t of this.tickets.values()) if (!isPersonInCharge(t) && t.updatedAt < before) old.push(t);
    await this.#remove(old);
    return old;
  }

  async flush(): Promise<void> {
    await this.#chain.catch(() => undefined);
    await this.tickets.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.transcripts.close();
    await this.tickets.close();
  }

  async #remove(tickets: readonly Ticket[]): Promise<number> {
    if (!tickets.length) return 0;
    let messages = 0;
    for (const t of tickets) {
      // Messages first (a crash leaves a ticket to erase again, never messages without a ticket),
      // and once more after the ticket is gone, for a message appended in between.
      messages += await this.transcripts.remove(t.id);
      await this.#serial(() => this.tickets.delete(t.id));
      messages += await this.transcripts.remove(t.id);
    }
    await this.tickets.compact();
    return messages;
  }

  /**
   * Tickets written before transcripts had their own store carried them inline (and were
   * rewritten whole on every message). Each is moved out once — whole transcript written, then
   * the ticket without it, so a crash in between just repeats the move — and the journal is
   * compacted, leaving it the size of the tickets alone.
   */
  async #moveInlineTranscripts(): Promise<number> {
    const inline: Ticket[] = [];
    for await (const t of this.tickets.values()) if (t.transcript) inline.push(t);
    for (const { transcript, ...ticket } of inline) {
      await this.transcripts.replace(ticket.id, { entries: transcript ?? [] });
      await this.tickets.put(ticket.id, ticket);
    }
    if (inline.length) await this.tickets.compact();
    return inline.length;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}
