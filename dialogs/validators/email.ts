import type { Lang } from '../../knowledge/lang.js';
import { normalizeInput } from './normalize.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/**
 * A plausible address: a dotted domain ending in a top-level domain of letters. Every repeat is
 * bounded (RFC 5321 lengths): the unbounded local part was retried from each position of a long
 * word and rescanned it to the end, quadratic (0.9 s at the email prompt for 20,000 letters).
 */
const EMAIL_SHAPE = /^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}$/;

/** The same shape, found inside a sentence. */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;

/**
 * Every email address in a sentence, lower-cased, each once. Our own pattern, not the
 * recognizer: recognizers-text 1.3.1 cuts a top-level domain it does not know
 * ("partner.example" → "partner.exampl") and costs more than a regular expression.
 */
export function findEmails(text: string): string[] {
  const found = [...normalizeInput(text).matchAll(EMAIL_IN_TEXT)]
    .map((m) => m[0].replace(/(?<!\.)\.+$/, '').toLowerCase())
    .filter((e) => EMAIL_SHAPE.test(e));
  return [...new Set(found)];
}

/** An email slot: "jean.dupont@exemple.fr", "mon mail : jean.dupont@exemple.fr", "邮箱是a@b.cn". */
export function validateEmail(text: string, _lang: Lang): ValidationResult<string> {
  const [first] = findEmails(text);
  return first === undefined ? invalid(invalidKey('email')) : ok(first);
}
