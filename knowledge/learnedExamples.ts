import type { Lang } from './lang.js';
import type { TermBag, TextAnalyzer } from './search/analyzer.js';

/** A question an author decided on: an example of a topic, or (topic null) one to decline. */
export interface LearnedExample {
  topic: string | null;
  lang: Lang;
  text: string;
}

export interface LearnedMatch {
  example: LearnedExample;
  /** Mean of the word and character-gram cosines, in [0, 1]. */
  similarity: number;
}

/** A question whose topic is known (the shipped examples): what the threshold is calibrated on. */
export interface LabelledQuestion {
  lang: Lang;
  text: string;
  topic: string | null;
}

export interface LearnedCalibration {
  /** From this similarity on, a question is decided like its nearest learned example. */
  threshold: number;
  /** Labelled questions at or above the threshold whose nearest learned example had their topic, and not. */
  right: number;
  wrong: number;
}

type Vector = Map<string, number>;

interface Bags {
  words: Vector;
  grams: Vector;
}

/**
 * A capture must share this many content words (stems, concepts, Chinese words) with the learned
 * question: one rare word in common ("now", "link") makes a high cosine between two short
 * questions that have nothing else in common.
 */
const MIN_SHARED_WORDS = 2;
/** Never below this similarity, whatever the calibration: half the signal must be shared. */
const FLOOR = 0.5;
/** A wrong capture costs this many right ones (as for the "did you mean" threshold). */
const WRONG_COST = 2;
/** Questions handled between two yields to the event loop while building or calibrating. */
const SLICE = 200;

const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The shipped example questions, analysed once: document frequencies for the learned examples'
 * weights, and the labelled questions their threshold is calibrated on. The shipped knowledge
 * base does not change while the bot runs, so each overlay reuses it.
 */
export class LearnedCorpus {
  readonly questions: Array<LabelledQuestion & { bags: { words: TermBag; grams: TermBag } }> = [];
  readonly wordDf = new Map<string, number>();
  readonly gramDf = new Map<string, number>();

  private constructor(readonly analyzer: TextAnalyzer) {}

  /**
   * Analyses the questions a slice at a time, letting other work run in between: the bot keeps
   * answering while this runs (a second or two on a cold process for the 2,500 shipped examples).
   */
  static async build(analyzer: TextAnalyzer, labelled: readonly LabelledQuestion[]): Promise<LearnedCorpus> {
    const corpus = new LearnedCorpus(analyzer);
    for (const [i, q] of labelled.entries()) {
      if (i % SLICE === SLICE - 1) await yieldToOthers();
      const bags = corpus.analyze(q.text, q.lang);
      corpus.questions.push({ ...q, bags });
      count(bags, corpus.wordDf, corpus.gramDf);
    }
    return corpus;
  }

  /** Content words (neutral terms left out) and character grams of a question. */
  analyze(text: string, lang: Lang): { words: TermBag; grams: TermBag } {
    const { terms, grams } = this.analyzer.analyzeQuery(text, lang);
    const words: TermBag = new Map();
    for (const [term, tf] of terms) if (!this.analyzer.isNeutral(term)) words.set(term, tf);
    return { words, grams };
  }
}

/**
 * The questions authors decided on, as a nearest-neighbour index of their own: a new question
 * very close to one of them is that question asked again, in other words, and is decided the way
 * the author decided it. Kept apart from the shipped examples on purpose: among 30+ examples per
 * topic one more barely moves the engine's ranking, and its weight there is the ranking's; here
 * it is compared on its own, with its own threshold, calibrated on questions whose topic is known.
 *
 * Weights are tf-idf with document frequencies over the shipped example questions plus the
 * learned ones, so words every topic uses ("licence", "client") count for little and the words
 * that make a question its own count for much. Neutral terms (products, editions, greetings) are
 * left out: "Jira" in common does not make two questions the same. Glossary concepts are shared
 * by the three languages, so an English question an author accepted meets its French wording on
 * the concepts (the character grams stay within a script).
 */
export class LearnedExamples {
  readonly #rows: Array<{ example: LearnedExample; bags: Bags }>;
  /** Word → rows that have it: a question is compared only with the rows it shares words with. */
  readonly #postings = new Map<string, number[]>();
  readonly #wordDf: Map<string, number>;
  readonly #gramDf: Map<string, number>;
  readonly #docs: number;
  #threshold = Infinity;

