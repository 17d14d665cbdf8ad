import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogReason, type DialogTurnResult } from './sdk.js';
import { parseRating, type HandoffReason, type Ticket } from '../backend/handoff/index.js';
import type { HandoffService } from '../bot/handoff/service.js';
import { followUpQuestion, knownEmailsOf, ratingQuestion, sentences } from '../bot/handoff/service.js';
import { userTimeZone } from '../bot/handoff/when.js';
import { turnInfo } from '../bot/turn.js';
import type { Lang } from '../knowledge/lang.js';
import { looksLikeQuestion } from '../knowledge/language/question.js';
import { offerReasonOf } from './handoffOffer.js';
import { parkedDialog } from './handoffParked.js';
import { backsOut, declinesRating, meansSameEmail, saysMoreThanEmail } from './handoffWords.js';
import { imBack, withMenu } from './messages.js';
import { requestReroute } from './restart.js';
import { findEmails } from './validators/email.js';

export const HANDOFF_DIALOG = 'handoff';

export interface HandoffOptions {
  /** Set by the main dialog when the handoff starts on top of a running dialog. */
  interrupted?: boolean;
  reason?: HandoffReason;
  parked?: Ticket['parked'];
}

/**
 * Where the user is in the handoff, i.e. what their next message answers: nothing while a
 * person is being found (`queued`, `transferred`: the relay middleware has those messages),
 * the follow-up email, what the follow-up is about, the optional rating after a close.
 */
type Stage = 'queued' | 'transferred' | 'email' | 'about' | 'rating';

interface HandoffState {
  stage: Stage;
  ticketId?: string;
  parked?: Ticket['parked'];
  /** The promise made once the email is known, said after "what is it about?" is answered. */
  promise?: { key: string; email: string; when: string };
}

export interface HandoffDialogDeps {
  /** What a request said besides "a person please" ("…, I need help with a renewal"), if anything. */
  aboutOf?: (text: string, lang: Lang) => string | undefined;
  /** Emails the bot already knows for this user outside the parked dialog (the reseller's, from an earlier request). */
  knownEmails?: (context: TurnContext) => Promise<string[]>;
  /** Keeps the follow-up email as the reseller's, for a form that asks for it next. */
  rememberEmail?: (context: TurnContext, email: string) => Promise<void>;
}

/** Reasons that already tell the advocate what the request is about. */
const SELF_EXPLAINED: readonly HandoffReason[] = ['unanswered', 'promptFailed', 'quoteRule'];
const PERSON_INTENTS: readonly string[] = ['handoff', 'advocate', 'callback'];

/**
 * Puts the user in touch with a person and back, one step per message. The ticket's status,
 * changed by the console, the timer or the hub between turns, says which step the message
 * answers. At every step the user can back out ("never mind", "算了", "let's finish the
 * quote", "cancel"): the ticket is withdrawn and the parked dialog asks its question again.
 * Nothing typed is dropped: a sentence where an email was expected goes on the ticket.
 */
export class HandoffDialog extends Dialog<HandoffOptions> {
  constructor(
    private readonly service: HandoffService,
    private readonly deps: HandoffDialogDeps = {},
  ) {
    super(HANDOFF_DIALOG);
  }

  /** Reads the parked dialog's partial data before the handoff hides it, then opens a ticket. */
  override async beginDialog(dc: DialogContext, options: HandoffOptions = {}): Promise<DialogTurnResult> {
    const parked = options.parked ?? (options.interrupted ? parkedDialog(dc) : undefined);
    const state: HandoffState = { stage: 'queued', ...(parked ? { parked } : {}) };
    dc.activeDialog!.state = state;
    return this.open(dc, state, options.reason);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as HandoffState;
    const ticket = state.ticketId ? await this.service.get(state.ticketId) : undefined;
    // Erased ("delete my data") or expired: nothing is left to follow.
    if (!ticket) return dc.endDialog();
    switch (ticket.status) {
      case 'abandoned':
        return this.finish(dc, state, turnInfo(dc.context).t('handoff:cancelled'));
      case 'closed':
        return this.rating(dc, state, ticket);
      case 'followUp':
        return state.stage === 'about' ? this.about(dc, state, ticket) : this.email(dc, state, ticket);
      default:
        // A person is being found or is talking: the relay middleware keeps these messages.
        return Dialog.EndOfTurn;
    }
  }

