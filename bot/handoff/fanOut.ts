import type { DbNotifications, Notice } from '../../backend/db/notifications.js';
import type { PgTicketStore, StoredMessage, Ticket, TicketStore, TranscriptEntry } from '../../backend/handoff/index.js';
import type { Logger } from '../log.js';
import type { ConsoleEvents } from './events.js';
import type { TicketSummary } from './service.js';

/** What the handoff service tells the advocate consoles: a ticket changed, a message, a ticket gone. */
export interface HandoffEvents {
  ticket(ticket: Ticket, position?: number): void;
  message(ticketId: string, entry: StoredMessage): void;
  removed(id: string, reason: 'erased' | 'expired'): void;
}

type Summarize = (ticket: Ticket, position?: number) => TicketSummary;

/** One instance: straight to this instance's consoles. */
export function localEvents(consoles: ConsoleEvents, summarize: Summarize): HandoffEvents {
  return {
    ticket: (ticket, position) => consoles.publish({ type: 'ticket', data: summarize(ticket, position) }),
    message: (ticketId, entry) => consoles.publish({ type: 'message', data: { ticketId, ...entry } }),
    removed: (id, reason) => consoles.publish({ type: 'removed', data: { id, reason } }),
  };
}

const TOPIC = 'handoff';

/**
 * Several instances: every event becomes a NOTIFY carrying ids only, and every instance — the
 * sender included — reads the row and tells its own consoles. So an advocate signed in on
 * instance B sees, live, the ticket a user opened on A and each message they typed there.
 * Notices are sent and handled one at a time, so each console sees an instance's events in the
 * order they happened. A notice is sent after the change is committed; one lost to a crash in
 * between leaves the console to catch up at its next reload (the lists are read from the tables).
 */
export function sharedEvents(deps: {
  notifications: DbNotifications;
  store: Promise<TicketStore>;
  consoles: ConsoleEvents;
  summarize: Summarize;
  logger: Logger;
}): HandoffEvents {
  const { notifications, consoles, summarize, logger } = deps;
  let sending: Promise<unknown> = Promise.resolve();
  let handling: Promise<unknown> = Promise.resolve();
  const send = (notice: Notice) => {
    sending = sending
      .then(() => notifications.notify(notice))
      .catch((err: Error) => logger.warn({ err: { message: err.message }, kind: notice.kind }, 'handoff: console notice not sent'));
  };
  const handle = async (notice: Notice): Promise<void> => {
    const store = (await deps.store) as TicketStore & Partial<Pick<PgTicketStore, 'transcripts'>>;
    if (notice.kind === 'ticket' && typeof notice.id === 'string') {
      const ticket = await store.get(notice.id);
      if (!ticket) return;
      const position = ticket.status === 'waiting' ? await store.queuePosition(ticket.id) : undefined;
      consoles.publish({ type: 'ticket', data: summarize(ticket, position) });
    } else if (notice.kind === 'message' && typeof notice.seq === 'number') {
      const found = await store.transcripts?.message(notice.seq);
      // Folded into the summary or erased meanwhile: the console reads it with the ticket.
      if (found) consoles.publish({ type: 'message', data: { ticketId: found.ticketId, ...(found.entry as TranscriptEntry), seq: notice.seq } });
    } else if (notice.kind === 'removed' && typeof notice.id === 'string') {
      consoles.publish({ type: 'removed', data: { id: notice.id, reason: notice.reason } });
    }
  };
  notifications.on(TOPIC, (notice) => {
    handling = handling.then(() => handle(notice)).catch((err: Error) => logger.warn({ err: { message: err.message } }, 'handoff: console notice not handled'));
  });
  return {
    ticket: (ticket) => send({ topic: TOPIC, kind: 'ticket', id: ticket.id }),
    message: (ticketId, entry) => {
      // Without a row number (never on PostgreSQL) the message can only go to this instance's consoles.
      if (entry.seq === undefined) consoles.publish({ type: 'message', data: { ticketId, ...entry } });
      else send({ topic: TOPIC, kind: 'message', ticket: ticketId, seq: entry.seq });
    },
    removed: (id, reason) => send({ topic: TOPIC, kind: 'removed', id, reason }),
  };
}
