import { readFileSync } from 'node:fs';
import { fromRoot } from '../bot/paths.js';
import { readCheckedJson } from './faqContent.js';
import {
  decideFromRanking, loadDecisionModel,
  type DecisionModel, type FaqCandidate, type FaqDecision, type Ranking, type RankTuning, type TopicFeatures,
} from './faqDecision.js';
import { buildFaqIndex, type OutOfScopeExamples } from './faqIndex.js';
import type { FacetDimension, FaqEntry } from './faqSchema.js';
import { LANGS, type Lang } from './lang.js';
import type { AnalysisCache } from './search/analysisCache.js';
import { TextAnalyzer } from './search/analyzer.js';
import { DocSet } from './search/bm25.js';
import { QueryVector } from './search/vectors.js';

export type { FaqCandidate, FaqDecision } from './faqDecision.js';
export type { OutOfScopeExamples } from './faqIndex.js';

export interface FaqEngine {
  decide(text: string, lang: Lang): FaqDecision;
  /** Decides a short follow-up in the light of the question it follows (see rankFollowUp). */
  decideFollowUp(text: string, previous: string, lang: Lang): FaqDecision;
  entry(id: string): FaqEntry | undefined;
  entries(): readonly FaqEntry[];
  search(text: string, lang: Lang, limit?: number): FaqCandidate[];
}

/** The engine plus its raw ranking, for calibration and the advocate console. */
export interface RankingFaqEngine extends FaqEngine {
  rank(text: string, lang: Lang): Ranking;
  readonly model: DecisionModel;
}

export interface FaqEngineOptions {
  /** Decision model (weights, thresholds, ranking tuning); defaults to knowledge/faq-data/decision-model.json. */
  model?: DecisionModel;
  /** Overrides the model's ranking tuning (cross-validation tries alternatives). */
  tuning?: Partial<RankTuning>;
  /** Questions the bot must decline; defaults to knowledge/faq-data/out-of-scope.json. */
  outOfScope?: OutOfScopeExamples;
  /** Share one analyser (jieba dictionary, glossary) between engines; built on demand otherwise. */
  analyzer?: TextAnalyzer;
  /** Analysis of texts seen before (the shipped knowledge base, kept between starts). */
  analysisCache?: AnalysisCache;
}

/** Examples that vote for their topic: the most similar ones over all the ranked topics. */
const VOTE_K = 5;
/** How much the earlier question counts when a follow-up is read with it. */
const FOLLOW_UP_CONTEXT_WEIGHT = 0.8;
const NO_DOCS = new DocSet(new Int32Array(0));
/** idf from which a word counts as distinctive (found in at most about a quarter of the topics). */
const STRONG_IDF = 1.2;

export function loadOutOfScopeExamples(): OutOfScopeExamples {
  const path = fromRoot('knowledge', 'faq-data', 'out-of-scope.json');
  return readCheckedJson(path, readFileSync(path, 'utf8')) as OutOfScopeExamples;
}

