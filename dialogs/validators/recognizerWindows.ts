import { dateWords, findAlias, foldText } from '../../knowledge/nlu/index.js';

/**
 * What the recognizers are allowed to read. recognizers-text 1.3.1 is neither linear nor cheap
 * on long or repetitive text (measured here with warm models): the number model took 5 s on
 * 20,000 digits, the Chinese yes/no model 1.3 s on "a中" × 400, and the French date model costs
 * 0.2–0.5 ms per character of any text. So no model ever reads a long text: each reads short
 * windows, chosen where what it looks for can be, and at most a fixed number of them.
 */

export interface TextWindow {
  /** Where the window starts in the caller's text: results are shifted back by this much. */
  start: number;
  text: string;
}

/** A place where a window may end: after a space or a Chinese punctuation mark. */
const BREAK = /[\s，。；：！？、]/u;
const ALNUM = /[\p{L}\p{N}]/u;

/** Where to cut `text` at or before `limit` (and after `min`): a break, else not inside a word. */
function cutBefore(text: string, min: number, limit: number): number {
  if (limit >= text.length) return text.length;
  for (let i = limit; i > min; i--) if (BREAK.test(text[i - 1] ?? '')) return i;
  for (let i = limit; i > min; i--) if (!(ALNUM.test(text[i - 1] ?? '') && ALNUM.test(text[i] ?? ''))) return i;
  return limit;
}

/** Consecutive windows of at most `size` characters over the first `budget` characters. */
export function leadingWindows(text: string, size: number, budget: number): TextWindow[] {
  const end = cutBefore(text, 0, Math.min(text.length, budget));
  const windows: TextWindow[] = [];
  for (let start = 0; start < end; ) {
    const stop = start + size >= end ? end : cutBefore(text, start + Math.floor(size / 2), start + size);
    windows.push({ start, text: text.slice(start, stop) });
    start = stop;
  }
  return windows;
}

/**
 * Digit runs longer than any count, amount or year, blanked (same length, so positions still
 * refer to the caller's text): the number model is quadratic on them.
 */
export function blankLongDigitRuns(text: string, longest = 15): string {
  let out = '';
  let from = 0;
  for (let i = 0; i <= text.length; ) {
    if (i < text.length && isDigit(text.charCodeAt(i))) {
      let j = i;
      while (j < text.length && isDigit(text.charCodeAt(j))) j++;
      if (j - i > longest) {
        out += text.slice(from, i) + ' '.repeat(j - i);
        from = j;
      }
      i = j;
    } else i++;
  }
  return from === 0 ? text : out + text.slice(from);
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** Dates written with digits (15/03/2027, 2027-03-15), then years alone. */
const NUMERIC_DATE = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/;
/** Date words that are a month or a calendar unit; the others ("date", "fin", "end of") are weaker. */
const GENERIC_CUES = new Set(['date', 'end of', 'fin', 'echeance', '日期']);

/**
 * Where a date most likely is in a long text: a numeric date, else a month ("juin", "6月"), else
 * a year, else another date word ("fin", "échéance"), else the start. One window of at most
 * `size` characters around it, a third before the cue ("le 15 mars", "fin juin") and the rest
 * after ("juin 2027"): the French date model costs ~0.5 ms per character of such text, so a
 * second window would double the worst turn. A text of up to `size` characters is read whole.
 */
export function dateWindow(text: string, size = 40): TextWindow {
  if (text.length <= size) return { start: 0, text };
  const folded = foldText(text);
  const cues = dateWords().cues;
  const words = [...cues.en, ...cues.fr, ...cues.zh];
  const first = (found: number[]) => (found.length > 0 ? Math.min(...found) : undefined);
  const at = (re: RegExp) => re.exec(text)?.index;
  const wordAt = (pick: (w: string) => boolean) => first(words.filter(pick).flatMap((w) => findAlias(folded, w).slice(0, 1).map((span) => span.start)));
  const cue =
    at(NUMERIC_DATE) ?? wordAt((w) => !GENERIC_CUES.has(w)) ?? at(YEAR) ?? wordAt((w) => GENERIC_CUES.has(w));
  if (cue === undefined) return leadingWindows(text, size, size)[0]!;
  let start = Math.max(0, cue - Math.floor(size / 3));
  while (start > 0 && start < cue && !BREAK.test(text[start - 1] ?? '')) start++;
  const stop = cutBefore(text, cue + 1, Math.min(text.length, start + size));
  return { start, text: text.slice(start, stop) };
}
