import { readFileSync } from 'node:fs';
import { fromRoot } from '../bot/paths.js';
import { decideFromRanking, DEFAULT_THRESHOLDS, DEFAULT_TUNING, type FaqThresholds, type Ranking, type RankTuning } from './faqDecision.js';
import type { FaqEntry } from './faqSchema.js';
import { LANGS, type Lang } from './lang.js';
import { TextAnalyzer, type TermBag, type TokenHooks } from './search/analyzer.js';
import { Bm25Index, type FieldedDoc } from './search/bm25.js';
import { TypoCorrector } from './search/typo.js';
import { QueryVector, sparseVector, TermIds, type SparseVector } from './search/vectors.js';

export type { FaqCandidate, FaqDecision } from './faqDecision.js';
import type { FaqCandidate, FaqDecision } from './faqDecision.js';

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

export type OutOfScopeExamples = Partial<Record<Lang, string[]>>;

export interface FaqEngineOptions {
  thresholds?: Partial<FaqThresholds>;
  tuning?: Partial<RankTuning>;
  /** Questions the bot must decline; defaults to knowledge/faq-data/out-of-scope.json. */
  outOfScope?: OutOfScopeExamples;
  analyzer?: TextAnalyzer;
}

/** Field weights: example questions say how people ask; the answer only hints at vocabulary. */
const FIELD_WEIGHTS = { questions: 1, title: 1.5, answer: 0.25 };
/** The second-best example of a topic counts a little, so one lucky example cannot decide alone. */
const SECOND_NEAREST_SHARE = 0.25;
/** idf from which a word counts as distinctive (found in at most about a quarter of the topics). */
const STRONG_IDF = 1.2;

interface TopicIndex {
  entry: FaqEntry;
  questions: SparseVector[];
  vocabulary: Set<string>;
}

export function loadOutOfScopeExamples(): OutOfScopeExamples {
  return JSON.parse(readFileSync(fromRoot('knowledge', 'faq-data', 'out-of-scope.json'), 'utf8')) as OutOfScopeExamples;
}

export function createFaqEngine(entries: FaqEntry[], options: FaqEngineOptions = {}): RankingFaqEngine {
  const thresholds: FaqThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const tuning: RankTuning = { ...DEFAULT_TUNING, ...options.tuning };
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

  const idf = (term: string): number => index.idf(term) * (index.has(term) ? 1 : tuning.unknownIdfFactor);
  const termIds = new TermIds();
  const topics: TopicIndex[] = entries.map((entry, i) => ({
    entry,
    // Titles are phrased like questions too, so they join the examples for the nearest match.
    questions: [...questionBags[i]!, ...LANGS.map((l) => analyzer.analyze(entry[l].title, l))].map((bag) =>
      sparseVector(bag, idf, termIds),
    ),
    vocabulary: new Set(docs[i]!.fields.flatMap((f) => [...f.bag.keys()])),
  }));
  const oosVectors = oosBags.map((bag) => sparseVector(bag, idf, termIds));
  const queryVector = new QueryVector(termIds);
  const typos = new TypoCorrector(surfaces);
  const fix: TokenHooks = { fix: (bare) => (surfaces.has(bare) ? undefined : typos.correct(bare)) };
  const byId = new Map<string, FaqEntry>(entries.map((entry) => [entry.id, entry]));

  function rank(text: string, lang: Lang): Ranking {
    const weights = new Map<string, number>();
    for (const [term, tf] of analyzer.analyze(text, lang, fix)) {
      const w = tf * idf(term);
      if (w > 0) weights.set(term, w);
    }
    const query = { weights };
    const nearest = new Map<string, number>();
    if (weights.size === 0) return { ranked: [], oos: 0, nearest, knownShare: 0, strongCoverage: new Map() };
    queryVector.load(weights);
    const bm25 = index.top(query.weights, tuning.rerankDepth, topics.length);
    // BM25 divided by the query's own idf mass gives an absolute (not rank-relative) signal.
    let queryMass = 0;
    for (const w of query.weights.values()) queryMass += w;
    // Share of the question the knowledge base knows at all, unknown words at their full idf.
    let known = 0;
    let all = 0;
    for (const [term, tf] of query.weights) {
      const full = index.has(term) ? tf : tf / tuning.unknownIdfFactor;
      all += full;
      if (index.has(term)) known += tf;
    }
    // Distinctive words (rare across topics, or unknown): an answer should cover most of them,
    // not ride on one shared rare word ("changer la couleur du thème" ≠ "Apply Changes").
    const strongTerms = [...query.weights.keys()].filter((t) => !t.startsWith('~') && index.idf(t) >= STRONG_IDF);
    const strongCount = strongTerms.length;
    const strongCoverage = new Map<string, number>();
    const ranked = bm25.map(([doc, score]) => {
      const topic = topics[doc]!;
      let best = 0;
      let second = 0;
      for (const q of topic.questions) {
        const sim = queryVector.cosine(q);
        if (sim > best) {
          second = best;
          best = sim;
        } else if (sim > second) second = sim;
      }
      const near = (1 - SECOND_NEAREST_SHARE) * best + SECOND_NEAREST_SHARE * second;
      let covered = 0;
      for (const [term, w] of query.weights) if (topic.vocabulary.has(term)) covered += w;
      nearest.set(topic.entry.id, best);
      let strongHits = 0;
      for (const term of strongTerms) if (topic.vocabulary.has(term)) strongHits++;
      strongCoverage.set(topic.entry.id, strongCount === 0 ? 1 : strongHits / strongCount);
      const blended = tuning.nearest * near + tuning.coverage * (covered / queryMass) + tuning.bm25 * Math.min(1, score / queryMass);
      return { id: topic.entry.id, score: round(blended) };
    });
    ranked.sort((a, b) => b.score - a.score);
    let oos = 0;
    for (const v of oosVectors) oos = Math.max(oos, queryVector.cosine(v));
    queryVector.clear();
    return { ranked, oos, nearest, knownShare: all > 0 ? known / all : 0, strongCoverage };
  }

  function decide(text: string, lang: Lang): FaqDecision {
    return decideFromRanking(rank(text, lang), thresholds);
  }

  return {
    decide,
    rank,
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
