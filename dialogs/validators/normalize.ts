/**
 * Input clean-up done before any recognizer: full-width digits and letters to ASCII (NFKC),
 * every no-break or thin space to a plain space (recognizers-text reads "2\u00a0000" as 2 and 0),
 * runs of spaces collapsed.
 */
export function normalizeInput(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u202f\u2007\u2009\u3000]/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    // "我是 武汉光谷软件 的 何静": spaces around 的 between Chinese words join nothing apart.
    .replace(/(?<=\p{Script=Han}) ?的 ?(?=\p{Script=Han})/gu, '的')
    .trim();
}

// The end trim is only tried where a run of punctuation starts: tried at each of its
// characters, "!!!…!!!x" was rescanned to its end from every position (quadratic).
const LEADING_QUOTES = /^[\s"'«»“”「」]+/u;
const TRAILING_PUNCTUATION = /(?<![\s"'«»“”「」.!?,;:。！？，；：~])[\s"'«»“”「」.!?,;:。！？，；：~]+$/u;

/** The answer without surrounding quotes and end punctuation ("Oui !" → "Oui"). */
export function stripEndPunctuation(text: string): string {
  return text.replace(LEADING_QUOTES, '').replace(TRAILING_PUNCTUATION, '');
}
