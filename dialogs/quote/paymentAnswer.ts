import type { Deployment } from '../../knowledge/catalogSchema.js';
import type { Lang } from '../../knowledge/lang.js';
import { foldText } from '../../knowledge/nlu/index.js';
import { checkCurrencyPayment, checkNet30, type PaymentMethod, type RuleViolation } from '../validators/index.js';
import { dialogWords, inAnyLang, mentions } from './dialogWords.js';

/**
 * Payment rules read from the answer to the payment prompt, before the card/quote validator:
 * Net-30 only for Data Center and cloud orders of USD 10,000 or more; no card and no check for
 * AUD orders. The bot does not price orders, so Net-30 needs the amount in the answer.
 */

export type PaymentReading =
  | { kind: 'none' }
  | { kind: 'refused'; violation: RuleViolation }
  | { kind: 'net30' };

/**
 * "USD 25,000", "$25000", "25 000 dollars", "25000美元" → 25000. The amount is at most 26
 * characters: unbounded, a long run of digits and spaces was rescanned from each digit (quadratic).
 */
export function usdAmount(text: string): number | undefined {
  const m = /(?:(?:usd|us\$|\$)\s?([\d][\d\s.,'\u00a0\u202f]{0,24}\d|\d))|(?:([\d][\d\s.,'\u00a0\u202f]{0,24}\d|\d)\s?(?:usd|\$|dollars?|美元|美金))/iu.exec(text);
  const raw = m?.[1] ?? m?.[2];
  if (!raw) return undefined;
  // Thousands separators only: amounts are whole dollars ("25,000.00" keeps 25000).
  const whole = raw.replace(/[.,]\d{2}$/, '').replace(/[\s.,'\u00a0\u202f]/g, '');
  const n = Number(whole);
  return Number.isFinite(n) ? n : undefined;
}

function methodOf(folded: string, lang: Lang): PaymentMethod | undefined {
  const words = dialogWords().payment;
  if (mentions(folded, inAnyLang(words.net30, lang))) return 'net30';
  if (mentions(folded, inAnyLang(words.check, lang))) return 'check';
  if (mentions(folded, inAnyLang(words.card, lang))) return 'card';
  return undefined;
}

function currencyOf(folded: string): string | undefined {
  const found = Object.entries(dialogWords().payment.currencies).find(([, list]) => mentions(folded, list));
  return found?.[0];
}

export function readPaymentAnswer(text: string, lang: Lang, deployment: Deployment | undefined): PaymentReading {
  const folded = foldText(text);
  const method = methodOf(folded, lang);
  if (!method) return { kind: 'none' };
  const currency = currencyOf(folded);
  const byCurrency = checkCurrencyPayment({ method, ...(currency && { currency }) });
  if (byCurrency) return { kind: 'refused', violation: byCurrency };
  if (method === 'net30') {
    const amountUsd = usdAmount(text);
    const violation = checkNet30({ method, ...(deployment && { deployment }), ...(amountUsd !== undefined && { amountUsd }) });
    return violation ? { kind: 'refused', violation } : { kind: 'net30' };
  }
  return { kind: 'none' };
}
