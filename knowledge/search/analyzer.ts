import type { Lang } from '../lang.js';
import { enBare, enStem } from './analyzeEn.js';
import { frBare, frStem } from './analyzeFr.js';
import { addZhWords, zhAnalyze } from './analyzeZh.js';
import { addCharGrams } from './charGrams.js';
import { splitClauses } from './clauses.js';
import { CONCEPT_PREFIX, GlossaryMatcher } from './glossary.js';
import { foldAccents, normalizeText, splitRuns } from './normalize.js';
import { loadLanguageResources, type LanguageResources } from './resources.js';

/** A bag of terms with weights (term frequency, bigrams counted lighter). */
export type TermBag = Map<string, number>;

/** Bigrams only back up jieba; a full word match must count more. */
const BIGRAM_WEIGHT = 0.3;

/** Hooks used while indexing (collect the surface vocabulary) and querying (fix typos). */
export interface TokenHooks {
  /** Returns a replacement for an unknown surface word, e.g. its typo correction. */
  fix?: (bare: string) => string | undefined;
  collect?: (bare: string) => void;
}

export interface Tokens {
  /** Stems and Chinese words in text order, before synonym replacement, stopwords included. */
  words: string[];
  /** Parallel to words: true for a stopword (dropped unless part of a glossary phrase). */
  stop: boolean[];
  bigrams: string[];
}

/** Turns fr/zh/en (and mixed) text into terms; one instance serves index and queries alike. */
export class TextAnalyzer {
  private readonly glossary: GlossaryMatcher;
  /** Concept token → [dimension, value] for facet concepts (§cloud → deployment, cloud). */
  private readonly facets = new Map<string, [string, string]>();
  /** Concept tokens that are context, not question (§product, §edition, §greeting). */
  private readonly neutral = new Set<string>();
  /** One-word neutral terms and stopwords, folded: character grams skip them. */
  private readonly gramSkip = new Set<string>();

  constructor(private readonly res: LanguageResources = loadLanguageResources()) {
    for (const concept of res.glossary) {
      const token = CONCEPT_PREFIX + concept.id;
      if (concept.facet) {
        const [dimension, value] = concept.facet.split(':');
        if (dimension && value) this.facets.set(token, [dimension, value]);
      }
      if (concept.neutral) {
        this.neutral.add(token);
        for (const term of Object.values(concept.terms).flat()) {
          if (term && !/\s/.test(term)) this.gramSkip.add(foldAccents(normalizeText(term)));
        }
      }
    }
    for (const lang of ['en', 'fr', 'zh'] as const) for (const word of res.stopwords[lang]) this.gramSkip.add(word);
    const zhTerms = res.glossary.flatMap((c) => c.terms.zh ?? []);
    addZhWords([...res.zhDomainWords, ...zhTerms]);
    // A glossary term is compiled with every analyser that could meet it: an English word may
    // appear in a French or Chinese question, so Latin terms get both the fr and the en stems.
    // Stopwords stay in the phrases ("how long", "my atlassian", "centre de données"): the
    // glossary runs before stopwords are dropped.
    this.glossary = new GlossaryMatcher(res.glossary, (term) => {
      const variants = /\p{Script=Han}/u.test(term)
        ? [this.tokens(term, 'zh').words]
        : [this.tokens(term, 'fr').words, this.tokens(term, 'en').words];
      return variants.filter((v) => v.length > 0);
    });
  }

