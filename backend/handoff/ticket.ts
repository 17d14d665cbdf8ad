import { z } from 'zod';

/** Why a person was asked for: shown to advocates in the queue. */
export const HANDOFF_REASONS = ['request', 'menu', 'unanswered', 'promptFailed', 'quoteRule'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/**
 * waiting → active → closed is the happy path; a waiting ticket may be
 * abandoned (the user cancelled) or turned into a follow-up by email (timeout,
 * out of hours, no advocate, hub failure). A follow-up stays open for the team.
 */
export const TICKET_STATUSES = ['waiting', 'active', 'closed', 'abandoned', 'followUp'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const transcriptEntrySchema = z.object({
  from: z.enum(['user', 'bot', 'advocate']),
  text: z.string(),
  at: z.iso.datetime(),
  /** The advocate's name, on advocate entries. */
  name: z.string().optional(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const ticketSchema = z.object({
  id: z.string().min(1),
  /** `console` tickets are served by our advocates; `protocol` ones by a contact-center hub. */
  mode: z.enum(['console', 'protocol']),
  conversationId: z.string().min(1),
  /** The Bot Framework conversation reference, kept as JSON, to reach the user proactively. */
  reference: z.record(z.string(), z.unknown()),
  lang: z.enum(['en', 'fr', 'zh']),
  channel: z.string(),
  reason: z.enum(HANDOFF_REASONS),
  status: z.enum(TICKET_STATUSES),
  /** Why a ticket became a follow-up. */
  followUpCause: z.enum(['timeout', 'outOfHours', 'noAdvocate', 'hubFailed']).optional(),
  advocate: z.string().optional(),
  transcript: z.array(transcriptEntrySchema),
  /** What the user had typed into the dialog that was parked (e.g. a half-filled quote). */
  parked: z.object({ dialogId: z.string(), data: z.record(z.string(), z.unknown()) }).optional(),
  email: z.string().optional(),
  rating: z.number().int().min(1).max(5).optional(),
  createdAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().optional(),
  endedAt: z.iso.datetime().optional(),
  /** When the user was told to expect an answer by email. */
  followUpBy: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** The statuses in which the bot keeps quiet and a person owns the conversation. */
export const isPersonInCharge = (t: Pick<Ticket, 'status'>): boolean => t.status === 'waiting' || t.status === 'active';

const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  waiting: ['active', 'abandoned', 'followUp'],
  active: ['closed'],
  closed: [],
  abandoned: [],
  followUp: [],
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
