import type { Deployment } from '../../knowledge/catalogSchema.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';

/** Placeholder values for an i18n message (`{{name}}` in locales/<lng>/quote.json). */
export type MessageParams = Record<string, string | number>;

/** A localized message by key (namespaced, e.g. `quote:invalid.tier`), never a sentence. */
export interface Message {
  key: string;
  params?: MessageParams;
}

/**
 * What every validator returns. `notice` is set when the value was adjusted (a bare site name
 * completed, 600 users rounded to a tier): the dialog shows it, or asks to confirm it.
 */
export type ValidationResult<T> =
  | { ok: true; value: T; notice?: Message }
  | { ok: false; reason: string; params?: MessageParams };

/** What a validator may need to know about the request being filled. */
export interface ValidationContext {
  deployment?: Deployment;
  /** The product the tier is for (JSM counts agents, Bamboo remote agents). */
  productId?: string;
  kind?: QuoteKind;
  /** Reference "today" for dates; defaults to the current date. */
  now?: Date;
  /** Numeric dates are day first ("03/04/2027" = 3 April) unless the user's culture is en-US. */
  dayFirst?: boolean;
}

export const ok = <T>(value: T, notice?: Message): ValidationResult<T> =>
  notice === undefined ? { ok: true, value } : { ok: true, value, notice };

export const invalid = <T = never>(reason: string, params?: MessageParams): ValidationResult<T> =>
  params === undefined ? { ok: false, reason } : { ok: false, reason, params };

/** Namespaced key helpers, so no key string is spelled twice. */
export const invalidKey = (name: string): string => `quote:invalid.${name}`;
export const noticeKey = (name: string): string => `quote:notice.${name}`;
