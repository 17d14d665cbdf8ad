import type { Activity, TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { HandoffReason } from '../backend/handoff/index.js';
import { turnInfo } from '../bot/turn.js';
import { imBack } from './messages.js';

export type OfferReason = Exclude<HandoffReason, 'request'>;

/**
 * Offers (never forces) a person: the reason in the user's language and the
 * "Talk to an advocate" button, whose title is the `advocate` menu intent.
 * The reason rides in channelData, so the ticket opened from this button says
 * why (two unanswered questions, a prompt failed three times, a quote rule).
 */
export function handoffOffer(t: TFunction, reason: OfferReason): Partial<Activity> {
  return {
    type: 'message',
    text: t(`handoff:offer.${reason}`),
    suggestedActions: { to: [], actions: [imBack(t('common:menu.advocate')), imBack(t('handoff:offer.noThanks'))] },
    channelData: { handoffOffer: reason },
  };
}

/** Sends the offer in this turn's language. */
export async function offerHandoff(context: TurnContext, reason: OfferReason): Promise<void> {
  await context.sendActivity(handoffOffer(turnInfo(context).t, reason));
}

/** The reason of an offer found in a sent activity, if it was one. */
export function offerReasonOf(channelData: unknown): OfferReason | undefined {
  const reason = (channelData as { handoffOffer?: unknown } | undefined)?.handoffOffer;
  return reason === 'menu' || reason === 'unanswered' || reason === 'promptFailed' || reason === 'quoteRule' ? reason : undefined;
}
