import { z } from 'zod';
import { addDays, dayIn, isDay, isTimeZone } from '../../backend/insights/days.js';
import type { DayRange } from '../../backend/insights/dataset.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';

/** Longest range one request may cover (the records are kept RETENTION_DAYS, 90 by default). */
export const MAX_RANGE_DAYS = 400;
const DEFAULT_RANGE_DAYS = 30;

const day = z.string().refine(isDay, 'expected a day YYYY-MM-DD');

/** `from`/`to` are days in `tz` (both included); `lang` names topics in the reader's language. */
export const rangeQuerySchema = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  tz: z.string().max(64).refine(isTimeZone, 'expected an IANA time zone such as Europe/Paris').default('UTC'),
  lang: z.enum(LANGS).default('en'),
});

export interface RangeQuery extends DayRange {
  lang: Lang;
}

/** The range asked for, the last 30 days by default; a problem to report otherwise. */
export function readRange(query: Record<string, string>, now: Date): { ok: true; range: RangeQuery } | { ok: false; error: z.ZodError | string } {
  const parsed = rangeQuerySchema.safeParse(query);
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { tz, lang } = parsed.data;
  const last = parsed.data.to ?? dayIn(now, tz);
  const first = parsed.data.from ?? addDays(last, -(DEFAULT_RANGE_DAYS - 1));
  if (first > last) return { ok: false, error: '"from" is after "to"' };
  if (addDays(first, MAX_RANGE_DAYS) <= last) return { ok: false, error: `a range covers at most ${MAX_RANGE_DAYS} days` };
  return { ok: true, range: { first, last, timeZone: tz, lang } };
}
