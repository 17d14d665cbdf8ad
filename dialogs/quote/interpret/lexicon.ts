import { foldText } from '../../../knowledge/nlu/index.js';
import { normalizeInput, stripEndPunctuation } from '../../validators/index.js';

/**
 * The bot's own button and menu titles, in every language, so a title sent again (a double tap,
 * a button pressed twice) is recognised as a repeat and never stored in a free-text slot. Built
 * once by the dialog layer from the locale files; here only folded strings.
 */
export interface Lexicon {
  /** Folded title → which kind of button it is ("kind", "menu", "summary", "value"…). */
  titles: ReadonlyMap<string, string>;
  /**
   * Folded words of each field's label in every language ("address", "adresse", "地址"): a
   * question that names the field asked ("is this my address or the customer's?") is about the
   * field, and gets its explanation rather than an FAQ answer on the same word.
   */
  fieldWords?: ReadonlyMap<string, readonly string[]>;
}

export const lexiconKey = (text: string): string => foldText(stripEndPunctuation(normalizeInput(text)));

const HAN = /\p{Script=Han}/u;

/** Words of a label worth matching: Latin words of 3+ letters, Chinese pairs. */
function labelWords(label: string, ignore: ReadonlySet<string>): string[] {
  const folded = lexiconKey(label);
  const latin = (folded.match(/[\p{L}]{3,}/gu) ?? []).filter((w) => !HAN.test(w) && !ignore.has(w));
  const han = [...folded.matchAll(/\p{Script=Han}+/gu)].flatMap((m) => {
    const run = m[0];
    return run.length <= 2 ? [run] : [...run].slice(0, -1).map((_, i) => run.slice(i, i + 2));
  });
  return [...latin, ...han.filter((w) => !ignore.has(w))];
}

export function buildLexicon(
  entries: Iterable<[title: string, what: string]>,
  labels: Iterable<[slot: string, label: string]> = [],
  ignore: ReadonlySet<string> = new Set(),
  synonyms: Iterable<[slot: string, words: readonly string[]]> = [],
): Lexicon {
  const titles = new Map<string, string>();
  for (const [title, what] of entries) {
    const key = lexiconKey(title);
    if (key && !titles.has(key)) titles.set(key, what);
  }
  const fieldWords = new Map<string, string[]>();
  for (const [slot, label] of labels) fieldWords.set(slot, [...new Set([...(fieldWords.get(slot) ?? []), ...labelWords(label, ignore)])]);
  for (const [slot, words] of synonyms) fieldWords.set(slot, [...new Set([...(fieldWords.get(slot) ?? []), ...words.map(lexiconKey)])]);
  return { titles, fieldWords };
}

/** How many words of the field's label (and synonyms) the text holds: 0 when it does not name the field. */
export function fieldScore(lexicon: Lexicon, slot: string, text: string): number {
  const words = lexicon.fieldWords?.get(slot);
  if (!words?.length) return 0;
  const folded = lexiconKey(text);
  return words.filter((w) => (HAN.test(w) ? folded.includes(w) : labelWordPattern(w).test(folded))).length;
}

/**
 * A label word with a plural ending at most ("adresses", "contacts"): "finalement" does not name
 * "utilisateur final". Compiled once per word (the words are the labels': a few hundred), not on
 * every call: every slot of a form turn asked it, a few percent of a quote turn's CPU.
 */
const labelWordPatterns = new Map<string, RegExp>();
function labelWordPattern(word: string): RegExp {
  let pattern = labelWordPatterns.get(word);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\p{L}{0,2}(?![\\p{L}])`, 'u');
    labelWordPatterns.set(word, pattern);
  }
  return pattern;
}

/** Whether the text names the field `slot` by a word of its label. */
export const namesField = (lexicon: Lexicon, slot: string, text: string): boolean => fieldScore(lexicon, slot, text) > 0;

/** What the whole message is, if it is one of the bot's titles. */
export const titleOf = (lexicon: Lexicon, text: string): string | undefined => lexicon.titles.get(lexiconKey(text));
