import { readFileSync } from 'node:fs';
import { fromRoot } from '../bot/paths.js';
import {
  decideFromRanking, DEFAULT_THRESHOLDS, DEFAULT_TUNING,
  type FaqCandidate, type FaqDecision, type FaqThresholds, type Ranking, type RankTuning,
} from './faqDecision.js';
import { readCheckedJson } from './faqContent.js';
import { buildFaqIndex, type OutOfScopeExamples } from './faqIndex.js';
import type { FaqEntry } from './faqSchema.js';
import type { Lang } from './lang.js';
import { TextAnalyzer } from './search/analyzer.js';
import { QueryVector } from './search/vectors.js';

export type { FaqCandidate, FaqDecision } from './faqDecision.js';
export type { OutOfScopeExamples } from './faqIndex.js';

export interface FaqEngine {
  decide(text: string, lang: Lang): FaqDecision;
  entry(id: string): FaqEntry | undefined;
  entries(): readonly FaqEntry[];
  search(text: string, lang: Lang, limit?: number): FaqCandidate[];
}

/** The engine plus its raw ranking, for calibration and the advocate console. */
export interface RankingFaqEngine extends FaqEngine {
  rank(text: string, lang: Lang): Ranking;
}

export interface FaqEngineOptions {
  thresholds?: Partial<FaqThresholds>;
  tuning?: Partial<RankTuning>;
  /** Questions the bot must decline; defaults to knowledge/faq-data/out-of-scope.json. */
  outOfScope?: OutOfScopeExamples;
  /** Share one analyser (jieba dictionary, glossary) between engines; built on demand otherwise. */
  analyzer?: TextAnalyzer;
}

/** The second-best example of a topic counts a little, so one lucky example cannot decide alone. */
const SECOND_NEAREST_SHARE = 0.25;
/** idf from which a word counts as distinctive (found in at most about a quarter of the topics). */
const STRONG_IDF = 1.2;

export function loadOutOfScopeExamples(): OutOfScopeExamples {
  const path = fromRoot('knowledge', 'faq-data', 'out-of-scope.json');
  return readCheckedJson(path, readFileSync(path, 'utf8')) as OutOfScopeExamples;
}

export function createFaqEngine(entries: FaqEntry[], options: FaqEngineOptions = {}): RankingFaqEngine {
  const thresholds: FaqThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const tuning: RankTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const analyzer = options.analyzer ?? new TextAnalyzer();
  const index = buildFaqIndex(entries, options.outOfScope ?? loadOutOfScopeExamples(), analyzer, tuning);
  const { bm25, examples, idf } = index;
  const queryVector = new QueryVector(index.termIds);
  const byId = new Map<string, FaqEntry>(entries.map((entry) => [entry.id, entry]));

  function rank(text: string, lang: Lang): Ranking {
    const weights = new Map<string, number>();
    for (const [term, tf] of analyzer.analyze(text, lang, index.fix)) {
      const w = tf * idf(term);
      if (w > 0) weights.set(term, w);
    }
    const nearest = new Map<string, number>();
    const strongCoverage = new Map<string, number>();
    if (weights.size === 0) return { ranked: [], oos: 0, nearest, knownShare: 0, strongCoverage };

    // BM25 divided by the query's own idf mass gives an absolute (not rank-relative) signal.
    // knownShare: the part of the question the knowledge base knows at all (unknown words at full idf).
    let queryMass = 0;
    let known = 0;
    let all = 0;
    const strongTerms: string[] = [];
    let outOfScopeWords = 0;
    for (const [term, w] of weights) {
      // Words seen only in out-of-scope examples (模板, sprint, workflow) point away from the FAQ.
      if (!term.startsWith('~') && bm25.has(term) && !bm25.hasBelow(term, entries.length)) outOfScopeWords++;
      queryMass += w;
      const isKnown = bm25.has(term);
      all += isKnown ? w : w / tuning.unknownIdfFactor;
      if (isKnown) known += w;
      // Distinctive words (rare across topics, or unknown): an answer should cover most of them,
      // not ride on one shared rare word ("changer la couleur du thème" ≠ "Apply Changes").
      if (!term.startsWith('~') && bm25.idf(term) >= STRONG_IDF) strongTerms.push(term);
    }

    queryVector.load(weights);
    const ranked = bm25.top(weights, tuning.rerankDepth, entries.length).map(([doc, score]) => {
      const id = entries[doc]!.id;
      const { best, second } = examples.nearest(queryVector, doc);
      let covered = 0;
      for (const [term, w] of weights) if (bm25.contains(term, doc)) covered += w;
      let strongHits = 0;
      for (const term of strongTerms) if (bm25.contains(term, doc)) strongHits++;
      nearest.set(id, best);
      // An out-of-scope word plus a single shared word is how product how-tos look
      // ("Confluence 模板 在哪里下载"): count such a topic as not covering the question.
      const coverage = strongTerms.length === 0 ? 1 : strongHits / strongTerms.length;
      strongCoverage.set(id, outOfScopeWords > 0 && strongHits < 2 ? 0 : coverage);
      const near = (1 - SECOND_NEAREST_SHARE) * best + SECOND_NEAREST_SHARE * second;
      const blended =
        tuning.nearest * near + tuning.coverage * (covered / queryMass) + tuning.bm25 * Math.min(1, score / queryMass);
      return { id, score: round(blended) };
    });
    ranked.sort((a, b) => b.score - a.score);
    const oos = index.outOfScope.nearest(queryVector, 0).best;
    queryVector.clear();
    return { ranked, oos, nearest, knownShare: all > 0 ? known / all : 0, strongCoverage };
  }

  return {
    decide: (text, lang) => decideFromRanking(rank(text, lang), thresholds),
    rank,
    search: (text, lang, limit = 5) => rank(text, lang).ranked.slice(0, limit),
    entry: (id) => byId.get(id),
    entries: () => entries,
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
