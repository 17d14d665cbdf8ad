import { MessageFactory, type Activity } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from './sdk.js';
import { parseRating, type HandoffReason, type Ticket } from '../backend/handoff/index.js';
import type { HandoffService } from '../bot/handoff/service.js';
import { ratingQuestion } from '../bot/handoff/service.js';
import { turnInfo } from '../bot/turn.js';
import { offerReasonOf } from './handoffOffer.js';
import { parkedDialog } from './handoffParked.js';
import { withMenu } from './messages.js';
import { validateEmail } from './validators/email.js';

export const HANDOFF_DIALOG = 'handoff';
const FLOW = 'handoff.flow';
const EMAIL_PROMPT = 'handoff.email';
const RATING_PROMPT = 'handoff.rating';

export interface HandoffOptions {
  /** Set by the main dialog when the handoff starts on top of a running dialog. */
  interrupted?: boolean;
  reason?: HandoffReason;
  parked?: Ticket['parked'];
}

interface FlowValues {
  ticketId?: string;
  /** Which prompt's answer the next step receives. */
  awaiting?: 'email' | 'rating';
}

/** A rating prompt gives up after one retry: the score is optional. */
const SKIP = '';

/**
 * Puts the user in touch with a person and back. The ticket's status, changed
 * by the console, the timer or the hub between turns, tells the dialog what the
 * user's next message answers: a rating after a close, an email after a
 * timeout, nothing after a cancel. While a person is in charge the relay
 * middleware keeps messages away from here. Ending re-prompts the parked dialog.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(private readonly service: HandoffService) {
    super(HANDOFF_DIALOG);
    this.addDialog(new TextPrompt(EMAIL_PROMPT, emailValidator));
    this.addDialog(new TextPrompt(RATING_PROMPT, ratingValidator));
    this.addDialog(new WaterfallDialog(FLOW, [this.requestStep.bind(this), this.outcomeStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** Reads the parked dialog's partial data before the handoff hides it. */
  override async beginDialog(outerDc: DialogContext, options?: HandoffOptions): Promise<DialogTurnResult> {
    const parked = options?.interrupted ? parkedDialog(outerDc) : undefined;
    return super.beginDialog(outerDc, { ...options, ...(parked ? { parked } : {}) });
  }

  /** Opens a ticket and says what happens next: a queue position, a transfer, or an email follow-up. */
  private async requestStep(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { t, lang, intent } = turnInfo(step.context);
    const values = step.values as FlowValues;
    // Right after an offer, whatever the words ("Parler à un conseiller" is both the button and a phrase), the offer says why.
    const reason =
      step.options.reason ??
      offerReasonOf({ handoffOffer: await this.service.lastOffer(step.context.activity) }) ??
      (intent?.intent === 'advocate' ? 'menu' : 'request');
    const opened = await this.service.open(step.context, { lang, reason, ...(step.options.parked ? { parked: step.options.parked } : {}) });
    values.ticketId = opened.ticket.id;

    switch (opened.kind) {
      case 'queued':
        await step.context.sendActivity(t('handoff:request.searching', { position: opened.position }));
        return Dialog.EndOfTurn;
      case 'transferred':
        await step.context.sendActivity(t('handoff:request.protocol'));
        return Dialog.EndOfTurn;
      case 'followUp': {
        const cause = opened.ticket.followUpCause === 'outOfHours' ? t('handoff:followUp.outOfHours', { when: opened.when }) : t('handoff:followUp.noAdvocate');
        await step.context.sendActivity(cause);
        values.awaiting = 'email';
        return step.prompt(EMAIL_PROMPT, { prompt: t('handoff:followUp.askEmail'), retryPrompt: t('handoff:followUp.invalidEmail') });
      }
    }
  }

  /** The first message that reaches the dialog after the handoff: what it answers depends on the ticket. */
  private async outcomeStep(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    if (values.awaiting) return this.answerStep(step);
    const { t, lang } = turnInfo(step.context);
    const ticket = values.ticketId ? await this.service.get(values.ticketId) : undefined;
    const text = step.context.activity.text ?? '';

    switch (ticket?.status) {
      case 'abandoned':
        return this.finish(step, t('handoff:cancelled'));
      case 'followUp': {
        const email = validateEmail(text, lang);
        if (email.ok) return this.confirmEmail(step, email.value);
        values.awaiting = 'email';
        return step.prompt(EMAIL_PROMPT, { prompt: t('handoff:followUp.invalidEmail'), retryPrompt: t('handoff:followUp.invalidEmail') });
      }
      case 'closed': {
        const rating = parseRating(text);
        if (rating !== undefined) return this.thankForRating(step, rating);
        values.awaiting = 'rating';
        return step.prompt(RATING_PROMPT, { prompt: ratingRetry(t), retryPrompt: ratingRetry(t) });
      }
      default:
        // Still in a person's hands (the relay middleware normally keeps messages away): keep waiting.
        return Dialog.EndOfTurn;
    }
  }

  /** The answer to the email or rating prompt. */
  private async answerStep(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const { t } = turnInfo(step.context);
    const answer = typeof step.result === 'string' ? step.result : SKIP;
    if (values.awaiting === 'email') return this.confirmEmail(step, answer);
    if (answer === SKIP) return this.finish(step, t('handoff:rating.skipped'));
    return this.thankForRating(step, Number(answer));
  }

  private async confirmEmail(step: WaterfallStepContext<HandoffOptions>, email: string): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const promised = await this.service.setFollowUpEmail((step.values as FlowValues).ticketId!, email);
    const key = promised.kind === 'by' ? 'handoff:followUp.confirmBy' : 'handoff:followUp.confirmFrom';
    return this.finish(step, t(key, { email, when: promised.when }));
  }

  private async thankForRating(step: WaterfallStepContext<HandoffOptions>, rating: number): Promise<DialogTurnResult> {
    await this.service.rate((step.values as FlowValues).ticketId!, rating);
    return this.finish(step, turnInfo(step.context).t('handoff:rating.thanks'));
  }

  /** Says the last word, then hands back: to the parked dialog (re-prompted by its parent) or to the menu. */
  private async finish(step: WaterfallStepContext<HandoffOptions>, text: string): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    if (step.options.parked) {
      await step.context.sendActivities([MessageFactory.text(text), MessageFactory.text(t('handoff:resume'))]);
    } else {
      await step.context.sendActivity(withMenu(t, text));
    }
    return step.endDialog();
  }
}

function ratingRetry(t: Parameters<typeof ratingQuestion>[0]): Partial<Activity> {
  return { ...ratingQuestion(t), text: t('handoff:rating.retry') };
}

async function emailValidator(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const result = validateEmail(prompt.recognized.value ?? '', turnInfo(prompt.context).lang);
  if (!result.ok) return false;
  prompt.recognized.value = result.value;
  return true;
}

/** A score 1–5; the prompt is itself the retry, so one more miss skips the rating rather than insisting. */
async function ratingValidator(prompt: PromptValidatorContext<string>): Promise<boolean> {
  const rating = parseRating(prompt.recognized.value ?? '');
  if (rating !== undefined) {
    prompt.recognized.value = String(rating);
    return true;
  }
  if (prompt.attemptCount >= 1) {
    prompt.recognized.value = SKIP;
    return true;
  }
  return false;
}
