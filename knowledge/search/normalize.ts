/** Text folding shared by every analyser, so index and query see the same characters. */

/** NFKC folds full-width letters, digits and punctuation to half-width (Ａ→A, ，→,); then lower-case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`´]/g, "'");
}

/** Removes diacritics (é→e, ç→c); Han characters have no decomposition so they pass through. */
export function foldAccents(word: string): string {
  // Most words are plain ASCII, which NFD leaves alone: the test is far cheaper than NFD and
  // the two replaces, which ran for every word of a question several times (7 % of its time).
  if (ASCII.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

const ASCII = /^[\x00-\x7f]*$/;

export type Run = { script: 'han' | 'latin'; text: string };

// Han characters are letters too, so a Latin letter is "a letter or digit that is not Han".
const LATIN = String.raw`(?:(?!\p{Script=Han})[\p{L}\p{N}])`;
const RUN = new RegExp(String.raw`(\p{Script=Han}+)|(${LATIN}+(?:['.\-]${LATIN}+)*)`, 'gu');

/** Splits mixed text into Han runs and Latin/digit runs, in order, so each gets its own analyser. */
export function splitRuns(text: string): Run[] {
  const runs: Run[] = [];
  for (const match of text.matchAll(RUN)) {
    if (match[1]) runs.push({ script: 'han', text: match[1] });
    else if (match[2]) runs.push({ script: 'latin', text: match[2] });
  }
  return runs;
}