  /** After an interruption (help, a declined "delete my data"): the open question again. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, _result?: unknown): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as HandoffState;
    const { t } = turnInfo(context);
    const ticket = state.ticketId ? await this.service.get(state.ticketId) : undefined;
    if (ticket?.status === 'closed') {
      await context.sendActivity(ratingQuestion(t));
    } else if (ticket?.status === 'followUp') {
      await context.sendActivity(state.stage === 'about' ? this.askAbout(t) : followUpQuestion(t, undefined, await this.knownEmails(context, state)));
    } else if (ticket?.status === 'waiting') {
      await context.sendActivity(t('handoff:waiting.reminder'));
    }
  }

  /** Opens a ticket and says what happens next: a queue position, a transfer, or an email follow-up. */
  private async open(dc: DialogContext, state: HandoffState, reasonOption?: HandoffReason): Promise<DialogTurnResult> {
    const context = dc.context;
    const { t, lang, intent } = turnInfo(context);
    const text = context.activity.text ?? '';
    // Right after an offer, whatever the words ("Parler à un conseiller" is both the button and a phrase), the offer says why.
    const offered = offerReasonOf({ handoffOffer: await this.service.lastOffer(context.activity) });
    const reason = reasonOption ?? offered ?? (intent?.intent === 'advocate' ? 'menu' : 'request');
    const about = intent?.intent === 'advocate' ? undefined : this.deps.aboutOf?.(text, lang);
    const opened = await this.service.open(context, { lang, reason, ...(state.parked ? { parked: state.parked } : {}), ...(about ? { about } : {}) });
    state.ticketId = opened.ticket.id;
    delete state.promise;
    // Advocates answer in the chat or by email: a user who asked to be called is told so.
    const phone = intent?.intent === 'callback' ? t('handoff:request.callback') : '';

    switch (opened.kind) {
      case 'queued': {
        state.stage = 'queued';
        const said = sentences(t, phone, t('handoff:request.searching', { position: opened.position }));
        await context.sendActivity(said);
        await this.service.noteBot(opened.ticket.id, said);
        return Dialog.EndOfTurn;
      }
      case 'transferred':
        state.stage = 'transferred';
        await context.sendActivity(sentences(t, phone, t('handoff:request.protocol')));
        return Dialog.EndOfTurn;
      case 'followUp': {
        state.stage = 'email';
        const cause = opened.ticket.followUpCause === 'outOfHours' ? t('handoff:followUp.outOfHours', { when: opened.when }) : t('handoff:followUp.noAdvocate');
        await context.sendActivity(sentences(t, phone, cause));
        await context.sendActivity(followUpQuestion(t, undefined, await this.knownEmails(context, state)));
        return Dialog.EndOfTurn;
      }
    }
  }

  /** The answer to "which email?": an email, "the same one", a back-out, or something to keep with the request. */
  private async email(dc: DialogContext, state: HandoffState, ticket: Ticket): Promise<DialogTurnResult> {
    const context = dc.context;
    const { t, lang, intent } = turnInfo(context);
    const text = (context.activity.text ?? '').trim();
    state.stage = 'email';
    if (intent?.intent === 'cancel' || backsOut(text, lang)) return this.withdraw(dc, state, ticket);

    const [typed] = findEmails(text);
    if (typed) {
      // The topic said with the email is kept: "what is it about?" is not asked again.
      if (!ticket.about && saysMoreThanEmail(text, typed, lang)) {
        await this.service.note(ticket.id, text, { about: true });
        return this.useEmail(dc, state, { ...ticket, about: text }, typed);
      }
      return this.useEmail(dc, state, ticket, typed);
    }
    const known = await this.knownEmails(context, state);
    if (meansSameEmail(text, lang)) {
      if (known[0]) return this.useEmail(dc, state, ticket, known[0]);
      await context.sendActivity(followUpQuestion(t, 'handoff:followUp.noKnownEmail', known));
      return Dialog.EndOfTurn;
    }
    if (intent && PERSON_INTENTS.includes(intent.intent)) {
      await context.sendActivity(followUpQuestion(t, 'handoff:followUp.stillByEmail', known));
      return Dialog.EndOfTurn;
    }
    if (!text) {
      await context.sendActivity(followUpQuestion(t, 'handoff:followUp.invalidEmail', known));
      return Dialog.EndOfTurn;
    }
    // A sentence, not an email: it is what the request is about; kept, and the email asked again.
    await this.service.note(ticket.id, text, { about: true });
    await context.sendActivity(followUpQuestion(t, 'handoff:followUp.noted', known));
    return Dialog.EndOfTurn;
  }

