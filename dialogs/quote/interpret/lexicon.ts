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
}

export const lexiconKey = (text: string): string => foldText(stripEndPunctuation(normalizeInput(text)));

export function buildLexicon(entries: Iterable<[title: string, what: string]>): Lexicon {
  const titles = new Map<string, string>();
  for (const [title, what] of entries) {
    const key = lexiconKey(title);
    if (key && !titles.has(key)) titles.set(key, what);
  }
  return { titles };
}

/** What the whole message is, if it is one of the bot's titles. */
export const titleOf = (lexicon: Lexicon, text: string): string | undefined => lexicon.titles.get(lexiconKey(text));
