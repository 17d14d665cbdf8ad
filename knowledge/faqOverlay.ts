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
}

export const EMPTY_OVERLAY: KbOverlay = { examples: [], outOfScope: [] };

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
