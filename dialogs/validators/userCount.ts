import type { Lang } from '../../knowledge/lang.js';
import { allLangs, blankSpans, dateWords, findAlias, foldText, numberWords, type Span } from '../../knowledge/nlu/index.js';
import { normalizeInput } from './normalize.js';
import { recognizeNumbers } from './recognizers.js';
import { findSens } from './sen.js';

/**
 * Numbers of users in free text, in the user's culture, with the measured gaps of
 * recognizers-text 1.3.1 covered first: SENs blanked (read as negative numbers), French
 * plural "cents" (read as 5), thousands written "2 000", "2\u00a0000", "2,000" or "2.000"
 * (fr reads "2,000" as 2), "1.5k".
 */

export interface CountCandidate {
  value: number;
  /** A unit word (users, utilisateurs, 用户, 人…) follows the number, or labels it ("用户数是120"). */
  withUnit: boolean;
  /** Which kind of unit was said: "users"/"utilisateurs"/"用户", or "agents"/"坐席" (JSM is priced per agent). */
  unit?: 'users' | 'agents';
  /** The unit word comes first, as a field label: "Users: 1200", "用户数是120个", "用户数改成 300", "user count is 120". */
  labelled: boolean;
  /** A target marker (to, à, 到…) comes just before it: "from 1000 to 2000". */
  afterTarget: boolean;
  /** A current marker (currently, actuellement, 目前…) comes just before it: what the customer has now, not the tier quoted. */
  current?: boolean;
  /** An approximate word (about, environ, 左右…) is next to it. */
  approximate: boolean;
  /**
   * Written with an article or pronoun only ("un client", "a customer", "one of our clients",
   * "一个客户", "一家公司"): never a user count unless a unit word follows it.
   */
  article: boolean;
  /** Part of a date ("2027年9月30日", "30 juin 2027", "April 30"): never a user count. */
  date: boolean;
  /** Where the number is in the prepared text (to tell which number comes before which). */
  start: number;
  end: number;
}

/**
 * At most four groups (a trillion): with an unbounded `(?:[ ,.']\d{3})+`, each "123" of
 * "123 123 123 …" started a match that ran to the end of the text (quadratic, seconds at the
 * tier prompt). Digit runs are likewise bounded and start where a run starts.
 */
