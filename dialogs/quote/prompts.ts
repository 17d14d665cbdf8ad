import { InputHints, type Activity, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import { editionsFor, getProduct } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import type { QuoteKind, SlotName } from '../../knowledge/quoteTypes.js';
import { deploymentOf, promptKey } from '../validators/index.js';
import { imBack } from '../messages.js';

/**
 * Prompt activities. Every prompt says it expects input and names its slot in
 * `channelData.slot`, so clients adapt their input box and test drivers know what to answer;
 * questions that are not a slot (the kind, which field to edit) carry no slot name.
 */

export function promptActivity(text: string, slot: SlotName | undefined, actions: CardAction[] = []): Partial<Activity> {
  return {
    type: 'message',
    text,
    inputHint: InputHints.ExpectingInput,
    ...(slot && { channelData: { slot } }),
    ...(actions.length > 0 && { suggestedActions: { to: [], actions } }),
  };
}

/** Buttons where the answer is one of a few: each posts text the slot's validator reads. */
function slotButtons(t: TFunction, kind: QuoteKind, slot: SlotName, lang: Lang): CardAction[] {
  switch (slot) {
    case 'paymentPreference':
      return [imBack(t('quote:value.paymentPreference.card')), imBack(t('quote:value.paymentPreference.quote'))];
    case 'edition':
      return editionsFor(deploymentOf(kind)).map((e) => imBack(e.names[lang]));
    default:
      return [];
  }
}

export function slotPrompt(t: TFunction, lang: Lang, kind: QuoteKind, slot: SlotName, offerAdvocate = false, products: readonly string[] = []): Partial<Activity> {
  const actions = slotButtons(t, kind, slot, lang);
  if (offerAdvocate) actions.push(imBack(t('common:menu.advocate')));
  // Jira Service Management alone is priced per agent: its tier is asked as agents.
  const perAgent = slot === 'tier' && products.length > 0 && products.every((p) => getProduct(p)?.tierUnit === 'agents');
  return promptActivity(t(perAgent ? 'quote:ask.tierAgents' : promptKey(kind, slot)), slot, actions);
}

/** A message offering a Customer Advocate (rules a person must handle, repeated failures). */
export function advocateOffer(t: TFunction, text: string): Partial<Activity> {
  return { type: 'message', text, suggestedActions: { to: [], actions: [imBack(t('common:menu.advocate'))] } };
}
