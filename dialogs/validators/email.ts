import type { Lang } from '../../knowledge/lang.js';
import { normalizeInput } from './normalize.js';
import { recognizeEmails } from './recognizers.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/** A plausible address: the recognizer finds "a@b" shapes; we also require a dotted domain. */
const EMAIL_SHAPE = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** Every email address in a sentence, lower-cased, each once. */
export function findEmails(text: string): string[] {
  const found = recognizeEmails(normalizeInput(text))
    .map((e) => e.value.replace(/[.]+$/, '').toLowerCase())
    .filter((e) => EMAIL_SHAPE.test(e));
  return [...new Set(found)];
}

/** An email slot: "jean.dupont@exemple.fr", "mon mail : jean.dupont@exemple.fr", "邮箱是a@b.cn". */
export function validateEmail(text: string, _lang: Lang): ValidationResult<string> {
  const [first] = findEmails(text);
  return first === undefined ? invalid(invalidKey('email')) : ok(first);
}
