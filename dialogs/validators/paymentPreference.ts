import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText, paymentWords } from '../../knowledge/nlu/index.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

export type PaymentPreference = 'card' | 'quote';

/** The `paymentPreference` slot: pay now by card, or a quote (PDF) by email (dc-new, seed step 6). */
export function validatePaymentPreference(text: string, lang: Lang): ValidationResult<PaymentPreference> {
  const folded = foldText(text);
  const words = paymentWords();
  const card = allLangs(words.card, lang).some((w) => findAlias(folded, w).length > 0);
  const quote = allLangs(words.quote, lang).some((w) => findAlias(folded, w).length > 0);
  if (card !== quote) return ok(card ? 'card' : 'quote');
  return invalid(invalidKey('paymentPreference'));
}

/** The choice said inside a request sentence ("they'll pay by card"), for the prefill; undefined unless one side is said. */
export function findPaymentPreference(text: string, lang: Lang): PaymentPreference | undefined {
  const folded = foldText(text);
  const { inSentence } = paymentWords();
  const card = allLangs(inSentence.card, lang).some((w) => findAlias(folded, foldText(w)).length > 0);
  const quote = allLangs(inSentence.quote, lang).some((w) => findAlias(folded, foldText(w)).length > 0);
  return card !== quote ? (card ? 'card' : 'quote') : undefined;
}