const THOUSANDS = /(?<![\d.,])(\d{1,3})((?:[ ,.']\d{3}){1,4})(?![\d]|[.,]\d)/g;
const KILO = /(?<!\d)(\d{1,9})(?:[.,](\d{1,3}))?\s?k\b/gi;

/** Prepare text for recognizeNumber; the returned string is what positions refer to. */
/** "1. 客户：…", "2) …", "3、…": the number of a list item is no count. */
const LIST_MARKER = /(^|\n)([ \t]{0,8})(\d{1,2})([.)、．])(?=\s|\p{L})/gu;
/** Colloquial Chinese thousands: 一千五 = 1500, 两万五 = 25000 (the recognizer reads only 一千五百). */
const HAN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_COLLOQUIAL = /([一二两三四五六七八九])([千万])([一二三四五六七八九])(?![百十千万零〇\d])/gu;

/** The text without its list item numbers (on the text as typed: normalizeInput folds the line breaks they need). */
export const withoutListMarkers = (text: string): string =>
  text.replace(LIST_MARKER, (_m, start: string, pad: string, n: string, mark: string) => start + pad + ' '.repeat(n.length + mark.length));

export function prepareForNumbers(text: string, lang: Lang, blank: readonly Span[] = []): string {
  let s = blankSpans(normalizeInput(withoutListMarkers(text)), blank);
  s = blankSpans(s, findSens(s));
  s = s.replace(HAN_COLLOQUIAL, (_m, head: string, unit: string, tail: string) => {
    const size = unit === '千' ? 1000 : 10000;
    return String(HAN_DIGIT[head]! * size + HAN_DIGIT[tail]! * (size / 10));
  });
  // Thousands groups: "2 000", "2,000", "2.000", "2'000" → "2000" (user counts are integers).
  s = s.replace(THOUSANDS, (_m, head: string, rest: string) => head + rest.replace(/[ ,.']/g, ''));
  // "1.5k" / "1,5 k" → 1500: done here so every culture agrees.
  s = s.replace(KILO, (_m, int: string, frac: string | undefined) =>
    String(Math.round(Number(`${int}.${frac ?? '0'}`) * 1000)),
  );
  for (const { pattern, replace } of numberWords().replacements[lang]) s = foldText(s).replace(new RegExp(pattern, 'gu'), replace);
  return s;
}

/** A word of the list ends within [from, to]: searched in the whole text so word boundaries hold ("data" is not "a"). */
function near(folded: string, words: readonly string[], from: number, to: number): boolean {
  return words.some((w) => findAlias(folded, w).some((s) => s.end > from && s.end <= to + 1 && s.start >= from));
}

/** A number inside a date: 年/月/日/号 next to it, or a month name just before or after it. */
function isDatePart(folded: string, start: number, end: number, months: readonly string[]): boolean {
  const after = folded.slice(end, end + 12).trimStart();
  const before = folded.slice(Math.max(0, start - 12), start).trimEnd();
  if (/^[年月日号]/u.test(after) || /[年月]$/u.test(before)) return true;
  if (/^[/.-]\d|^\d/u.test(folded.slice(end, end + 2)) || /\d[/.-]$/u.test(folded.slice(Math.max(0, start - 2), start))) return true;
  const word = (s: string, at: 'start' | 'end') => months.some((m) => (at === 'start' ? new RegExp(`^${m}\\b`, 'u') : new RegExp(`\\b${m}$`, 'u')).test(s));
  return word(after, 'start') || word(before, 'end');
}

/**
 * What may stand between a unit word used as a label and its number: "Users: 1200", "用户数是120",
 * "用户数改成 300", "用户数量为2000", "用户数保持 500", "user count is 120", "number of users should be 300", "users stay at 500",
 * "nombre d'utilisateurs est de 120", "utilisateurs passe à 300".
 */
const UNIT_LABEL =
  /^\s*(?:数量?|人数|数目)?\s*(?:[:：=]|(?:应该|应)?(?:是|为)|改成|改为|改到|变成|换成|要|保持(?:在|为)?|维持(?:在|为)?)\s*$|^\s*(?:count|number)?\s*(?:[:=]|is|should be|must be|becomes|to|stays at|stay at|remains at|remains|est de|est|sera de|passe a|doit etre de|reste a|reste de|reste)\s*$/u;

/** "agents", "坐席" count agents; "users", "utilisateurs", "用户" users; "people", "postes", "人" say neither. */
function unitKind(word: string | undefined): CountCandidate['unit'] {
  if (!word) return undefined;
  if (/agent|座席|坐席/u.test(word)) return 'agents';
  return /user|usr|utilisateur|util|用户/u.test(word) ? 'users' : undefined;
}

/** Digits, Chinese numerals or a number word: without any, the (slow) number model has nothing to find. */
const MAY_HOLD_NUMBER =
  /\d|[一二两俩三四五六七八九十百千万]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|quarante|cinquante|soixante|cent|cents|mille)\b/iu;

/** Every user-count candidate in the text (positive integers), in order. */
export function findUserCounts(text: string, lang: Lang, blank: readonly Span[] = []): CountCandidate[] {
  if (!MAY_HOLD_NUMBER.test(text)) return [];
  const prepared = prepareForNumbers(text, lang, blank);
  const folded = foldText(prepared);
  const words = numberWords();
  const units = allLangs(words.userUnits, lang);
  const approx = allLangs(words.approxWords, lang);
  const targets = allLangs(words.targetMarkers, lang);
  const currents = allLangs(words.currentMarkers, lang);
  const articles = new Set(allLangs(words.articles, lang).map(foldText));
  const determiners = allLangs(words.peopleDeterminers, lang).map(foldText);
  const people = allLangs(words.peopleNouns, lang).map(foldText);
  // "the two people", "les deux personnes", "这两个人": persons pointed at, not a count.
  const pointsAtPeople = (before: string, after: string) =>
    determiners.some((d) => findAlias(before, d).some((s) => before.slice(s.end).trim() === '')) &&
    people.some((p) => (/\p{Script=Han}/u.test(p) ? after.startsWith(p) : findAlias(after.slice(0, p.length + 1), p).some((s) => s.start === 0)));
  const months = (['en', 'fr'] as const).flatMap((l) => dateWords().cues[l]).filter((w) => w.length >= 3 && w !== 'date' && w !== 'fin' && w !== 'end of');
  return recognizeNumbers(prepared, lang)
    .filter((n) => Number.isInteger(n.value) && n.value > 0)
    .map((n) => {
      // "environ 20 d'agents", "2000 de users": the unit may follow "de".
      const after = folded.slice(n.end, n.end + 20).trimStart().replace(/^(?:de\s+|d')/u, '');
      // "2000 users", or a unit label before it: "- Users: 1200", "Nombre d'utilisateurs : deux mille".
      const before = folded.slice(Math.max(0, n.start - 32), n.start);
      const labelUnit = units.find((u) => findAlias(before, u).some((s) => UNIT_LABEL.test(before.slice(s.end))));
      const labelled = labelUnit !== undefined;
      const afterUnit = units.find((u) => findAlias(after.slice(0, u.length + 1), u).some((s) => s.start === 0));
      const withUnit = labelled || afterUnit !== undefined;
      const unit = unitKind(afterUnit ?? labelUnit);
      const written = folded.slice(n.start, n.end).trim();
      return {
        value: n.value,
        withUnit,
        ...(unit && { unit }),
        labelled,
        afterTarget: near(folded, targets, n.start - 14, n.start),
        ...(near(folded, currents, n.start - 22, n.start) && !near(folded, targets, n.start - 14, n.start) && { current: true }),
        approximate: near(folded, approx, n.start - 16, n.start) || near(folded, approx, n.end, n.end + 6),
        // "un client", "一个客户": the whole number is the article ("一千五" starts with 一 and is 1500).
        article: (!withUnit && !labelled && articles.has(written)) || pointsAtPeople(before, after),
        date: !withUnit && isDatePart(folded, n.start, n.end, months),
        start: n.start,
        end: n.end,
      };
    });
}

/**
 * The one user count a sentence means: the target of "from 1000 to 2000", else a number with a
 * unit word, else (when `allowBare`, i.e. in answer to the tier prompt) the only number.
 * Articles and pronouns ("un client", "one of our clients") are never counts.
 */
export function pickUserCount(all: readonly CountCandidate[], allowBare: boolean): CountCandidate | undefined {
  const counts = all.filter((c) => !c.article && !c.date);
  // "they have 100 users now so it's 150 total": what they have now is not the count meant.
  const candidates = counts.some((c) => !c.current) ? counts.filter((c) => !c.current) : counts;
  if (candidates.length > 1) {
    const target = candidates.filter((c) => c.afterTarget).at(-1);
    if (target) return target;
  }
  const withUnit = candidates.filter((c) => c.withUnit);
  if (withUnit.length > 0) return withUnit.reduce((a, b) => (b.value > a.value ? b : a));
  if (allowBare) return candidates.length === 1 ? candidates[0] : candidates.at(-1);
  return undefined;
}