  /** Word sequence of a text; Latin runs in zh text use the English analyser (product names, "license"). */
  tokens(text: string, lang: Lang, hooks: TokenHooks = {}): Tokens {
    const words: string[] = [];
    const stop: boolean[] = [];
    const bigrams: string[] = [];
    const latinLang: Lang = lang === 'fr' ? 'fr' : 'en';
    const latinStop = this.res.stopwords[latinLang];
    for (const run of splitRuns(normalizeText(text))) {
      if (run.script === 'han') {
        const zh = zhAnalyze(run.text, this.res.stopwords.zh);
        for (const word of zh.words) {
          words.push(word);
          stop.push(this.res.stopwords.zh.has(word));
        }
        bigrams.push(...zh.bigrams);
        continue;
      }
      const abbreviations = this.res.abbreviations[latinLang];
      for (const part of run.text.split(/[.\-]/)) {
        const first = latinLang === 'fr' ? frBare(part) : enBare(part);
        if (!first) continue;
        // "faut s'inscrire qqpart pr revendre" reads as "quelque part pour": chat abbreviations
        // would otherwise count as unknown words and sink a plain question.
        for (let bare of abbreviations.get(first) ?? [first]) {
          const isStop = latinStop.has(bare);
          if (!isStop) {
            hooks.collect?.(bare);
            bare = hooks.fix?.(bare) ?? bare;
          }
          words.push(latinLang === 'fr' ? frStem(bare) : enStem(bare));
          stop.push(isStop);
        }
      }
    }
    return { words, stop, bigrams };
  }

  /** Synonyms → concepts, numbers dropped (after the glossary had a chance at "net 30"). */
  finish(tokens: Tokens): TermBag {
    const bag: TermBag = new Map();
    for (const term of this.glossary.apply(tokens.words, tokens.stop)) {
      if (/^\d+$/.test(term)) continue;
      bag.set(term, (bag.get(term) ?? 0) + this.glossary.weight(term));
    }
    for (const bigram of tokens.bigrams) bag.set(bigram, (bag.get(bigram) ?? 0) + BIGRAM_WEIGHT);
    return bag;
  }

  analyze(text: string, lang: Lang, hooks?: TokenHooks): TermBag {
    return this.finish(this.tokens(text, lang, hooks));
  }

  /**
   * The language to analyse a Latin-script question with: an English question typed in a French
   * conversation ("refund policy for annual cloud subscriptions?") is stemmed as English when
   * English-only function words outnumber French-only ones, and the other way round.
   */
  latinLanguage(text: string, lang: Lang): Lang {
    if (lang === 'zh') return lang;
    let fr = 0;
    let en = 0;
    for (const run of splitRuns(normalizeText(text))) {
      if (run.script === 'han') return lang;
      for (const word of run.text.split(/[.\-]/)) {
        const inFr = this.res.stopwords.fr.has(frBare(word));
        const inEn = this.res.stopwords.en.has(enBare(word));
        if (inFr && !inEn) fr++;
        if (inEn && !inFr) en++;
      }
    }
    if (lang === 'fr' && en >= 2 && en > 2 * fr) return 'en';
    if (lang === 'en' && fr >= 2 && fr > 2 * en) return 'fr';
    return lang;
  }

  /** A question: each sentence analysed alone, weighted by whether it asks or gives context. */
  analyzeQuery(text: string, asked: Lang, hooks?: TokenHooks, contextWeight?: number): { terms: TermBag; grams: TermBag } {
    const lang = this.latinLanguage(text, asked);
    const clauses = splitClauses(text, contextWeight);
    if (clauses.length === 1) return { terms: this.analyze(text, lang, hooks), grams: this.grams(text) };
    const terms: TermBag = new Map();
    const grams: TermBag = new Map();
    for (const clause of clauses) {
      for (const [term, tf] of this.analyze(clause.text, lang, hooks)) terms.set(term, (terms.get(term) ?? 0) + tf * clause.weight);
      addCharGrams(grams, clause.text, (word) => this.gramSkip.has(word), clause.weight);
    }
    return { terms, grams };
  }

  /** Character n-grams of a text (see charGrams.ts), stopwords and product names left out. */
  grams(text: string): TermBag {
    const bag: TermBag = new Map();
    addCharGrams(bag, text, (word) => this.gramSkip.has(word));
    return bag;
  }

  /** Every Latin-script glossary term, for the vocabulary a typo may be corrected to (and never from). */
  latinGlossaryTerms(): string[] {
    return this.res.glossary.flatMap((c) => Object.values(c.terms).flat()).filter((t): t is string => !!t && !/\p{Script=Han}/u.test(t));
  }

  /** The facet a term stands for, if any. */
  facetOf(term: string): [string, string] | undefined {
    return this.facets.get(term);
  }

  /** Whether a term is context (product, edition, greeting) rather than part of the question. */
  isNeutral(term: string): boolean {
    return this.neutral.has(term);
  }
}
