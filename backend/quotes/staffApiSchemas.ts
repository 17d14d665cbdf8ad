import { z } from 'zod';
import { quoteKindSchema } from '../../knowledge/quoteTypes.js';
import { quoteStatusSchema } from './quoteRequest.js';

/** `a,b` or a repeated parameter → a non-empty list of allowed values. */
const listOf = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(item).min(1));

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * A day (`2026-11-22`, UTC) or an instant (`2026-11-22T09:30:00Z`). A day as `to` means the
 * end of that day, so `from=2026-11-22&to=2026-11-22` is that whole day.
 */
const dateParam = (endOfDay: boolean) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => {
    const at = new Date(DATE_ONLY.test(s) ? `${s}T00:00:00Z` : s);
    return endOfDay && DATE_ONLY.test(s) ? new Date(at.getTime() + DAY_MS) : at;
  });

const filters = {
  status: listOf(quoteStatusSchema).optional(),
  kind: listOf(quoteKindSchema).optional(),
  from: dateParam(false).optional(),
  to: dateParam(true).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  order: z.enum(['asc', 'desc']).default('desc'),
};

/** Unknown parameters are refused (400) rather than ignored, so a typo does not return everything. */
export const listQuerySchema = z.object({ ...filters, limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();

export const csvQuerySchema = z
  .object({ ...filters, limit: z.coerce.number().int().min(1).max(100_000).default(100_000) })
  .strict();

export const patchBodySchema = z
  .object({
    status: quoteStatusSchema,
    note: z.string().trim().max(2000).optional(),
    /** Who changes it, shown in the history (the API key is shared, so it is declarative). */
    by: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
