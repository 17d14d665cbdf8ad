import { z } from 'zod';

/** Why a person was asked for: shown to advocates in the queue. */
export const HANDOFF_REASONS = ['request', 'menu', 'unanswered', 'promptFailed', 'quoteRule'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/**
 * waiting → active → closed is the happy path; a waiting ticket may be
 * abandoned (the user cancelled) or turned into a follow-up by email (timeout,
 * out of hours, no advocate, hub failure). A follow-up stays open for the team
 * until an advocate takes it live or marks it done, or the user withdraws it.
 */
export const TICKET_STATUSES = ['waiting', 'active', 'closed', 'abandoned', 'followUp'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const transcriptEntrySchema = z.object({
  from: z.enum(['user', 'bot', 'advocate']),
  text: z.string(),
  at: z.iso.datetime(),
  /** The advocate's name, on advocate entries. */
  name: z.string().optional(),
  /** The original length of a text cut to the transcript limit. */
  truncatedFrom: z.number().int().optional(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const ticketSchema = z.object({
  id: z.string().min(1),
  /** `console` tickets are served by our advocates; `protocol` ones by a contact-center hub. */
  mode: z.enum(['console', 'protocol']),
  conversationId: z.string().min(1),
  /**
   * The user who asked (the channel's user id). With `channel` and `conversationId` it decides
   * whose messages are relayed; absent on tickets opened before it was recorded, where the
   * reference's user stands in.
   */
  userId: z.string().min(1).optional(),
  /** The Bot Framework conversation reference, kept as JSON, to reach the user proactively. */
  reference: z.record(z.string(), z.unknown()),
  lang: z.enum(['en', 'fr', 'zh']),
  channel: z.string(),
  reason: z.enum(HANDOFF_REASONS),
  status: z.enum(TICKET_STATUSES),
  /** Why a ticket became a follow-up. */
  followUpCause: z.enum(['timeout', 'outOfHours', 'noAdvocate', 'hubFailed']).optional(),
  advocate: z.string().optional(),
  /**
   * Tickets opened before the transcript moved to its own store kept it inline; opening the
   * store moves it out (see `TicketStore.open`). New tickets never have it.
   */
  transcript: z.array(transcriptEntrySchema).optional(),
  /** What the user had typed into the dialog that was parked (e.g. a half-filled quote). */
  parked: z.object({ dialogId: z.string(), data: z.record(z.string(), z.unknown()) }).optional(),
  email: z.string().optional(),
  /** What the user said the request is about, in their words (the rest of "get me a human, it's about…", or their answer when asked). */
  about: z.string().max(1000).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  createdAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().optional(),
  endedAt: z.iso.datetime().optional(),
  /** When the user was told to expect an answer by email. */
  followUpBy: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** Who a relayed message must come from: the ticket's channel, conversation and (when given) user. */
export interface TicketOwner {
  channelId: string;
  conversationId: string;
  userId?: string;
}

/** The user who opened the ticket: recorded since ownership checks the user, else the reference's. */
export function ticketUserId(ticket: Pick<Ticket, 'userId' | 'reference'>): string | undefined {
  if (ticket.userId) return ticket.userId;
  const user = ticket.reference.user as { id?: unknown } | undefined;
  return typeof user?.id === 'string' ? user.id : undefined;
}

export const ownedBy = (ticket: Ticket, owner: TicketOwner): boolean =>
  ticket.channel === owner.channelId &&
  ticket.conversationId === owner.conversationId &&
  (owner.userId === undefined || ticketUserId(ticket) === owner.userId);

/** The statuses in which the bot keeps quiet and a person owns the conversation. */
export const isPersonInCharge = (t: Pick<Ticket, 'status'>): boolean => t.status === 'waiting' || t.status === 'active';

const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  waiting: ['active', 'abandoned', 'followUp'],
  active: ['closed'],
  closed: [],
  abandoned: [],
  // A follow-up is still a person's to take: live by an advocate who became free, marked done
  // once answered by email, or withdrawn by the user who no longer wants it.
  followUp: ['active', 'closed', 'abandoned'],
};

export class HandoffError extends Error {
  constructor(
    readonly code: 'notFound' | 'invalidTransition' | 'notOwner',
    message: string,
  ) {
    super(`handoff: ${message}`);
    this.name = 'HandoffError';
  }
}

/** Pure: the ticket after a status change, stamped; throws on a move the lifecycle forbids. */
export function moveTo(ticket: Ticket, status: TicketStatus, now: Date, patch: Partial<Ticket> = {}): Ticket {
  if (!ALLOWED[ticket.status].includes(status)) {
    throw new HandoffError('invalidTransition', `ticket ${ticket.id} cannot go from ${ticket.status} to ${status}`);
  }
  const at = now.toISOString();
  return {
    ...ticket,
    ...patch,
    status,
    ...(status === 'active' ? { acceptedAt: at } : {}),
    ...(status === 'closed' || status === 'abandoned' ? { endedAt: at } : {}),
    updatedAt: at,
  };
}
