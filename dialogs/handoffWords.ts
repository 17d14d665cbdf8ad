import type { Lang } from '../knowledge/lang.js';
import { allLangs, handoffWords, hasAny } from '../knowledge/nlu/index.js';

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