  /** Stores the email at once (the team can answer even if the user leaves now), then asks what it is about if nobody knows. */
  private async useEmail(dc: DialogContext, state: HandoffState, ticket: Ticket, email: string): Promise<DialogTurnResult> {
    const { t } = turnInfo(dc.context);
    const promised = await this.service.setFollowUpEmail(ticket.id, email, userTimeZone(dc.context.activity));
    await this.deps.rememberEmail?.(dc.context, email);
    const key = promised.kind === 'by' ? 'handoff:followUp.confirmBy' : 'handoff:followUp.confirmFrom';
    if (ticket.about || SELF_EXPLAINED.includes(ticket.reason)) return this.finish(dc, state, t(key, { email, when: promised.when }));
    state.stage = 'about';
    state.promise = { key, email, when: promised.when };
    await dc.context.sendActivity(this.askAbout(t));
    return Dialog.EndOfTurn;
  }

  /** The answer to "what is it about?": kept on the ticket, then the promise. */
  private async about(dc: DialogContext, state: HandoffState, ticket: Ticket): Promise<DialogTurnResult> {
    const context = dc.context;
    const { t, lang, intent } = turnInfo(context);
    const text = (context.activity.text ?? '').trim();
    if (intent?.intent === 'cancel' || backsOut(text, lang)) return this.withdraw(dc, state, ticket);
    if (!text) {
      await context.sendActivity(this.askAbout(t));
      return Dialog.EndOfTurn;
    }
    await this.service.note(ticket.id, text, { about: true });
    const promise = state.promise;
    return this.finish(dc, state, promise ? t(promise.key, { email: promise.email, when: promise.when }) : t('handoff:followUp.noted'));
  }

  /** The optional score after a close: a score, "no thanks", a new request for a person, or something else to handle. */
  private async rating(dc: DialogContext, state: HandoffState, ticket: Ticket): Promise<DialogTurnResult> {
    const context = dc.context;
    const { t, lang, intent } = turnInfo(context);
    const text = (context.activity.text ?? '').trim();
    state.stage = 'rating';
    const score = looksLikeQuestion(text) && text.length > 12 ? undefined : parseRating(text);
    if (score !== undefined) {
      await this.service.rate(ticket.id, score);
      return this.finish(dc, state, t('handoff:rating.thanks'));
    }
    if (intent && PERSON_INTENTS.includes(intent.intent)) return this.open(dc, state);
    if (intent?.intent === 'cancel' || declinesRating(text, lang) || backsOut(text, lang)) return this.finish(dc, state, t('handoff:rating.skipped'));
    // A question or a new request: the rating is left, and the main dialog handles the message.
    requestReroute(context);
    return Dialog.EndOfTurn;
  }

  /** The user backs out: the ticket is withdrawn (not left for the team), and they are back where they were. */
  private async withdraw(dc: DialogContext, state: HandoffState, ticket: Ticket): Promise<DialogTurnResult> {
    await this.service.cancel(ticket);
    return this.finish(dc, state, turnInfo(dc.context).t('handoff:cancelled'));
  }

  private askAbout(t: ReturnType<typeof turnInfo>['t']) {
    return MessageFactory.suggestedActions([imBack(t('handoff:followUp.backOut'))], t('handoff:followUp.askAbout'));
  }

  private async knownEmails(context: TurnContext, state: HandoffState): Promise<string[]> {
    const fromMemory = (await this.deps.knownEmails?.(context)) ?? [];
    return [...new Set([...knownEmailsOf(state), ...fromMemory])];
  }

  /** Says the last word, then hands back: to the parked dialog (re-prompted by its parent) or to the menu. */
  private async finish(dc: DialogContext, state: HandoffState, text: string): Promise<DialogTurnResult> {
    const { t } = turnInfo(dc.context);
    if (state.parked) {
      await dc.context.sendActivities([MessageFactory.text(text), MessageFactory.text(t('handoff:resume'))]);
    } else {
      await dc.context.sendActivity(withMenu(t, text));
    }
    return dc.endDialog();
  }
}