export function createFaqEngine(entries: FaqEntry[], options: FaqEngineOptions = {}): RankingFaqEngine {
  const baseModel = options.model ?? loadDecisionModel();
  const tuning: RankTuning = { ...baseModel.tuning, ...options.tuning };
  const model: DecisionModel = { ...baseModel, tuning };
  const analyzer = options.analyzer ?? new TextAnalyzer();
  const index = buildFaqIndex(entries, options.outOfScope ?? loadOutOfScopeExamples(), analyzer, tuning, options.analysisCache);
  const { bm25, examples, idf } = index;
  const queryVector = new QueryVector(index.termIds);
  const gramVector = new QueryVector(index.gramIds);
  const byId = new Map<string, FaqEntry>(entries.map((entry) => [entry.id, entry]));

  function rank(text: string, lang: Lang): Ranking {
    return rankAnalyzed(analyzer.analyzeQuery(text, lang, index.fix, tuning.contextWeight), lang);
  }

  /**
   * A short follow-up ("and for cloud?", "et pour 12000 ?", "那Cloud呢") read with the question
   * it follows: the earlier question's words count, except those of a facet the follow-up names
   * again (its "cloud" replaces the earlier "Data Center").
   */
  function rankFollowUp(text: string, previous: string, lang: Lang): Ranking {
    const now = analyzer.analyzeQuery(text, lang, index.fix, tuning.contextWeight);
    const before = analyzer.analyzeQuery(previous, lang, index.fix, tuning.contextWeight);
    const named = new Set<string>();
    for (const term of now.terms.keys()) {
      const facet = analyzer.facetOf(term);
      if (facet) named.add(facet[0]);
    }
    const terms = new Map(now.terms);
    for (const [term, tf] of before.terms) {
      const facet = analyzer.facetOf(term);
      if (facet && named.has(facet[0])) continue;
      terms.set(term, (terms.get(term) ?? 0) + tf * FOLLOW_UP_CONTEXT_WEIGHT);
    }
    const grams = new Map(now.grams);
    for (const [gram, tf] of before.grams) grams.set(gram, (grams.get(gram) ?? 0) + tf * FOLLOW_UP_CONTEXT_WEIGHT * 0.5);
    return rankAnalyzed({ terms, grams }, lang);
  }

  function rankAnalyzed({ terms, grams }: { terms: ReadonlyMap<string, number>; grams: ReadonlyMap<string, number> }, lang: Lang): Ranking {
    const weights = new Map<string, number>();
    for (const [term, tf] of terms) {
      const w = tf * idf(term);
      if (w > 0) weights.set(term, w);
    }
    const features = new Map<string, TopicFeatures>();
    const empty: Ranking = { ranked: [], features, oos: 0, oosGram: 0, oosScore: 0, knownShare: 0, outOfScopeWords: 0, length: 0, lang };
    if (weights.size === 0) return empty;

    // queryMass: the question's own idf mass without neutral words (products, greetings), so
    // "Confluence Data Center 500 users" context does not make every topic look uncovered.
    // knownShare: the part of the question the knowledge base knows at all (unknown words discounted).
    let queryMass = 0;
    let known = 0;
    let all = 0;
    let length = 0;
    const strongTerms: DocSet[] = [];
    // The question's own words with the topics that contain them, looked up once: coverage and
    // strong hits test each of the ranked topics against every one of them.
    const coverTerms: { w: number; docs: DocSet }[] = [];
    const queryFacets = new Map<FacetDimension, Set<string>>();
    let outOfScopeWords = 0;
    for (const [term, w] of weights) {
      const facet = analyzer.facetOf(term);
      if (facet) {
        const values = queryFacets.get(facet[0] as FacetDimension) ?? new Set<string>();
        values.add(facet[1]);
        queryFacets.set(facet[0] as FacetDimension, values);
      }
      if (analyzer.isNeutral(term)) continue;
      length++;
      // Words seen only in out-of-scope examples point away from the FAQ.
      if (!term.startsWith('~') && bm25.has(term) && !bm25.hasBelow(term, entries.length)) outOfScopeWords++;
      queryMass += w;
      const isKnown = bm25.has(term);
      all += isKnown ? w : w / tuning.unknownIdfFactor;
      if (isKnown) known += w;
      const docs = bm25.docsOf(term);
      if (docs) coverTerms.push({ w, docs });
      if (!term.startsWith('~') && bm25.idf(term) >= STRONG_IDF) strongTerms.push(docs ?? NO_DOCS);
    }
    if (queryMass === 0) return empty;

    const gramWeights = new Map<string, number>();
    for (const [gram, tf] of grams) {
      const w = tf * index.gramIdf(gram);
      if (w > 0) gramWeights.set(gram, w);
    }
    queryVector.load(weights);
    gramVector.load(gramWeights);
    for (const matrix of [examples, index.outOfScope]) matrix.load(queryVector);
    for (const matrix of [index.gramExamples, index.gramOutOfScope]) matrix.load(gramVector);
    // The out-of-scope examples compete like one more topic (document n): a question closer to
    // "how do I paste the key in the admin console" than to any topic is declined.
    let oosScore = 0;
    let oosNearest: { words: number; grams: number } | undefined;
    const ranked: FaqCandidate[] = [];
    const neighbours: [number, string][] = [];
    for (const [doc, score] of bm25.top(weights, tuning.rerankDepth + 1)) {
      const isOos = doc === entries.length;
      const nearestWords = (isOos ? index.outOfScope : examples).nearestK(isOos ? 0 : doc, VOTE_K);
      const words = { best: nearestWords[0] ?? 0, second: nearestWords[1] ?? 0 };
      const chars = (isOos ? index.gramOutOfScope : index.gramExamples).nearest(isOos ? 0 : doc);
      if (isOos) oosNearest = { words: words.best, grams: chars.best };
      let covered = 0;
      for (const { w, docs } of coverTerms) if (docs.includesDoc(doc)) covered += w;
      let strongHits = 0;
      for (const docs of strongTerms) if (docs.includesDoc(doc)) strongHits++;
      const f: TopicFeatures = {
        near: blendNearest(words, tuning.secondShare),
        gram: blendNearest(chars, tuning.secondShare),
        coverage: covered / queryMass,
        bm25: Math.min(1, score / queryMass),
        facet: isOos ? 0 : facetAgreement(queryFacets, index.facets[doc]!),
        // An out-of-scope word plus a single shared word is how product how-tos look.
        strong: strongTerms.length === 0 ? 1 : outOfScopeWords > 0 && strongHits < 2 ? 0 : strongHits / strongTerms.length,
        vote: 0,
      };
      const blended = tuning.nearest * f.near + tuning.coverage * f.coverage + tuning.bm25 * f.bm25 + tuning.gram * f.gram + tuning.facet * f.facet;
      if (isOos) { oosScore = blended; continue; }
      if (ranked.length === tuning.rerankDepth) continue;
      const id = entries[doc]!.id;
      for (const sim of nearestWords) neighbours.push([sim, id]);
      features.set(id, f);
      ranked.push({ id, score: round(blended) });
    }
    ranked.sort((a, b) => b.score - a.score);
    // kNN vote: which topics the most similar examples overall belong to.
    neighbours.sort((a, b) => b[0] - a[0]);
    const voters = neighbours.slice(0, VOTE_K);
    for (const [id, f] of features) f.vote = voters.length === 0 ? 0 : voters.filter(([, topic]) => topic === id).length / voters.length;
    // Computed in the loop when the out-of-scope document was among the best; else here.
    const oos = oosNearest?.words ?? index.outOfScope.nearest(0).best;
    const oosGram = oosNearest?.grams ?? index.gramOutOfScope.nearest(0).best;
    queryVector.clear();
    gramVector.clear();
    return { ranked, features, oos, oosGram, oosScore: round(oosScore), knownShare: all > 0 ? known / all : 0, outOfScopeWords, length, lang };
  }

  // A question the knowledge base already has word for word (a seed page's own title) is that
  // topic's, whatever the blend says about its siblings.
  const verbatim = new Map<string, string | null>();
  for (const entry of entries) {
    for (const l of LANGS) {
      for (const q of [...entry[l].questions, entry[l].title]) {
        const key = verbatimKey(q);
        const seen = verbatim.get(key);
        verbatim.set(key, seen === undefined || seen === entry.id ? entry.id : null);
      }
    }
  }
  function decide(text: string, lang: Lang): FaqDecision {
    const ranking = rank(text, lang);
    const decision = decideFromRanking(ranking, model);
    const known = verbatim.get(verbatimKey(text));
    if (!known || (decision.kind === 'answer' && decision.id === known)) return decision;
    const first = ranking.ranked.find((c) => c.id === known) ?? { id: known, score: 1 };
    return { kind: 'answer', id: known, candidates: [first, ...ranking.ranked.filter((c) => c.id !== known)].slice(0, 3), confidence: 1 };
  }

  return {
    decide,
    decideFollowUp: (text, previous, lang) => decideFromRanking(rankFollowUp(text, previous, lang), model),
    rank,
    model,
    search: (text, lang, limit = 5) => rank(text, lang).ranked.slice(0, limit),
    entry: (id) => byId.get(id),
    entries: () => entries,
  };
}

