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
import type { HandoffEvents } from './fanOut.js';
import type { TranscriptRecorder } from './transcript.js';
import { followUpPromise, formatWhen, userTimeZone } from './when.js';

export interface HandoffServiceDeps {
  store: Promise<TicketStore>;
  transcript: TranscriptRecorder;
  proactive: ProactiveMessenger;
  i18n: i18n;
  /** Where ticket changes and messages are announced to the consoles (this instance's, or every instance's). */
  events: HandoffEvents;
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
  /** What the user said it is about, when the request said more than "a person please". */
  about?: string;
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
      ...(request.about ? { about: request.about.slice(0, 1000) } : {}),
      transcript: await this.deps.transcript.entries(channel, conversationId),
      ...(request.parked ? { parked: request.parked } : {}),
    };

    if (this.deps.mode === 'protocol') {
      const ticket = await store.create(base, now);
      const initiation = EventFactory.createHandoffInitiation(
        context,
        { language: request.lang, reason: request.reason, quote: request.parked?.data ?? null, ticketId: ticket.id },
        { activities: (await this.deps.transcript.activities(channel, conversationId)) as unknown as Activity[] },
      );
      await context.sendActivity(initiation);
      return { kind: 'transferred', ticket };
    }

    const cause = this.deps.advocates.size === 0 ? 'noAdvocate' : !this.deps.hours.isOpen(now) ? 'outOfHours' : undefined;
    if (cause) {
      const ticket = await store.create({ ...base, status: 'followUp', followUpCause: cause }, now);
      this.publishTicket(ticket);
      const when = cause === 'outOfHours' ? this.format(this.deps.hours.nextOpening(now), request.lang, userTimeZone(activity)) : undefined;
      return { kind: 'followUp', ticket, ...(when ? { when } : {}) };
    }
    const ticket = await store.create(base, now);
    const position = (await store.queuePosition(ticket.id)) ?? 1;
    this.publishTicket(ticket, position);
    this.deps.logger.info({ ticketId: ticket.id, reason: ticket.reason, lang: ticket.lang, position }, 'handoff: ticket opened');
    return { kind: 'queued', ticket, position };
  }

  /** Why the bot last offered a person in this conversation, if its previous reply was an offer. */
  lastOffer(activity: Pick<Activity, 'channelId' | 'conversation'>): Promise<string | undefined> {
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

  /**
   * A user message while a person is being found or is talking: to the console only. Resolves
   * with the queue position when the ticket is still waiting (the user is told their message
   * was added), undefined once an advocate has it.
   */
  async relayFromUser(ticket: Ticket, text: string): Promise<{ position?: number }> {
    const store = await this.deps.store;
    const entry = await store.appendMessage(ticket.id, { from: 'user', text, at: this.now().toISOString() });
    this.deps.events.message(ticket.id, entry);
    // A hub's queue (protocol mode) is the hub's to tell about.
    if (ticket.status !== 'waiting' || ticket.mode !== 'console') return {};
    const position = await store.queuePosition(ticket.id);
    return position ? { position } : {};
  }

  /** The user no longer wants a person: a waiting ticket leaves the queue, a follow-up is withdrawn (not left for the team). */
  async cancel(ticket: Ticket): Promise<void> {
    const updated = await (await this.deps.store).update(ticket.id, (t) => (t.status === 'abandoned' ? t : moveTo(t, 'abandoned', this.now())));
    this.publishTicket(updated);
  }

  /** Something the user said about their request outside the queue (at the email prompt, asked what it is about): on the ticket. */
  async note(id: string, text: string, opts: { about?: boolean } = {}): Promise<void> {
    const store = await this.deps.store;
    const entry = await store.appendMessage(id, { from: 'user', text, at: this.now().toISOString() });
    this.deps.events.message(id, entry);
    const updated = await store.update(id, (t) =>
      opts.about || !t.about ? { ...t, about: (opts.about && t.about ? `${t.about}\n${text}` : text).slice(0, 1000), updatedAt: this.now().toISOString() } : t,
    );
    this.publishTicket(updated);
  }

  /** A line the bot said to the user about the ticket, so the advocate sees when and what they were told. */
  async noteBot(id: string, text: string): Promise<void> {
    const entry = await (await this.deps.store).appendMessage(id, { from: 'bot', text, at: this.now().toISOString() });
    this.deps.events.message(id, entry);
  }

  /** The user switched language while a person is being found: the advocate sees it, and later messages (rating, close) follow it. */
  async setLanguage(ticket: Ticket, lang: Lang, note: string): Promise<void> {
    const store = await this.deps.store;
    const updated = await store.update(ticket.id, (t) => ({ ...t, lang, updatedAt: this.now().toISOString() }));
    this.publishTicket(updated, (await store.queuePosition(ticket.id)) ?? undefined);
    await this.noteBot(ticket.id, note);
  }

  /** An email follow-up answered by the team: marked done, nothing said to the user (the answer went by email). */
  async done(id: string, advocate: Advocate): Promise<Ticket> {
    const ticket = await (await this.deps.store).update(id, (t) => {
      if (t.status !== 'followUp') throw new HandoffError('invalidTransition', `ticket ${id} is not an email follow-up`);
      return moveTo(t, 'closed', this.now(), { advocate: t.advocate ?? advocate.name });
    });
    this.publishTicket(ticket);
    return ticket;
  }

  /** The user leaves a live conversation: closed, and the advocate sees why in the transcript. */
  async leave(ticket: Ticket, text: string): Promise<void> {
    const store = await this.deps.store;
    const entry = await store.appendMessage(ticket.id, { from: 'user', text, at: this.now().toISOString() });
    this.deps.events.message(ticket.id, entry);
    const updated = await store.update(ticket.id, (t) => (t.status === 'active' ? moveTo(t, 'closed', this.now()) : t));
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
    this.deps.events.message(id, stored);
    return stored;
  }

  async close(id: string, advocate: Advocate): Promise<Ticket> {
    await this.owned(id, advocate);
    const ticket = await (await this.deps.store).update(id, (t) => moveTo(t, 'closed', this.now()));
    this.publishTicket(ticket);
    // A follow-up taken live after the user left their email has no handoff dialog waiting for a score: no rating asked.
    const rated = !(ticket.followUpCause && ticket.email);
    await this.tell(ticket, (t) => [MessageFactory.text(t('handoff:closed', { name: advocate.name })), ...(rated ? [ratingQuestion(t)] : [])]);
    return ticket;
  }

  /** The email a follow-up answer goes to, and when the user was promised it (localized). */
  async setFollowUpEmail(id: string, email: string, userZone?: string): Promise<{ kind: 'by' | 'from'; when: string }> {
    const store = await this.deps.store;
    const ticket = await store.get(id);
    if (!ticket) throw new HandoffError('notFound', `no ticket ${id}`);
    const now = this.now();
    const promise = ticket.followUpCause === 'outOfHours' ? { kind: 'from' as const, at: this.deps.hours.nextOpening(now) } : followUpPromise(this.deps.hours, now);
    const updated = await store.update(id, (t) => ({ ...t, email, followUpBy: promise.at.toISOString(), updatedAt: now.toISOString() }));
    this.publishTicket(updated);
    return { kind: promise.kind, when: this.format(promise.at, ticket.lang, userZone) };
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
      await this.tell(ticket, (t) => [followUpQuestion(t, 'handoff:followUp.timeout', knownEmailsOf(ticket))]).catch(() => undefined);
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
      await context.sendActivity(moved.status === 'followUp' ? followUpQuestion(t, 'handoff:protocol.failed', knownEmailsOf(moved)) : MessageFactory.text(t('handoff:protocol.failed')));
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
    for (const ticket of removed) this.deps.events.removed(ticket.id, 'erased');
    await this.deps.transcript.forgetUser(subject);
    return report;
  }

  /** Tickets past RETENTION_DAYS (closed, abandoned or followed up) are deleted with their messages. */
  async expire(now: Date, retentionDays: number): Promise<number> {
    const removed = await (await this.deps.store).expire(now, retentionDays);
    for (const ticket of removed) this.deps.events.removed(ticket.id, 'expired');
    return removed.length;
  }

  summary(ticket: Ticket, position?: number): TicketSummary {
    return ticketSummary(ticket, this.now(), position);
  }

  format(at: Date, lang: Lang, userZone?: string): string {
    return formatWhen(at, lang, this.deps.hours.timeZone, userZone);
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
    this.deps.events.ticket(ticket, position);
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

/** Two sentences as the language joins them: a space in French and English, nothing after a Chinese full stop. */
export function sentences(t: TFunction, ...texts: string[]): string {
  return texts.filter(Boolean).join(t('common:sentenceGap'));
}

/**
 * "Why, then which email?" in one message, the emails the bot already knows as buttons (the
 * quote draft's, the reseller's) and "never mind" to back out.
 */
export function followUpQuestion(t: TFunction, causeKey: string | undefined, known: string[], causeParams: Record<string, unknown> = {}): Partial<Activity> {
  const text = causeKey ? sentences(t, t(causeKey, causeParams), t('handoff:followUp.askEmail')) : t('handoff:followUp.askEmail');
  return MessageFactory.suggestedActions([...known.slice(0, 2), t('handoff:followUp.backOut')], text);
}

/** The fields that hold the user's own email: the reseller's, in a quote draft. */
const OWN_EMAIL_KEY = /^resellerEmail$/u;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[A-Za-z]{2,24}$/;

/**
 * The reseller's own email from what the user had typed into the parked dialog. Only a field the
 * user gave as theirs (`resellerEmail`): the end customer's or a technical contact's address is
 * never offered as "your email" (a tester saw the end customer's address as the first button).
 */
export function knownEmailsOf(ticket: Pick<Ticket, 'parked'>): string[] {
  const found: Array<{ key: string; value: string }> = [];
  const walk = (value: unknown, key: string, depth: number): void => {
    if (depth > 6) return;
    if (typeof value === 'string') {
      if (EMAIL.test(value.trim())) found.push({ key, value: value.trim().toLowerCase() });
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key, depth + 1));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k, depth + 1);
  };
  walk(ticket.parked?.data, '', 0);
  return [...new Set(found.filter((f) => OWN_EMAIL_KEY.test(f.key)).map((f) => f.value))];
}

/** "How was it, 1–5?" with the five scores as buttons. */
export function ratingQuestion(t: TFunction): Partial<Activity> {
  return MessageFactory.suggestedActions(['1', '2', '3', '4', '5'], t('handoff:rating.ask'));
}

/** A ticket as the console lists it (no reference, no email, no transcript). */
export function ticketSummary(ticket: Ticket, now: Date, position?: number): TicketSummary {
  const until = ticket.acceptedAt ?? ticket.endedAt ?? now.toISOString();
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
