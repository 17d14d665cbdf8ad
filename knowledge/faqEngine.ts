import { readFileSync } from 'node:fs';
import { fromRoot } from '../bot/paths.js';
import { DEFAULT_THRESHOLDS, type FaqThresholds } from './faqDecision.js';
import type { FaqEntry } from './faqSchema.js';
import { LANGS, type Lang } from './lang.js';
import { TextAnalyzer, type TermBag, type TokenHooks } from './search/analyzer.js';
import { Bm25Index, type FieldedDoc } from './search/bm25.js';
import { TypoCorrector } from './search/typo.js';
import { cosine, weigh, type WeightedVector } from './search/vectors.js';

export interface FaqCandidate { id: string; score: number }
export type FaqDecision =
  | { kind: 'answer'; id: string; candidates: FaqCandidate[] }
  | { kind: 'clarify'; candidates: FaqCandidate[] }
  | { kind: 'none'; candidates: FaqCandidate[] };

export interface FaqEngine {
  decide(text: string, lang: Lang): FaqDecision;
  entry(id: string): FaqEntry | undefined;
  entries(): readonly FaqEntry[];
  search(text: string, lang: Lang, limit?: number): FaqCandidate[];
}

export type OutOfScopeExamples = Partial<Record<Lang, string[]>>;

export interface FaqEngineOptions {
  thresholds?: Partial<FaqThresholds>;
  /** Questions the bot must decline; defaults to knowledge/faq-data/out-of-scope.json. */
  outOfScope?: OutOfScopeExamples;
  analyzer?: TextAnalyzer;
}

/** Field weights: example questions say how people ask; the answer only hints at vocabulary. */
const FIELD_WEIGHTS = { questions: 1, title: 1.5, answer: 0.25 };
/** Topics re-ranked with the fine (per example question) similarity after the BM25 pass. */
const RERANK_DEPTH = 8;
/** Unknown words still count against a match, but names (Ingram, Texas) must not sink it. */
const UNKNOWN_IDF_FACTOR = 0.35;
/** Blend of nearest example question, topic coverage and BM25 rank. */
const BLEND = { nearest: 0.6, coverage: 0.25, bm25: 0.15 };

interface TopicIndex {
  entry: FaqEntry;
  questions: WeightedVector[];
  vocabulary: Set<string>;
}

export function loadOutOfScopeExamples(): OutOfScopeExamples {
  return JSON.parse(readFileSync(fromRoot('knowledge', 'faq-data', 'out-of-scope.json'), 'utf8')) as OutOfScopeExamples;
}

export function createFaqEngine(entries: FaqEntry[], options: FaqEngineOptions = {}): FaqEngine {
  const thresholds: FaqThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const analyzer = options.analyzer ?? new TextAnalyzer();
  const outOfScope = options.outOfScope ?? loadOutOfScopeExamples();
  const surfaces = new Set<string>();
  const collect: TokenHooks = { collect: (bare) => surfaces.add(bare) };

  const questionBags: TermBag[][] = [];
  const docs: FieldedDoc[] = entries.map((entry) => {
    const bags = LANGS.flatMap((lang) => entry[lang].questions.map((q) => analyzer.analyze(q, lang, collect)));
    questionBags.push(bags);
    return {
      fields: [
        { bag: merge(bags), weight: FIELD_WEIGHTS.questions },
        { bag: merge(LANGS.map((l) => analyzer.analyze(entry[l].title, l, collect))), weight: FIELD_WEIGHTS.title },
        { bag: merge(LANGS.map((l) => analyzer.analyze(entry[l].answer, l))), weight: FIELD_WEIGHTS.answer },
      ],
    };
  });
  // Out-of-scope examples form one extra document: they lower the weight of words that are
  // everywhere (Jira, Confluence, comment, 怎么) and give declines a nearest neighbour.
  const oosBags = LANGS.flatMap((lang) => (outOfScope[lang] ?? []).map((q) => analyzer.analyze(q, lang, collect)));
  const index = new Bm25Index([...docs, { fields: [{ bag: merge(oosBags), weight: FIELD_WEIGHTS.questions }] }]);

  const idf = (term: string): number => index.idf(term) * (index.has(term) ? 1 : UNKNOWN_IDF_FACTOR);
  const topics: TopicIndex[] = entries.map((entry, i) => ({
    entry,
    questions: questionBags[i]!.map((bag) => weigh(bag, idf)),
    vocabulary: new Set(docs[i]!.fields.flatMap((f) => [...f.bag.keys()])),
  }));
  const oosVectors = oosBags.map((bag) => weigh(bag, idf));
  const typos = new TypoCorrector(surfaces);
  const fix: TokenHooks = { fix: (bare) => (surfaces.has(bare) ? undefined : typos.correct(bare)) };
  const byId = new Map<string, FaqEntry>(entries.map((entry) => [entry.id, entry]));

  function rank(text: string, lang: Lang): { ranked: FaqCandidate[]; oos: number; nearest: Map<string, number> } {
    const query = weigh(analyzer.analyze(text, lang, fix), idf);
    const nearest = new Map<string, number>();
    if (query.norm === 0) return { ranked: [], oos: 0, nearest };
    const bm25 = [...index.score(query.weights).entries()].filter(([doc]) => doc < topics.length);
    bm25.sort((a, b) => b[1] - a[1]);
    const top = bm25.slice(0, RERANK_DEPTH);
    const best = top[0]?.[1] ?? 1;
    const ranked = top.map(([doc, score]) => {
      const topic = topics[doc]!;
      let near = 0;
      for (const q of topic.questions) near = Math.max(near, cosine(query, q));
      let covered = 0;
      let total = 0;
      for (const [term, w] of query.weights) {
        total += w;
        if (topic.vocabulary.has(term)) covered += w;
      }
      nearest.set(topic.entry.id, near);
      const blended = BLEND.nearest * near + BLEND.coverage * (covered / total) + BLEND.bm25 * (score / best);
      return { id: topic.entry.id, score: round(blended) };
    });
    ranked.sort((a, b) => b.score - a.score);
    let oos = 0;
    for (const v of oosVectors) oos = Math.max(oos, cosine(query, v));
    return { ranked, oos, nearest };
  }

  function decide(text: string, lang: Lang): FaqDecision {
    const { ranked, oos, nearest } = rank(text, lang);
    const first = ranked[0];
    if (!first) return { kind: 'none', candidates: [] };
    const candidates = ranked.slice(0, 3);
    if (oos > (nearest.get(first.id) ?? 0) + thresholds.outOfScopeLead) return { kind: 'none', candidates };
    const second = ranked[1]?.score ?? 0;
    if (first.score >= thresholds.answer && first.score - second >= thresholds.margin) {
      return { kind: 'answer', id: first.id, candidates };
    }
    if (first.score < thresholds.clarify) return { kind: 'none', candidates };
    const close = ranked.filter((c) => c.score >= first.score - thresholds.clarifyWindow).slice(0, 3);
    return { kind: 'clarify', candidates: close.length >= 2 ? close : ranked.slice(0, 2) };
  }

  return {
    decide,
    search: (text, lang, limit = 5) => rank(text, lang).ranked.slice(0, limit),
    entry: (id) => byId.get(id),
    entries: () => entries,
  };
}

function merge(bags: TermBag[]): TermBag {
  const out: TermBag = new Map();
  for (const bag of bags) for (const [term, tf] of bag) out.set(term, (out.get(term) ?? 0) + tf);
  return out;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
