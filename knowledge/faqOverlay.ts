import type { OutOfScopeExamples } from './faqEngine.js';
import type { FaqEntry } from './faqSchema.js';
import type { Lang } from './lang.js';

/**
 * What authors added to the knowledge base without a release: example questions per topic and
 * language, and questions to decline. It is data the engine is built from, layered over
 * `knowledge/faq/*.json` and `knowledge/faq-data/out-of-scope.json`, so it does not depend on
 * how the engine ranks.
 */
export interface KbOverlay {
  examples: Array<{ topic: string; lang: Lang; text: string }>;
  outOfScope: Array<{ lang: Lang; text: string }>;
  /**
   * Learned from the reviewed "did you mean" questions: from this strength on (the engine's
   * confidence, or its best score when it gives no confidence), the first candidate of a "did you
   * mean" was the right topic often enough that the bot answers it instead of asking.
   */
  clarifyAnswerAt?: number;
  /**
   * Topics the reviews show people mixing up: the bot's first topic for a reviewed question and
   * the topic the author gave it, when they differ (each pair sorted, listed once). A "did you
   * mean" between two of them keeps asking, however sure it is: the engine's confidence cannot
   * tell them apart, real questions already showed it.
   */
  confusedPairs?: Array<[string, string]>;
}

export const EMPTY_OVERLAY: KbOverlay = { examples: [], outOfScope: [] };

/** A reviewed question the bot had answered with a "did you mean": how sure it was, and whether its first candidate was right. */
export interface ClarifySample {
  strength: number;
  right: boolean;
}

/** A wrong answer costs this many right ones: a "did you mean" is cheap, a wrong answer is not. */
const WRONG_ANSWER_COST = 2;
/** Below this many reviewed "did you mean" questions nothing is learned: too little to go on. */
const MIN_SAMPLES = 8;
/** A threshold must turn at least this many reviewed "did you mean" into right answers. */
const MIN_GAINED = 3;

/**
 * The lowest strength from which answering the first candidate of a "did you mean" outright would
 * have done more good than harm on the reviewed questions (each wrong answer counting
 * WRONG_ANSWER_COST right ones); undefined when the reviews do not show such a point.
 */
export function learnClarifyAnswerAt(samples: readonly ClarifySample[]): number | undefined {
  if (samples.length < MIN_SAMPLES) return undefined;
  const sorted = [...samples].sort((a, b) => b.strength - a.strength);
  let value = 0;
  let gained = 0;
  let best: { at: number; value: number } | undefined;
  for (const [i, s] of sorted.entries()) {
    value += s.right ? 1 : -WRONG_ANSWER_COST;
    if (s.right) gained++;
    // A threshold sits between two strengths: only where the next sample is weaker.
    if (sorted[i + 1]?.strength === s.strength) continue;
    if (value > 0 && gained >= MIN_GAINED && (!best || value > best.value)) best = { at: s.strength, value };
  }
  return best?.at;
}

/** The pair of two topics as `confusedPairs` lists it (sorted, so either order meets it). */
export function topicPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

/**
 * The topic pairs the reviewed questions show mixed up: the bot ranked one first, the author
 * gave the question the other. Out of scope is not a topic here: declining is another decision.
 */
export function learnConfusedPairs(reviewed: readonly { top?: string; topic: string | null }[]): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const { top, topic } of reviewed) {
    if (!top || !topic || top === topic) continue;
    const pair = topicPair(top, topic);
    pairs.set(pair.join('\u0000'), pair);
  }
  return [...pairs.values()].sort((x, y) => x.join().localeCompare(y.join()));
}

/** How two wordings are compared when deciding that they are the same question. */
export function wordingKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

/**
 * The entries and out-of-scope examples with the overlay added: a wording already in the base
 * (or added twice) is added once; an example of a topic the base does not have is left out.
 * The base is never changed.
 */
export function layerOverlay(
  entries: readonly FaqEntry[],
  outOfScope: OutOfScopeExamples,
  overlay: KbOverlay,
): { entries: FaqEntry[]; outOfScope: OutOfScopeExamples } {
  const byId = new Map(entries.map((e) => [e.id as string, e]));
  const added = new Map<string, FaqEntry>();
  const seen = new Set<string>();
  for (const entry of entries) for (const lang of ['en', 'fr', 'zh'] as const) for (const q of entry[lang].questions) seen.add(`${entry.id}\u0000${lang}\u0000${wordingKey(q)}`);
  for (const { topic, lang, text } of overlay.examples) {
    const base = byId.get(topic);
    const key = `${topic}\u0000${lang}\u0000${wordingKey(text)}`;
    if (!base || seen.has(key)) continue;
    seen.add(key);
    let copy = added.get(topic);
    if (!copy) {
      copy = { ...base, en: { ...base.en, questions: [...base.en.questions] }, fr: { ...base.fr, questions: [...base.fr.questions] }, zh: { ...base.zh, questions: [...base.zh.questions] } };
      added.set(topic, copy);
    }
    copy[lang].questions.push(text);
  }
  const oos: OutOfScopeExamples = { ...outOfScope };
  const oosSeen = new Set(Object.entries(outOfScope).flatMap(([lang, texts]) => (Array.isArray(texts) ? texts.map((t) => `${lang}\u0000${wordingKey(t)}`) : [])));
  for (const { lang, text } of overlay.outOfScope) {
    const key = `${lang}\u0000${wordingKey(text)}`;
    if (oosSeen.has(key)) continue;
    oosSeen.add(key);
    oos[lang] = [...(oos[lang] ?? []), text];
  }
  return { entries: entries.map((e) => added.get(e.id) ?? e), outOfScope: oos };
}
