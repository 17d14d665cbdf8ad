import { readFileSync } from 'node:fs';
import { fromRoot } from '../../bot/paths.js';
import { readCheckedJson } from '../faqContent.js';
import type { Lang } from '../lang.js';

/** Language data lives in JSON next to the FAQ so it can be edited without touching code. */
export interface GlossaryConcept {
  id: string;
  terms: Partial<Record<Lang, string[]>>;
  /** How much one occurrence counts (default 1): raised for words that separate close topics. */
  weight?: number;
  /** `dimension:value` (deployment:cloud, lifecycle:renew…): what separates sibling topics. */
  facet?: string;
  /** Context rather than question (products, editions, greetings): weighs little, never "covered". */
  neutral?: boolean;
}

export interface LanguageResources {
  stopwords: Record<Lang, ReadonlySet<string>>;
  glossary: GlossaryConcept[];
  /** Extra words for jieba so domain terms (经销商, 支持权利编号) stay whole. */
  zhDomainWords: string[];
  /** Chat abbreviations per Latin language (bare form → words): "pr" → "pour", "u" → "you". */
  abbreviations: Record<'fr' | 'en', ReadonlyMap<string, string[]>>;
}

function readJson(path: string): unknown {
  return readCheckedJson(path, readFileSync(path, 'utf8'));
}

let cached: LanguageResources | undefined;

export function loadLanguageResources(): LanguageResources {
  if (cached) return cached;
  const stop = readJson(fromRoot('knowledge', 'stopwords.json')) as Record<Lang, string[]>;
  const glossary = (readJson(fromRoot('knowledge', 'glossary.json')) as { concepts: GlossaryConcept[] }).concepts;
  const zhDomainWords = readFileSync(fromRoot('knowledge', 'faq-data', 'zh-domain-words.txt'), 'utf8')
    .split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const abbr = readJson(fromRoot('knowledge', 'abbreviations.json')) as Record<'fr' | 'en', Record<string, string>>;
  const expand = (table: Record<string, string>) => new Map(Object.entries(table).map(([short, long]) => [short, long.split(' ')]));
  cached = {
    stopwords: { en: new Set(stop.en), fr: new Set(stop.fr), zh: new Set(stop.zh) },
    glossary,
    zhDomainWords,
    abbreviations: { fr: expand(abbr.fr), en: expand(abbr.en) },
  };
  return cached;
}
