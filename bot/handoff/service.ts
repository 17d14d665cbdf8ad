import { EventFactory, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import {
  HandoffError,
  moveTo,
  type Advocate,
  type AdvocateDirectory,
  type BusinessHours,
  type HandoffReason,
  type Ticket,
  type TicketOwner,
  type TicketStore,
  type Transcript,
  type TranscriptEntry,
} from '../../backend/handoff/index.js';
import type { DataSubject, ErasureReport } from '../../backend/privacy/index.js';
import type { Lang } from '../../knowledge/lang.js';
import type { Logger } from '../log.js';
import type { ProactiveMessenger } from '../proactive.js';
import type { ConsoleEvents } from './events.js';
import type { TranscriptRecorder } from './transcript.js';
import { followUpPromise, formatWhen } from './when.js';

export interface HandoffServiceDeps {
  store: Promise<TicketStore>;
  transcript: TranscriptRecorder;
  proactive: ProactiveMessenger;
  i18n: i18n;
  events: ConsoleEvents;
  hours: BusinessHours;
  advocates: AdvocateDirectory;
  mode: 'console' | 'protocol';
  timeoutMs: number;
  logger: Logger;
  now?: () => Date;
}

export type OpenResult =
  | { kind: 'queued'; ticket: Ticket; position: number }
  | { kind: 'transferred'; ticket: Ticket }
  | { kind: 'followUp'; ticket: Ticket; when?: string };

export interface OpenRequest {
  lang: Lang;
  reason: HandoffReason;
  parked?: Ticket['parked'];
}

/** What the console lists: no transcript, no reference, no email. */
export interface TicketSummary {
  id: string;
  status: Ticket['status'];
  mode: Ticket['mode'];
  lang: Lang;
  channel: string;
  reason: HandoffReason;
  advocate?: string;
  createdAt: string;
  acceptedAt?: string;
  waitSeconds: number;
  position?: number;
  followUpCause?: Ticket['followUpCause'];
}

/** The protocol's `handoff.status` states (EventFactory.createHandoffStatus). */
export type HubState = 'accepted' | 'failed' | 'completed';

/**
 * Every handoff move, in one place, whoever starts it: the dialog (open,
 * follow-up, rating), the middleware (user messages, cancel, hub status), the
 * console (accept, send, close) and the timer (timeouts). Each move updates
 * the ticket, tells the user in their language, and tells the console.
 */
export class HandoffService {
  private readonly now: () => Date;

  constructor(private readonly deps: HandoffServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get store(): Promise<TicketStore> {
    return this.deps.store;
  }

  async open(context: TurnContext, request: OpenRequest): Promise<OpenResult> {
    const store = await this.deps.store;
    const now = this.now();
    const { activity } = context;
    const conversationId = activity.conversation.id;
    const channel = activity.channelId ?? 'unknown';
    const base = {
      mode: this.deps.mode,
      conversationId,
      userId: activity.from.id,
      reference: { ...TurnContext.getConversationReference(activity) } as Record<string, unknown>,
      lang: request.lang,
      channel,
      reason: request.reason,
      transcript: this.deps.transcript.entries(channel, conversationId),
      ...(request.parked ? { parked: request.parked } : {}),
    };

    if (this.deps.mode === 'protocol') {
      const ticket = await store.create(base, now);
      const initiation = EventFactory.createHandoffInitiation(
        context,
        { language: request.lang, reason: request.reason, quote: request.parked?.data ?? null, ticketId: ticket.id },
        { activities: this.deps.transcript.activities(channel, conversationId) as unknown as Activity[] },
      );
      await context.sendActivity(initiation);
      return { kind: 'transferred', ticket };
    }

    const cause = this.deps.advocates.size === 0 ? 'noAdvocate' : !this.deps.hours.isOpen(now) ? 'outOfHours' : undefined;
    if (cause) {
      const ticket = await store.create({ ...base, status: 'followUp', followUpCause: cause }, now);
      this.publishTicket(ticket);
      const when = cause === 'outOfHours' ? this.format(this.deps.hours.nextOpening(now), request.lang) : undefined;
      return { kind: 'followUp', ticket, ...(when ? { when } : {}) };
    }
    const ticket = await store.create(base, now);
    const position = (await store.queuePosition(ticket.id)) ?? 1;
    this.publishTicket(ticket, position);
    this.deps.logger.info({ ticketId: ticket.id, reason: ticket.reason, lang: ticket.lang, position }, 'handoff: ticket opened');
    return { kind: 'queued', ticket, position };
  }

  /** Why the bot last offered a person in this conversation, if its previous reply was an offer. */
  lastOffer(activity: Pick<Activity, 'channelId' | 'conversation'>): string | undefined {
    return this.deps.transcript.lastOffer(activity.channelId, activity.conversation.id);
  }

  /** The ticket in a person's hands for this user in this conversation of this channel. */
  async inCharge(owner: TicketOwner): Promise<Ticket | undefined> {
    return (await this.deps.store).inCharge(owner);
  }

  /** The ticket's messages, as the console shows them. */
  async transcript(id: string): Promise<Transcript> {
    return (await this.deps.store).transcript(id);
  }

  async get(id: string): Promise<Ticket | undefined> {
    return (await this.deps.store).get(id);
  }

  /** A user message while a person is being found or is talking: to the console only. */
  async relayFromUser(ticket: Ticket, text: string): Promise<void> {
    const entry = await (await this.deps.store).appendMessage(ticket.id, { from: 'user', text, at: this.now().toISOString() });
    this.deps.events.publish({ type: 'message', data: { ticketId: ticket.id, ...entry } });
  }

  async cancel(ticket: Ticket): Promise<void> {
    const updated = await (await this.deps.store).update(ticket.id, (t) => moveTo(t, 'abandoned', this.now()));
    this.publishTicket(updated);
  }

  async accept(id: string, advocate: Advocate): Promise<Ticket> {
    const store = await this.deps.store;
    const ticket = await store.update(id, (t) => {
      if (t.mode !== 'console') throw new HandoffError('invalidTransition', `ticket ${id} is served by a contact-center hub`);
      return moveTo(t, 'active', this.now(), { advocate: advocate.name });
    });
    this.publishTicket(ticket);
    await this.tell(ticket, (t) => [MessageFactory.text(t('handoff:accepted', { name: advocate.name }))]);
    return ticket;
  }

  async sendFromAdvocate(id: string, advocate: Advocate, text: string): Promise<TranscriptEntry> {
    const ticket = await this.owned(id, advocate);
    const entry: TranscriptEntry = { from: 'advocate', name: advocate.name, text, at: this.now().toISOString() };
    await this.tell(ticket, (t) => [
      { ...MessageFactory.text(t('handoff:relay.fromAdvocate', { name: advocate.name, text })), channelData: { handoff: { from: 'advocate', name: advocate.name } } },
    ]);
    const stored = await (await this.deps.store).appendMessage(id, entry);
    this.deps.events.publish({ type: 'message', data: { ticketId: id, ...stored } });
    return stored;
  }

  async close(id: string, advocate: Advocate): Promise<Ticket> {
    await this.owned(id, advocate);
    const ticket = await (await this.deps.store).update(id, (t) => moveTo(t, 'closed', this.now()));
    this.publishTicket(ticket);
    await this.tell(ticket, (t) => [MessageFactory.text(t('handoff:closed', { name: advocate.name })), ratingQuestion(t)]);
    return ticket;
  }

  /** The email a follow-up answer goes to, and when the user was promised it (localized). */
  async setFollowUpEmail(id: string, email: string): Promise<{ kind: 'by' | 'from'; when: string }> {
    const store = await this.deps.store;
    const ticket = await store.get(id);
    if (!ticket) throw new HandoffError('notFound', `no ticket ${id}`);
    const now = this.now();
    const promise = ticket.followUpCause === 'outOfHours' ? { kind: 'from' as const, at: this.deps.hours.nextOpening(now) } : followUpPromise(this.deps.hours, now);
    const updated = await store.update(id, (t) => ({ ...t, email, followUpBy: promise.at.toISOString(), updatedAt: now.toISOString() }));
    this.publishTicket(updated);
    return { kind: promise.kind, when: this.format(promise.at, ticket.lang) };
  }

  async rate(id: string, rating: number): Promise<void> {
    await (await this.deps.store).update(id, (t) => ({ ...t, rating, updatedAt: this.now().toISOString() }));
  }

  /** Waiting tickets older than HANDOFF_TIMEOUT_MIN become email follow-ups. */
  async sweep(): Promise<number> {
    const store = await this.deps.store;
    const now = this.now();
    let expired = 0;
    for (const waiting of await store.list(['waiting'])) {
      if (waiting.mode !== 'console' || now.getTime() - Date.parse(waiting.createdAt) < this.deps.timeoutMs) continue;
      let ticket: Ticket;
      try {
        ticket = await store.update(waiting.id, (t) => moveTo(t, 'followUp', now, { followUpCause: 'timeout' }));
      } catch (err) {
        if (err instanceof HandoffError) continue; // accepted or cancelled meanwhile
        throw err;
      }
      expired++;
      this.publishTicket(ticket);
      await this.tell(ticket, (t) => [MessageFactory.text(`${t('handoff:followUp.timeout')} ${t('handoff:followUp.askEmail')}`)]).catch(() => undefined);
    }
    return expired;
  }

  /** A contact-center hub reports on a `protocol` ticket (in a turn the hub started). */
  async hubStatus(context: TurnContext, state: HubState, t: TFunction): Promise<void> {
    // The hub speaks in the user's conversation, not as the user: channel and conversation decide.
    const { channelId, conversation } = context.activity;
    const ticket = await this.inCharge({ channelId, conversationId: conversation.id });
    if (!ticket || ticket.mode !== 'protocol') {
      this.deps.logger.warn({ state, conversationId: context.activity.conversation.id }, 'handoff: hub status without a hub ticket');
      return;
    }
    const store = await this.deps.store;
    const now = this.now();
    if (state === 'accepted') {
      if (ticket.status !== 'waiting') return;
      this.publishTicket(await store.update(ticket.id, (x) => moveTo(x, 'active', now, { advocate: 'hub' })));
      await context.sendActivity(t('handoff:protocol.accepted'));
    } else if (state === 'failed') {
      const moved = await store.update(ticket.id, (x) =>
        x.status === 'active' ? moveTo(x, 'closed', now) : moveTo(x, 'followUp', now, { followUpCause: 'hubFailed' }),
      );
      this.publishTicket(moved);
      await context.sendActivity(
        moved.status === 'followUp' ? `${t('handoff:protocol.failed')} ${t('handoff:followUp.askEmail')}` : t('handoff:protocol.failed'),
      );
      if (moved.status === 'closed') await context.sendActivity(ratingQuestion(t));
    } else {
      // Completed before anyone accepted: nothing to rate.
      const served = ticket.status === 'active';
      this.publishTicket(await store.update(ticket.id, (x) => moveTo(x, served ? 'closed' : 'abandoned', now)));
      const done = MessageFactory.text(t('handoff:protocol.completed'));
      await context.sendActivities(served ? [done, ratingQuestion(t)] : [done]);
    }
  }

  /**
   * "Delete my data": the subject's tickets and messages are deleted, open ones first withdrawn
   * from the console (advocates see them disappear), and the bot forgets their recent messages.
   */
  async erase(subject: DataSubject): Promise<Partial<ErasureReport>> {
    const { report, removed } = await (await this.deps.store).erase(subject);
    for (const ticket of removed) this.deps.events.publish({ type: 'removed', data: { id: ticket.id, reason: 'erased' } });
    this.deps.transcript.forgetUser(subject);
    return report;
  }

  /** Tickets past RETENTION_DAYS (closed, abandoned or followed up) are deleted with their messages. */
  async expire(now: Date, retentionDays: number): Promise<number> {
    const removed = await (await this.deps.store).expire(now, retentionDays);
    for (const ticket of removed) this.deps.events.publish({ type: 'removed', data: { id: ticket.id, reason: 'expired' } });
    return removed.length;
  }

  summary(ticket: Ticket, position?: number): TicketSummary {
    const until = ticket.acceptedAt ?? ticket.endedAt ?? this.now().toISOString();
    return {
      id: ticket.id,
      status: ticket.status,
      mode: ticket.mode,
      lang: ticket.lang,
      channel: ticket.channel,
      reason: ticket.reason,
      ...(ticket.advocate ? { advocate: ticket.advocate } : {}),
      createdAt: ticket.createdAt,
      ...(ticket.acceptedAt ? { acceptedAt: ticket.acceptedAt } : {}),
      waitSeconds: Math.max(0, Math.round((Date.parse(until) - Date.parse(ticket.createdAt)) / 1000)),
      ...(position ? { position } : {}),
      ...(ticket.followUpCause ? { followUpCause: ticket.followUpCause } : {}),
    };
  }

  format(at: Date, lang: Lang): string {
    return formatWhen(at, lang, this.deps.hours.timeZone);
  }

  private async owned(id: string, advocate: Advocate): Promise<Ticket> {
    const ticket = await (await this.deps.store).get(id);
    if (!ticket) throw new HandoffError('notFound', `no ticket ${id}`);
    if (ticket.status !== 'active' || ticket.advocate !== advocate.name) {
      throw new HandoffError('notOwner', `ticket ${id} is not an active conversation of ${advocate.name}`);
    }
    return ticket;
  }

  private publishTicket(ticket: Ticket, position?: number): void {
    this.deps.events.publish({ type: 'ticket', data: this.summary(ticket, position) });
  }

  /**
   * Reaches the user outside their turn, in the ticket's language. Throws
   * `UnreachableError` so the console can say the message did not go out.
   */
  private async tell(ticket: Ticket, build: (t: TFunction) => Array<Partial<Activity>>): Promise<void> {
    const t = this.deps.i18n.getFixedT(ticket.lang);
    try {
      await this.deps.proactive.continue(ticket.reference, async (context) => {
        // Not a reply: the turn's activity is botbuilder's made-up ContinueConversation event, whose id
        // the channel never saw. Web Chat holds a message replying to an unknown activity for 5 s.
        context.onSendActivities(async (_ctx, activities, next) => {
          for (const activity of activities) delete activity.replyToId;
          return next();
        });
        await context.sendActivities(build(t));
      });
    } catch (err) {
      this.deps.logger.warn({ ticketId: ticket.id, err: { message: (err as Error).message } }, 'handoff: user unreachable');
      throw new UnreachableError(ticket.id);
    }
  }
}

export class UnreachableError extends Error {
  constructor(readonly ticketId: string) {
    super(`handoff: the user of ticket ${ticketId} could not be reached`);
    this.name = 'UnreachableError';
  }
}

/** "How was it, 1–5?" with the five scores as buttons. */
export function ratingQuestion(t: TFunction): Partial<Activity> {
  return MessageFactory.suggestedActions(['1', '2', '3', '4', '5'], t('handoff:rating.ask'));
}