/** The second-best example of a topic counts too, so one lucky example cannot decide alone. */
function blendNearest({ best, second }: { best: number; second: number }, secondShare: number): number {
  return (1 - secondShare) * best + secondShare * second;
}

/**
 * Facet agreement in [-1, 1]: per dimension the question names, +1 when the topic accepts one of
 * its values, −1 when the topic excludes them all, 0 when the topic does not care; an excluded
 * deployment makes the whole agreement −1. Deployment
 * weighs most (a cloud question never wants a Data Center answer); actor least (most questions
 * name both the reseller and the customer).
 */
const FACET_WEIGHTS: Record<FacetDimension, number> = { deployment: 2, lifecycle: 1, object: 1, actor: 0.5 };

function facetAgreement(query: ReadonlyMap<FacetDimension, ReadonlySet<string>>, topic: ReadonlyMap<FacetDimension, ReadonlySet<string>>): number {
  let sum = 0;
  let total = 0;
  for (const [dimension, values] of query) {
    const weight = FACET_WEIGHTS[dimension];
    total += weight;
    const accepted = topic.get(dimension);
    if (!accepted) continue;
    const agrees = [...values].some((v) => accepted.has(v));
    // A Data Center question is never answered by a cloud-only topic, however many other
    // dimensions (renew, quote) the siblings share: a deployment the topic excludes is -1 outright.
    if (!agrees && dimension === 'deployment') return -1;
    sum += agrees ? weight : -weight;
  }
  return total === 0 ? 0 : sum / total;
}

function verbatimKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
