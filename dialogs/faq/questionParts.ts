import type { FaqDecision, FaqEngine } from '../../knowledge/faq.js';
import { splitQuestions } from '../../knowledge/faqQuestions.js';
import { smallTalkOf } from '../../knowledge/language/conversation.js';
import type { Lang } from '../../knowledge/lang.js';
import { splitClauses } from '../../knowledge/search/clauses.js';

/**
 * A message that asks two things, read part by part. Pure: the responder sends the replies.
 * Every part the user asked gets something back — its answer, its "did you mean", or "I have no
 * answer to: …" — so a part the bot is unsure of is never dropped in silence.
 */
export interface PartsReading {
  answers: { id: string; question: string }[];
  /** Parts asked in a sentence of their own that no topic answers surely. */
  unresolved: { question: string; decision: Extract<FaqDecision, { kind: 'clarify' | 'none' }> }[];
}

/** How sure the engine must be of each half of a message that asks two things. */
export const PART_CONFIDENCE = 0.8;

// Joiner words a second question starts with, left out when the part is quoted back.
const LEAD_JOINER = /^(?:et aussi|et puis|et|aussi|ainsi que|par ailleurs|sinon|and also|and|also|plus|另外|还有|以及|顺便问一下|顺便问下|顺便|同时)[\s,，、:：]*/iu;
// A second question introduced this way is a question of its own, even inside one sentence.
const STRONG_JOINER = /(?:^|\s)(?:et aussi|aussi|par ailleurs|and also|also)[\s,]|另外|还有|顺便/iu;

/** The part as the user will read it back: without the "Et" or "另外" that joined it. */
export function quotedPart(part: string): string {
  const trimmed = part.trim().replace(LEAD_JOINER, '').trim();
  return trimmed || part.trim();
}

/**
 * The reading of a two-part message, or undefined when the whole message's decision should
 * stand (one question, or two halves of one question: "How do I renew and upgrade…").
 * `whole` is the engine's decision on the whole message.
 */
export function readParts(engine: FaqEngine, text: string, lang: Lang, whole: FaqDecision): PartsReading | undefined {
  const parts = splitQuestions(text);
  if (parts.length !== 2) return undefined;
  const decisions = parts.map((part) => engine.decide(part, lang));
  // What each part answers on its own: a topic the engine is sure of, null for small talk ("Merci !").
  const own = decisions.map((d, i) => {
    if (smallTalkOf(parts[i]!)) return null;
    return d.kind === 'answer' && d.confidence >= PART_CONFIDENCE ? d.id : undefined;
  });
  const answers = (ids: readonly (string | null | undefined)[]) => {
    const distinct = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
    return distinct.map((id) => ({ id, question: distinct.length === 1 ? text : parts[ids.indexOf(id)]! }));
  };
  if (own.every((id) => id !== undefined)) return own.some((id) => id) ? { answers: answers(own), unresolved: [] } : undefined;
  // One part unsure: only when the user clearly asked two things (two sentences that ask, or
  // "… ? Also, …") does it get its own reply; otherwise the whole message's decision stands
  // ("a government client… What happened with Server, and when?" is one question).
  const sentences = splitClauses(text).filter((c) => c.weight === 1).length >= 2;
  if (!sentences && !STRONG_JOINER.test(parts[1]!)) return undefined;
  // An unsure part that points to a topic answered for this message (the other part's, or the
  // whole message's) among its first candidates is that topic: "…inclut quoi ? les mises à jour
  // et le support ?" asks the same thing twice.
  const answered = new Set([...own.filter((id): id is string => typeof id === 'string'), ...(whole.kind === 'answer' ? [whole.id] : [])]);
  // A declined part counts only when its first candidate is answered: "quel temps fera-t-il
  // demain ?" merely has the refund topic third, and is said back.
  const covered = (d: FaqDecision) => d.candidates.slice(0, d.kind === 'none' ? 1 : 3).find((c) => answered.has(c.id))?.id;
  const ids = own.map((id, i) => (id !== undefined ? id : covered(decisions[i]!)));
  const resolved = ids.filter((id): id is string => typeof id === 'string');
  if (resolved.length === 0) return undefined;
  const unresolved: PartsReading['unresolved'] = [];
  ids.forEach((id, i) => {
    if (id !== undefined) return;
    const d = decisions[i]!;
    const decision = d.kind === 'answer' ? { kind: 'clarify' as const, candidates: d.candidates, confidence: d.confidence } : d;
    unresolved.push({ question: quotedPart(parts[i]!), decision });
  });
  return { answers: answers(ids), unresolved };
}
