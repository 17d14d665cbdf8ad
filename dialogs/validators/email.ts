import type { Lang } from '../../knowledge/lang.js';
import { normalizeInput } from './normalize.js';
import { recognizeEmails } from './recognizers.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/** A plausible address: the recognizer finds "a@b" shapes; we also require a dotted domain. */
const EMAIL_SHAPE = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** The same shape, found inside a sentence. */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Every email address in a sentence, lower-cased, each once. The recognizer (1.3.1) cuts a
 * top-level domain it does not know ("partner.example" → "partner.exampl"), so a match is
 * extended to the whole address found at the same place by our own pattern.
 */
export function findEmails(text: string): string[] {
  const input = normalizeInput(text);
  const ours = [...input.matchAll(EMAIL_IN_TEXT)].map((m) => ({ value: m[0], start: m.index ?? 0 }));
  const recognized = recognizeEmails(input).map((e) => ours.find((o) => o.start <= e.start && e.start < o.start + o.value.length)?.value ?? e.value);
  const found = [...recognized, ...ours.map((o) => o.value)]
    .map((e) => e.replace(/[.]+$/, '').toLowerCase())
    .filter((e) => EMAIL_SHAPE.test(e));
  return [...new Set(found)];
}

/** An email slot: "jean.dupont@exemple.fr", "mon mail : jean.dupont@exemple.fr", "邮箱是a@b.cn". */
export function validateEmail(text: string, _lang: Lang): ValidationResult<string> {
  const [first] = findEmails(text);
  return first === undefined ? invalid(invalidKey('email')) : ok(first);
}
