import { loadCatalog } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { allLangs, dateWords, findAlias, foldText, hasAny } from '../../knowledge/nlu/index.js';
import { normalizeInput } from './normalize.js';
import { recognizeDates, type DateValue, type Found } from './recognizers.js';
import { invalid, invalidKey, ok, type ValidationContext, type ValidationResult } from './result.js';

/**
 * Dates, with the recognizer's gaps covered from knowledge/nlu/dates.json: "1er janvier 2027"
 * (not resolved by 1.3.1) is read as "1 janvier 2027"; "fin juin 2027", "2027年6月底",
 * "end of June 2027" mean the last day of that month (the recognizer gives the whole month).
 * The date model is slow in French: callers run it only when a date is expected.
 */

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const lastDayOfMonth = (isoMonthStart: string) => {
  const d = new Date(`${isoMonthStart}T00:00:00Z`);
  return isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
};

/** Does this sentence possibly contain a date? Cheap word test that gates the date model. */
export function mayContainDate(text: string, lang: Lang): boolean {
  if (/\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(text)) return true;
  return hasAny(text, allLangs(dateWords().cues, lang).filter((c) => c !== 'date'));
}

/** Remove end-of-period words; tell whether there was one. */
function stripEndOf(text: string, lang: Lang): { text: string; endOf: boolean } {
  const folded = foldText(text);
  const words = [...allLangs(dateWords().endOfPeriod, lang)].sort((a, b) => b.length - a.length);
  for (const w of words) {
    const [span] = findAlias(folded, w);
    if (span) return { text: `${text.slice(0, span.start)} ${text.slice(span.end)}`.replace(/\s+/g, ' ').trim(), endOf: true };
  }
  return { text, endOf: false };
}

/** Pick one calendar day (YYYY-MM-DD) from a recognizer result, preferring the future. */
function dayOf(values: readonly DateValue[], endOf: boolean, today: string): string | undefined {
  const days = values.flatMap((v): string[] => {
    if (v.type === 'date' && v.value && /^\d{4}-\d{2}-\d{2}$/.test(v.value)) return [v.value];
    // A month ("juin 2027", "next June"): its last day when "fin/底/end of" was said; otherwise
    // no day was given, and none is invented (the prompt asks for one).
    if (v.type === 'daterange' && v.start && /^\d{4}-\d{2}-01$/.test(v.start) && /^\d{4}-\d{2}$|^XXXX-\d{2}$/.test(v.timex ?? '')) {
      return endOf ? [lastDayOfMonth(v.start)] : [];
    }
    return [];
  });
  return days.find((d) => d >= today) ?? days.at(-1);
}

/** The first date in a sentence as YYYY-MM-DD, or undefined. */
/** "30/04/2027", "2027-04-30", "04/30/2027" (month first only when `dayFirst` is false). */
function numericDate(text: string, dayFirst: boolean): string | undefined {
  const iso = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/u.exec(text);
  const dmy = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/u.exec(text);
  let y: number, m: number, d: number;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) {
    const [a, b] = [Number(dmy[1]), Number(dmy[2])];
    y = Number(dmy[3]!.length === 2 ? `20${dmy[3]}` : dmy[3]);
    // Day first unless the user's culture is month first; a first number above 12 is always a day.
    [d, m] = (dayFirst || a > 12) && b <= 12 ? [a, b] : [b, a];
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return isoDay(date);
}

/**
 * One calendar day in a sentence. Numeric dates are read by us (the en-us recognizer reads
 * "03/04/2027" month first whatever the user's culture); words are read in the user's language,
 * then in any other language whose month names the text uses ("31 juillet 2027" in an English
 * conversation).
 */
export function findDate(text: string, lang: Lang, now: Date = new Date(), options: { dayFirst?: boolean } = {}): string | undefined {
  const numeric = numericDate(normalizeInput(text), options.dayFirst ?? lang !== 'en');
  if (numeric) return numeric;
  const cues = dateWords().cues;
  const others = (['fr', 'en', 'zh'] as const).filter((l) => l !== lang && hasAny(text, cues[l].filter((c) => c !== 'date')));
  for (const l of [lang, ...others]) {
    const day = findDateIn(text, l, now);
    if (day) return day;
  }
  return undefined;
}

function findDateIn(text: string, lang: Lang, now: Date): string | undefined {
  let prepared = normalizeInput(text);
  const suffix = new RegExp(dateWords().ordinalDaySuffix[lang], 'giu');
  prepared = prepared.replace(suffix, '$1');
  const { text: withoutEndOf, endOf } = stripEndOf(prepared, lang);
  const results: Found<DateValue[]>[] = recognizeDates(withoutEndOf, lang, now);
  const today = isoDay(now);
  for (const r of results) {
    const day = dayOf(r.value, endOf, today);
    if (day) return day;
  }
  return undefined;
}

/**
 * The `targetDate` slot (co-term end date): a real day, after today, and at most
 * catalog.coterm.maxMonthsAhead months ahead (a co-term aligns renewals, not a far future).
 */
export function validateTargetDate(text: string, lang: Lang, ctx: ValidationContext = {}): ValidationResult<string> {
  const now = ctx.now ?? new Date();
  const day = findDate(text, lang, now, ctx.dayFirst === undefined ? {} : { dayFirst: ctx.dayFirst });
  if (day === undefined) return invalid(invalidKey('targetDate'));
  const today = isoDay(now);
  if (day <= today) return invalid(invalidKey('targetDatePast'), { date: day });
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() + loadCatalog().coterm.maxMonthsAhead);
  if (day > isoDay(limit)) return invalid(invalidKey('targetDateTooFar'), { date: day, months: loadCatalog().coterm.maxMonthsAhead });
  return ok(day);
}
