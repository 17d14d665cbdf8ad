import type { FaqDecision, FaqEngine, FaqEntry } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';
import { findAlias, foldText, quoteIntentWords } from '../../knowledge/nlu/index.js';

/**
 * A short follow-up ("et pour Data Center ?", "那DC呢", "and for 12000 users?") read against the
 * topic of the last answer. Pure: the responder turns the reading into replies.
 *
 * - It names another deployment: the sibling topic with the same lifecycle and object for that
 *   deployment (cloud renewal → Data Center renewal), when the knowledge base has one; else the
 *   engine reads the words with the last topic's.
 * - It names a user count: the steps do not change, the price does (the price tiers).
 * - It names nothing the last answer does not already cover: that answer applies, said in one line.
 */
export type FollowUpReading =
  | { kind: 'topic'; id: string; trace: FaqDecision }
  | { kind: 'count'; count: string }
  | { kind: 'same'; what: string }
  | { kind: 'decision'; decision: FaqDecision };

type Deployment = 'cloud' | 'datacenter' | 'server';
const DEPLOYMENT_OF: Record<string, Deployment> = { cloud: 'cloud', 'data-center': 'datacenter', server: 'server' };

/** Deployments the message names, from the quote words (which know "DC", "数据中心", "云版"…). */
export function deploymentsNamed(text: string): Deployment[] {
  const folded = foldText(text);
  const words = quoteIntentWords().deployment;
  return Object.entries(words)
    .filter(([, list]) => list.some((w) => findAlias(folded, foldText(w)).length > 0))
    .map(([name]) => DEPLOYMENT_OF[name]!)
    .filter(Boolean);
}

// "12000 users", "12 000 utilisateurs", "12k users", "1万用户", "12000个用户", "500 agents".
const COUNT = /(\d[\d\s.,\u00a0\u202f]{0,9}\d|\d)\s*(k|万)?\s*(?:个|名|位)?\s*(users?|utilisateurs?|agents?|seats?|licen[cs]es?|用户|人|座席|坐席|席位)/iu;

/** The user count a follow-up names, as the user wrote it ("12000", "12 000", "12k"). */
export function countNamed(text: string): string | undefined {
  const m = COUNT.exec(text);
  return m ? `${m[1]!.trim()}${m[2] ?? ''}` : undefined;
}

// The words that make a message a follow-up, taken off to say what it asks about.
const LEAD = /^(?:(?:et|mais|sinon|alors|pareil|même chose|idem|and|but|else|otherwise|then|what about|how about|same for|what if|also|那么|那|如果是|要是|换成|还有|然后|encore)(?:\s+|(?=[?？!！.。]|$)|(?<=\p{Script=Han})))+(?:(?:pour|for|in|on|with|avec|en|sur|le|la|les|l'|the|a|an|un|une)\s+)*/iu;

/** "and?", "et sinon ?", "然后呢": a follow-up that asks for more without naming anything. */
export function isBareFollowUp(text: string): boolean {
  return text.trim().length <= 20 && followUpSubject(text) === '' && /[\p{L}\p{Script=Han}]/u.test(text);
}
const TAIL = /\s*(?:呢|怎么样|怎么办)?\s*[?？!！.。]*\s*$/u;

/** What a follow-up asks about: "et pour 12000 ?" → "12000", "那DC呢" → "DC". */
export function followUpSubject(text: string): string {
  return text.trim().replace(LEAD, '').replace(TAIL, '').trim();
}

const overlap = (a: readonly string[] | undefined, b: readonly string[] | undefined): number =>
  a && b ? a.filter((v) => b.includes(v)).length : 0;

/**
 * The topic like `last` for another deployment: accepts the deployment, and shares the most
 * lifecycle and object values with `last` (at least one); undefined when two tie or none fits.
 */
export function siblingFor(last: FaqEntry, deployment: Deployment, entries: readonly FaqEntry[]): FaqEntry | undefined {
  const f = last.facets;
  const scored = entries
    .filter((e) => e.id !== last.id && e.facets.deployment?.includes(deployment))
    .map((e) => ({ e, score: overlap(f.lifecycle, e.facets.lifecycle) * 2 + overlap(f.object, e.facets.object) + overlap(f.actor, e.facets.actor) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0 || (scored.length > 1 && scored[1]!.score === scored[0]!.score)) return undefined;
  return scored[0]!.e;
}

/**
 * Reads a follow-up against the last answer: `lastId` its topic, `context` the words it was
 * given for (the question, or the title of a topic reached by a follow-up).
 */
export function readFollowUp(engine: FaqEngine, text: string, lang: Lang, lastId: string, context: string): FollowUpReading {
  const last = engine.entry(lastId);
  if (!last) return { kind: 'decision', decision: engine.decide(text, lang) };
  // "and?", "et sinon ?": nothing named, so nothing to search for.
  if (followUpSubject(text) === '') return { kind: 'same', what: '' };
  const named = deploymentsNamed(text).filter((d) => !last.facets.deployment?.includes(d));
  // One new deployment, on a topic bound to a deployment: switch to its sibling.
  if (named.length === 1 && last.facets.deployment) {
    const sibling = siblingFor(last, named[0]!, engine.entries());
    if (sibling) return { kind: 'topic', id: sibling.id, trace: { kind: 'answer', id: sibling.id, candidates: [{ id: sibling.id, score: 1 }], confidence: 1 } };
  }
  const count = countNamed(text);
  if (count && named.length === 0) return { kind: 'count', count };
  const decision = engine.decideFollowUp(text, context, lang);
  if (decision.kind === 'answer') return decision.id === lastId ? { kind: 'same', what: followUpSubject(text) } : { kind: 'topic', id: decision.id, trace: decision };
  // Only a number, or a deployment the last answer already covers: that answer applies.
  const what = followUpSubject(text);
  if (!/[\p{L}]/u.test(what) || (named.length === 0 && deploymentsNamed(text).length > 0)) return { kind: 'same', what };
  return { kind: 'decision', decision };
}
