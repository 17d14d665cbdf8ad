import type { Lang } from '../knowledge/lang.js';
import { allLangs, blankSpans, findAlias, foldText, handoffWords, hasAny } from '../knowledge/nlu/index.js';

/** A back-out phrase inside a long message is part of what the user says, not a decision. */
const SHORT = 60;

/** "never mind", "laisse tomber", "算了", "let's finish the quote": the user no longer wants what was proposed. */
export function backsOut(text: string, lang: Lang): boolean {
  return text.length <= SHORT && hasAny(text, allLangs(handoffWords().backOut, lang));
}

/** "same as above", "la même que dans le devis", "就是刚才那个邮箱": use the email already known. */
export function meansSameEmail(text: string, lang: Lang): boolean {
  return text.length <= SHORT && hasAny(text, allLangs(handoffWords().sameEmail, lang));
}

/** "non merci", "不用了", "skip" at the rating. */
export function declinesRating(text: string, lang: Lang): boolean {
  return text.length <= SHORT && hasAny(text, allLangs(handoffWords().declineRating, lang));
}

/**
 * "it's about a disputed invoice, email me at rob@…": a message at the email prompt that says
 * more than the email and the words that introduce it carries what the request is about. What
 * is left once those are blanked must read as a few words (two of three letters or more, or
 * three Chinese characters): "email me at x@y.com thanks" says nothing more.
 */
export function saysMoreThanEmail(text: string, email: string, lang: Lang): boolean {
  // findEmails gives the address lower-cased: "Jean.Dupont@…" is removed as typed.
  const at = text.toLowerCase().indexOf(email.toLowerCase());
  const folded = foldText(at < 0 ? text : `${text.slice(0, at)} ${text.slice(at + email.length)}`);
  const spans = allLangs(handoffWords().emailLeads, lang).flatMap((w) => findAlias(folded, foldText(w)));
  const rest = blankSpans(folded, spans);
  const words = rest.match(/[\p{L}\p{N}]{3,}/gu)?.filter((w) => !/\p{Script=Han}/u.test(w)).length ?? 0;
  const han = rest.match(/\p{Script=Han}/gu)?.length ?? 0;
  return words >= 2 || han >= 3;
}
