import choicePkg from '@microsoft/recognizers-text-choice';
import dateTimePkg from '@microsoft/recognizers-text-date-time';
import numberPkg from '@microsoft/recognizers-text-number';
import sequencePkg from '@microsoft/recognizers-text-sequence';
import { RegExpUtility, StringUtility, type ModelResult } from '@microsoft/recognizers-text';
import { CULTURE, type Lang } from '../../knowledge/lang.js';

/**
 * The four recognizer models the bot reads answers with (numbers, yes/no, dates, emails), each
 * built once per language on first use and kept. The suite's `recognizeNumber(text, culture)`
 * and friends construct a recognizer on every call, which re-registers every culture's model
 * factories and builds all the models of that culture (French numbers also built the ordinal
 * and percentage models, with their own copies of the largest patterns): a cost on every quote
 * turn and seconds at start-up for models nothing asks for. Same packages and versions as the
 * suite's, same options (none) and fallback to English.
 */

interface Model {
  parse(query: string, referenceDate?: Date): ModelResult[];
}

/**
 * The French number patterns that cost seconds: fractions in words ("deux tiers", "trois
 * cinquièmes", ~125,000 characters each once their sub-patterns are spelled out) and ordinals in
 * words ("vingt-deuxième", "prochain"; ~110,000 characters, sixteen copies in the date model).
 * V8 compiles each twice (bytecode on its first run, native code on its second), ~3 s per
 * compilation on this machine and ~40 MB of code once all are compiled — for texts that almost
 * never contain a fraction or an ordinal word. Every text they can match holds one of a few
 * words, read off the patterns (each ordinal ends in -ième or is premier, seconde, tiers or a
 * relative word such as prochain; each fraction needs an ordinal, demi, tiers or quart), so an
 * extractor runs them only on a text that holds one: the results are the same, and a text
 * without any such word never makes V8 compile them.
 */
const { FrenchNumeric } = numberPkg;
// Where a match can end: -ième (deuxième, centième, pénultième; "-ièmes" in a fraction) before a
// word boundary, or premier/première, seconde, tiers/tierce. "paiement" holds "ieme" but not at a
// word's end, so it does not count.
const ORDINAL_END = String.raw`i[eè]mes?\b|premi[eè]r|second|tier`;
// A fraction is demi/tiers/quart, or an ordinal after a number word and a space ("deux
// cinquièmes", "un dixième"; the last word of a French number is always a whole word): "la
// première année" is no fraction, and the fraction patterns are not run on it.
const NUMBER_WORD = String.raw`une?|deux|trois|quatre|cinq|six|sept|huit|neuf|z[ée]ro|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|octante|huitante|nonante|cents?|mille|millions?|milliards?|billions?`;
const FRACTION_WORDS = new RegExp(String.raw`\b(?:demi|tier|quart)|\b(?:${NUMBER_WORD})\s[\s\S]*?(?:${ORDINAL_END})`, 'i');
const ORDINAL_WORDS = new RegExp(String.raw`i[eè]me\b|premi[eè]r|second|tier(?:s|ce)\b|prochain|pr[eé]c[eé]dent|actuel|avant|derni[eè]r|suivant|courant`, 'i');
const GUARDED: Array<{ pattern: string; mayMatch: RegExp }> = [
  { pattern: FrenchNumeric.FractionNounRegex, mayMatch: FRACTION_WORDS },
  { pattern: FrenchNumeric.FractionNounWithArticleRegex, mayMatch: FRACTION_WORDS },
  { pattern: FrenchNumeric.OrdinalFrenchRegex, mayMatch: ORDINAL_WORDS },
];
/** Patterns above this size are checked against GUARDED (the next largest French one has 13,441 characters). */
const LARGE = 50_000;
const guardFor = new Map<string, RegExp>();
function guardOf(source: string): RegExp | undefined {
  if (guardFor.size === 0) for (const g of GUARDED) guardFor.set(RegExpUtility.getSafeRegExp(g.pattern).source, g.mayMatch);
  return guardFor.get(source);
}

interface Extractor {
  regexes: Array<{ regExp: RegExp }>;
  extract(source: string): unknown;
}

const isExtractor = (o: object): o is Extractor =>
  Array.isArray((o as Extractor).regexes) && typeof (o as Extractor).extract === 'function';

/**
 * Finds the extractors of `model` that hold a guarded pattern and makes each run its guarded
 * patterns only on a text that may match them (the extractor matches on the text with accents
 * at word edges removed, so that text is the one checked). A large pattern that is not one of
 * GUARDED is left alone.
 */
function guardLargePatterns(model: object): void {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node) || node instanceof RegExp) return;
    seen.add(node);
    if (isExtractor(node)) guardExtractor(node);
    const children = node instanceof Map ? [...node.keys(), ...node.values()] : Array.isArray(node) ? node : Object.values(node);
    for (const child of children) visit(child);
  };
  visit(model);
}

function guardExtractor(extractor: Extractor): void {
  const all = extractor.regexes;
  const guards = all.map((entry) => (entry.regExp instanceof RegExp && entry.regExp.source.length > LARGE ? guardOf(entry.regExp.source) : undefined));
  if (!guards.some(Boolean)) return;
  const extract = extractor.extract;
  extractor.extract = function guardedExtract(this: Extractor, source: string) {
    const read = typeof source === 'string' ? StringUtility.removeDiacriticsFromWordBoundaries(source) : '';
    const kept = all.filter((_, i) => guards[i]?.test(read) ?? true);
    // The patterns left out find nothing in this text; the extractor drops patterns without matches.
    this.regexes = kept;
    try {
      return extract.call(this, source);
    } finally {
      this.regexes = all;
    }
  };
}

const built = new Map<string, Model>();

function model(kind: 'number' | 'boolean' | 'date' | 'email', lang: Lang, build: (culture: string) => Model): Model {
  const key = `${kind}:${lang}`;
  let found = built.get(key);
  if (!found) {
    found = build(CULTURE[lang]);
    if (lang === 'fr') guardLargePatterns(found);
    built.set(key, found);
  }
  return found;
}

// Lazy recognizers (third argument): only the model asked for is built.
export const numberModel = (lang: Lang): Model =>
  model('number', lang, (culture) => new numberPkg.NumberRecognizer(culture, numberPkg.NumberOptions.None, true).getNumberModel(culture, true));

export const booleanModel = (lang: Lang): Model =>
  model('boolean', lang, (culture) => new choicePkg.ChoiceRecognizer(culture, choicePkg.ChoiceOptions.None, true).getBooleanModel(culture, true));

export const dateModel = (lang: Lang): Model =>
  model('date', lang, (culture) => new dateTimePkg.DateTimeRecognizer(culture, dateTimePkg.DateTimeOptions.None, true).getDateTimeModel(culture, true));

/** The email model is English-only in 1.3.1 (it reads addresses in any text). */
export const emailModel = (): Model =>
  model('email', 'en', (culture) => new sequencePkg.SequenceRecognizer(culture, sequencePkg.SequenceOptions.None, true).getEmailModel(culture, true));
