import { loadCatalog } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText, numberWords, type Span } from '../../knowledge/nlu/index.js';
import { normalizeInput } from './normalize.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';
import { recognizeNumbers } from './recognizers.js';
import { prepareForNumbers } from './userCount.js';

const yearRange = () => loadCatalog().deployments['data-center'].maintenanceYears ?? { min: 1, max: 1 };

/** "3", "trois", "两" just before a year unit: the duration's number, or undefined. */
function numberBefore(folded: string, end: number, small: Map<string, number>): number | undefined {
  const head = folded.slice(Math.max(0, end - 12), end).trimEnd();
  // "2,5" is no count of years; "2000用户，3年" (a comma after another clause) is.
  const digits = /(?<!\d[.,]?)(\d{1,2})$/u.exec(head);
  if (digits) return Number(digits[1]);
  const han = /[一二两俩三四五]$/u.exec(head);
  if (han) return small.get(han[0]);
  const word = /([a-z]+)$/u.exec(head);
  return word ? small.get(word[1] ?? '') : undefined;
}

/**
 * Maintenance years in a free sentence: "3 ans de maintenance", "deux ans", "trois années",
 * "two years", "两年", "三年维护", "续两年". Not a year ("2027年"), not how long someone has been
 * a customer ("client depuis 3 ans"); a Chinese "N年" needs a maintenance or renewal word, since
 * 年 alone also dates things. Undefined when nothing in the catalog range is said.
 */
export function findMaintenanceYears(text: string, lang: Lang): number | undefined {
  const { min, max } = yearRange();
  return yearsSaid(text, lang).find((n) => n >= min && n <= max);
}

/** Years of maintenance said outside the catalog range ("6 ans de maintenance"), so the range can be said back. */
export function yearsOutOfRange(text: string, lang: Lang): number | undefined {
  const { min, max } = yearRange();
  const said = yearsSaid(text, lang);
  return said.some((n) => n >= min && n <= max) ? undefined : said.find((n) => n > max || n < min);
}

/**
 * The unit's places, and also right after a digit for a Latin unit: "1yr", "2yrs", "3ans" are
 * written glued, where findAlias (whole words only) sees no word start.
 */
function unitSpans(folded: string, unit: string): Span[] {
  const spans = findAlias(folded, unit);
  if (/\p{Script=Han}/u.test(unit)) return spans;
  let from = 0;
  for (;;) {
    const at = folded.indexOf(unit, from);
    if (at < 0) return spans;
    from = at + 1;
    const after = folded[at + unit.length];
    if (/\d/u.test(folded[at - 1] ?? '') && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) spans.push({ start: at, end: at + unit.length });
  }
}

function yearsSaid(text: string, lang: Lang): number[] {
  const folded = foldText(normalizeInput(text));
  const words = numberWords();
  const small = new Map((['en', 'fr', 'zh'] as const).flatMap((l) => Object.entries(words.smallNumbers[l])));
  const cue = allLangs(words.maintenanceCues, lang).some((w) => findAlias(folded, w).length > 0);
  const found: number[] = [];
  for (const unit of allLangs(words.yearUnits, lang)) {
    for (const span of unitSpans(folded, unit)) {
      const n = numberBefore(folded, span.start, small);
      // A year ("2027 ans" is none) or a long tenure is no maintenance term.
      if (n === undefined || n > 99) continue;
      const isHan = /\p{Script=Han}/u.test(unit);
      // "150个用户，两年": a clause of its own that is only a duration needs no maintenance word.
      const alone = isHan && /(?:^|[,;、])\s*\S{1,3}$/u.test(folded.slice(Math.max(0, span.start - 4), span.start)) && /^\s*(?:$|[,;.!。])/u.test(folded.slice(span.end));
      if (isHan && (/^[\d月]/u.test(folded.slice(span.end, span.end + 1)) || (!cue && !alone))) continue;
      const before = folded.slice(Math.max(0, span.start - 24), span.start);
      if (allLangs(words.notMaintenance, lang).some((w) => findAlias(before, w).length > 0)) continue;
      found.push(n);
    }
  }
  return found;
}

/** The `maintenanceYears` slot: "2", "deux ans", "两年", "3 years", within the catalog range. */
export function validateMaintenanceYears(text: string, lang: Lang): ValidationResult<number> {
  const range = yearRange();
  const said = findMaintenanceYears(text, lang);
  if (said !== undefined) return ok(said);
  const numbers = recognizeNumbers(prepareForNumbers(text, lang), lang).map((n) => n.value);
  const years = numbers.length === 1 ? numbers[0] : undefined;
  if (years === undefined || !Number.isInteger(years) || years < range.min || years > range.max) {
    return invalid(invalidKey('maintenanceYears'), { min: range.min, max: range.max });
  }
  return ok(years);
}