  constructor(
    readonly examples: readonly LearnedExample[],
    private readonly corpus: LearnedCorpus,
  ) {
    this.#wordDf = new Map(corpus.wordDf);
    this.#gramDf = new Map(corpus.gramDf);
    const analysed = examples.map((example) => ({ example, raw: corpus.analyze(example.text, example.lang) }));
    for (const { raw } of analysed) count(raw, this.#wordDf, this.#gramDf);
    this.#docs = corpus.questions.length + examples.length;
    this.#rows = analysed.map(({ example, raw }) => ({ example, bags: this.#weigh(raw) }));
    this.#rows.forEach(({ bags }, row) => {
      for (const term of bags.words.keys()) this.#postings.set(term, [...(this.#postings.get(term) ?? []), row]);
    });
  }

  get size(): number {
    return this.#rows.length;
  }

  /** The similarity from which `match` captures a question (Infinity until calibrated). */
  get threshold(): number {
    return this.#threshold;
  }

  /** The `k` most similar learned examples sharing enough words, best first. */
  nearest(text: string, lang: Lang, k = 1): LearnedMatch[] {
    return this.#nearest(this.#weigh(this.corpus.analyze(text, lang)), k, lang);
  }

  /** The nearest learned example when it is close enough to decide the question, else undefined. */
  match(text: string, lang: Lang): LearnedMatch | undefined {
    if (this.#rows.length === 0) return undefined;
    const [best] = this.nearest(text, lang, 1);
    return best && best.similarity >= this.#threshold ? best : undefined;
  }

  /**
   * Sets the threshold from the shipped example questions, whose topic is known: each is matched
   * against the learned examples, and the threshold is where capturing from it on does the most
   * good (right captures minus WRONG_COST per wrong one), the lowest such similarity, never below
   * FLOOR. When none comes close to a learned example, it is FLOOR: an unusual wording takes
   * nothing from anyone.
   */
  async calibrate(): Promise<LearnedCalibration> {
    const probes: Array<{ similarity: number; right: boolean }> = [];
    for (const [i, q] of this.corpus.questions.entries()) {
      if (i % SLICE === SLICE - 1) await yieldToOthers();
      const [best] = this.#nearest(this.#weigh(q.bags), 1, q.lang);
      if (best && best.similarity >= FLOOR) probes.push({ similarity: best.similarity, right: best.example.topic === q.topic });
    }
    probes.sort((a, b) => b.similarity - a.similarity);
    // Above every probe: nothing captured among them, value 0.
    let chosen = { threshold: (probes[0]?.similarity ?? FLOOR) + 1e-9, value: 0, right: 0, wrong: 0 };
    let right = 0;
    let wrong = 0;
    for (const [i, p] of probes.entries()) {
      if (p.right) right++;
      else wrong++;
      if (probes[i + 1]?.similarity === p.similarity) continue;
      const value = right - WRONG_COST * wrong;
      if (value >= chosen.value) chosen = { threshold: p.similarity, value, right, wrong };
    }
    // Capturing every probe did the most good: capture down to the floor.
    if (chosen.right === right && chosen.wrong === wrong) chosen.threshold = FLOOR;
    this.#threshold = Math.max(FLOOR, chosen.threshold);
    return { threshold: this.#threshold, right: chosen.right, wrong: chosen.wrong };
  }

  #nearest(query: Bags, k: number, lang: Lang): LearnedMatch[] {
    const shared = new Map<number, number>();
    for (const term of query.words.keys()) for (const row of this.#postings.get(term) ?? []) shared.set(row, (shared.get(row) ?? 0) + 1);
    const out: LearnedMatch[] = [];
    for (const [row, n] of shared) {
      if (n < MIN_SHARED_WORDS) continue;
      const { example, bags } = this.#rows[row]!;
      const similarity = example.lang === lang ? (cosine(query.words, bags.words) + cosine(query.grams, bags.grams)) / 2 : cosine(query.words, bags.words);
      out.push({ example, similarity });
    }
    return out.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  #weigh({ words, grams }: { words: TermBag; grams: TermBag }): Bags {
    return { words: tfIdf(words, this.#wordDf, this.#docs), grams: tfIdf(grams, this.#gramDf, this.#docs) };
  }
}

function count(bags: { words: TermBag; grams: TermBag }, wordDf: Map<string, number>, gramDf: Map<string, number>): void {
  for (const term of bags.words.keys()) wordDf.set(term, (wordDf.get(term) ?? 0) + 1);
  for (const gram of bags.grams.keys()) gramDf.set(gram, (gramDf.get(gram) ?? 0) + 1);
}

/** Unit-length tf-idf; a term nobody in the corpus used counts as the rarest (it makes a match weaker). */
function tfIdf(bag: TermBag, df: ReadonlyMap<string, number>, docs: number): Vector {
  const out: Vector = new Map();
  let norm = 0;
  for (const [term, tf] of bag) {
    const weight = tf * Math.log(1 + docs / ((df.get(term) ?? 0) + 1));
    out.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [term, weight] of out) out.set(term, weight / norm);
  return out;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [term, w] of small) dot += w * (large.get(term) ?? 0);
  return dot;
}
