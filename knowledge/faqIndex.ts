import type { RankTuning } from './faqDecision.js';
import type { FacetDimension, FaqEntry } from './faqSchema.js';
import { LANGS, type Lang } from './lang.js';
import type { AnalysisCache } from './search/analysisCache.js';
import type { TermBag, TextAnalyzer, TokenHooks } from './search/analyzer.js';
import { Bm25Index, type FieldedDoc } from './search/bm25.js';
import { ExampleMatrix } from './search/exampleMatrix.js';
import { TypoCorrector } from './search/typo.js';
import { TermIds } from './search/vectors.js';

export type OutOfScopeExamples = Partial<Record<Lang, string[]>>;

/** Field weights: example questions say how people ask; the answer only hints at vocabulary. */
const FIELD_WEIGHTS = { questions: 1, title: 1.5, answer: 0.25 };

/** A topic's declared facets: dimension → accepted values. */
export type TopicFacets = ReadonlyMap<FacetDimension, ReadonlySet<string>>;

/** Everything a query needs, and nothing else: build-time bags are dropped once this exists. */
export interface FaqIndex {
  /** Topics are documents 0..n-1; document n gathers the out-of-scope examples. */
  bm25: Bm25Index;
  /** Group i = example questions + titles of topic i. */
  examples: ExampleMatrix;
  /** One group: the out-of-scope examples. */
  outOfScope: ExampleMatrix;
  termIds: TermIds;
  /** The same examples as character n-grams (typos, franglais, unsegmented Chinese). */
  gramExamples: ExampleMatrix;
  gramOutOfScope: ExampleMatrix;
  gramIds: TermIds;
  gramIdf: (gram: string) => number;
  facets: TopicFacets[];
  /** Query-time hook: corrects a surface word unknown to the index (Damerau distance 1). */
  fix: TokenHooks;
  /** idf used for query and example weights (unknown words discounted). */
  idf: (term: string) => number;
}

export function buildFaqIndex(
  entries: readonly FaqEntry[],
  outOfScope: OutOfScopeExamples,
  analyzer: TextAnalyzer,
  tuning: RankTuning,
  /** The analysis of texts seen before (see analysisCache.ts): same bags, same vocabulary, same order. */
  cache?: AnalysisCache,
): FaqIndex {
  const surfaces = new Set<string>();
  const collect: TokenHooks = { collect: (bare) => surfaces.add(bare) };
  const analyze = (text: string, lang: Lang, hooks?: TokenHooks): TermBag =>
    cache ? cache.analyze(analyzer, text, lang, hooks) : analyzer.analyze(text, lang, hooks);
  const grams = (text: string): TermBag => (cache ? cache.grams(analyzer, text) : analyzer.grams(text));
  const analyzeAll = (texts: readonly string[], lang: Lang, hooks?: TokenHooks): TermBag[] =>
    texts.map((text) => analyze(text, lang, hooks));

  const exampleBags: TermBag[][] = [];
  const gramBags: TermBag[][] = [];
  const docs: FieldedDoc[] = entries.map((entry) => {
    const questions = LANGS.flatMap((lang) => analyzeAll(entry[lang].questions, lang, collect));
    const titles = LANGS.map((lang) => analyze(entry[lang].title, lang, collect));
    // Titles are phrased like questions too, so they join the examples for the nearest match.
    exampleBags.push([...questions, ...titles]);
    gramBags.push(LANGS.flatMap((lang) => [...entry[lang].questions, entry[lang].title].map((q) => grams(q))));
    return {
      fields: [
        { bag: merge(questions), weight: FIELD_WEIGHTS.questions },
        { bag: merge(titles), weight: FIELD_WEIGHTS.title },
        { bag: merge(LANGS.map((lang) => analyze(entry[lang].answer, lang))), weight: FIELD_WEIGHTS.answer },
      ],
    };
  });
  // Out-of-scope examples form one extra document: they lower the weight of words that are
  // everywhere (Jira, Confluence, comment, 怎么) and give declines a nearest neighbour.
  const oosTexts = LANGS.flatMap((lang) => (outOfScope[lang] ?? []).map((text) => ({ text, lang })));
  const oosBags = oosTexts.map(({ text, lang }) => analyze(text, lang, collect));
  const oosGrams = oosTexts.map(({ text }) => grams(text));
  const bm25 = new Bm25Index([...docs, { fields: [{ bag: merge(oosBags), weight: FIELD_WEIGHTS.questions }] }]);

  // Glossary words are known words even when no example uses them: "liste" (of "liste de prix")
  // was "corrected" to the example word "listed", and the phrase never matched.
  for (const term of analyzer.latinGlossaryTerms()) for (const lang of ['fr', 'en'] as const) analyzer.tokens(term, lang, collect);
  const unknownIdf = bm25.unseenIdf() * tuning.unknownIdfFactor;
  const idf = (term: string): number => bm25.knownIdf(term) ?? unknownIdf;
  const termIds = new TermIds();
  const typos = new TypoCorrector(surfaces);

  // Gram idf over topics (plus the out-of-scope group): a gram found in every topic says nothing.
  const gramDf = new Map<string, number>();
  for (const group of [...gramBags, oosGrams]) {
    const seen = new Set<string>();
    for (const bag of group) for (const gram of bag.keys()) seen.add(gram);
    for (const gram of seen) gramDf.set(gram, (gramDf.get(gram) ?? 0) + 1);
  }
  const groups = gramBags.length + 1;
  const gramIdf = (gram: string): number => {
    const df = gramDf.get(gram);
    return df === undefined ? 0 : Math.log(1 + (groups - df + 0.5) / (df + 0.5));
  };
  const gramIds = new TermIds();

  return {
    bm25,
    examples: new ExampleMatrix(exampleBags, idf, termIds),
    outOfScope: new ExampleMatrix([oosBags], idf, termIds),
    termIds,
    gramExamples: new ExampleMatrix(gramBags, gramIdf, gramIds),
    gramOutOfScope: new ExampleMatrix([oosGrams], gramIdf, gramIds),
    gramIds,
    gramIdf,
    facets: entries.map((entry) => new Map(Object.entries(entry.facets ?? {}).map(([dim, values]) => [dim as FacetDimension, new Set(values)]))),
    fix: { fix: memoFix((bare) => (surfaces.has(bare) ? undefined : typos.correct(bare))) },
    idf,
  };
}

/**
 * Typo lookups remembered (bounded, like the stemmer caches): an unknown word costs one
 * deletion per letter and a map lookup each, and the same unknown words (names, chat words)
 * come back in question after question.
 */
function memoFix(fix: (bare: string) => string | undefined, max = 20_000): (bare: string) => string | undefined {
  const cache = new Map<string, string | null>();
  return (bare) => {
    let value = cache.get(bare);
    if (value === undefined) {
      value = fix(bare) ?? null;
      if (cache.size >= max) cache.clear();
      cache.set(bare, value);
    }
    return value ?? undefined;
  };
}

function merge(bags: readonly TermBag[]): TermBag {
  const out: TermBag = new Map();
  for (const bag of bags) for (const [term, tf] of bag) out.set(term, (out.get(term) ?? 0) + tf);
  return out;
}
