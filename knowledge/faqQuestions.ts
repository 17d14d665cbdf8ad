import { splitClauses } from './search/clauses.js';

/**
 * How a message is read before the engine decides: one question, two questions at once
 * ("remises + virement ?"), or a short follow-up to the last answer ("and for cloud?").
 * Only text work here; the responder asks the engine about each part.
 */

// Joiners between two questions in one sentence. " et " / " and " also join words inside one
// question ("name and email"); a split only counts when both halves answer different topics.
const JOINER = /\s+(?:\+|&|et aussi|et puis|et|ainsi que|and also|and|also|plus)\s+|\s*(?:另外|还有|以及|顺便问一下|顺便问下|同时|和)\s*/iu;
const MIN_PART_CHARS = 5;

/** The message's questions, at most two; one element when it asks one thing. */
export function splitQuestions(text: string): string[] {
  const asking = splitClauses(text).filter((clause) => clause.weight === 1).map((clause) => clause.text);
  if (asking.length >= 2) return asking.slice(0, 2);
  const parts = text.split(JOINER).map((part) => part.trim()).filter((part) => part.length >= MIN_PART_CHARS || /\p{Script=Han}{3,}/u.test(part));
  if (parts.length < 2) return [text];
  // "A et B et C": the first joiner decides; the rest stays with the second question.
  const first = parts[0]!;
  return [first, text.slice(text.indexOf(first) + first.length).replace(JOINER, '').trim() || parts[1]!];
}

const FOLLOW_UP_START = /^(?:et|mais|sinon|pareil|même chose|idem|and|but|what about|how about|same for|what if|also|那|那么|如果是|要是|换成|还有)(?:\s|$|[,，])/iu;
const FOLLOW_UP_END = /(?:呢|怎么样|怎么办)\s*[?？]?$/u;

/** A short message that only makes sense after the last answer: "et pour 12000 ?", "and for cloud?", "那Cloud呢". */
export function looksLikeFollowUp(text: string): boolean {
  const trimmed = text.trim();
  const latinWords = trimmed.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.filter((w) => !/\p{Script=Han}/u.test(w)).length ?? 0;
  const han = trimmed.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (latinWords > 6 || han > 12) return false;
  return FOLLOW_UP_START.test(trimmed) || FOLLOW_UP_END.test(trimmed) || (/^(?:pour|for|in|on|with|avec|en|sur)\s/i.test(trimmed) && /[?？]\s*$/.test(trimmed));
}
