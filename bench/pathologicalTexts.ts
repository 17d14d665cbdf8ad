/**
 * Texts built to hit the worst case of a pattern or a model: long runs of one character class
 * (every quantifier retried from every position), separators that almost form a number, a SEN,
 * an email, a date or a site URL but never quite do. Used by the pathological benchmark
 * (bench/pathological.ts) and by the tests that feed them to every validator and detector.
 */
export type PathologicalText = (length: number) => string;

const times = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

export const PATHOLOGICAL: Record<string, PathologicalText> = {
  letters: (n) => 'a'.repeat(n),
  digits: (n) => '1'.repeat(n),
  dashes: (n) => '-'.repeat(n),
  sen: (n) => times('SEN-', n),
  senDigits: (n) => times('SEN-1234567 ', n),
  ats: (n) => times('a@', n),
  almostEmails: (n) => times('a@a.', n),
  dots: (n) => times('a.', n),
  spaces: (n) => `${' '.repeat(n - 1)}x`,
  digitsAndSpaces: (n) => times('1 ', n),
  thousands: (n) => times('1,000', n),
  digitGroups: (n) => times('123 ', n),
  dottedDigits: (n) => times('1.', n),
  dates: (n) => times('2027-03-15 ', n),
  monthWords: (n) => times('fin juin 2027 mars ', n),
  dollars: (n) => times('$1', n),
  kilos: (n) => times('1k', n),
  siteUrls: (n) => times('.atlassian.net', n),
  references: (n) => times('QR-', n),
  elisions: (n) => times("l'", n),
  apostropheDashes: (n) => times("'-", n),
  wordDashes: (n) => `a${'-'.repeat(n - 2)}b`,
  punctuation: (n) => `${'!'.repeat(n - 1)}x`,
  han: (n) => '中'.repeat(n),
  latinHan: (n) => times('a中', n),
  accents: (n) => 'é'.repeat(n),
  emoji: (n) => times('😀', n),
  noBreakSpaces: (n) => '\u00a0'.repeat(n),
  frenchWords: (n) => times('je voudrais un devis pour deux mille utilisateurs ', n),
  commandWords: (n) => times('users about to ', n),
};
