import { freeTextRules, allLangs, foldText } from '../../knowledge/nlu/index.js';
import type { Lang } from '../../knowledge/lang.js';
import { normalizeInput, stripEndPunctuation } from './normalize.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/**
 * Free-text slots: person names, organisations, billing addresses, notes. The checks are
 * deliberately light (names are too varied to police) but catch the usual slips: an email or a
 * number typed where a name was asked, a one-word "address".
 */

/** What `\S+@\S+` tests, without rescanning a long word from each of its positions. */
const EMAIL_LIKE = /\S@\S/;
const HAS_LETTER = /\p{L}/u;
const length = (s: string) => [...s].length;

/** A person's name: letters, 2+ characters (Chinese names are often 2), no email, no digits. */
export function validatePersonName(text: string, lang: Lang): ValidationResult<string> {
  const value = stripEndPunctuation(normalizeInput(text));
  const rules = freeTextRules();
  if (
    length(value) < rules.minLength.personName[lang] ||
    length(value) > rules.maxLength.personName ||
    EMAIL_LIKE.test(value) ||
    /\d/.test(value) ||
    !HAS_LETTER.test(value)
  ) {
    return invalid(invalidKey('personName'));
  }
  return ok(value);
}

/** A company or organisation name ("Numériq Services SAS", "新锐合作伙伴"); digits allowed. */
export function validateOrganization(text: string, lang: Lang): ValidationResult<string> {
  const value = stripEndPunctuation(normalizeInput(text));
  const rules = freeTextRules();
  if (length(value) < rules.minLength.organization[lang] || length(value) > rules.maxLength.organization || EMAIL_LIKE.test(value) || !HAS_LETTER.test(value)) {
    return invalid(invalidKey('organization'));
  }
  return ok(value);
}

/**
 * A postal billing address, kept as typed (line breaks included). At least a street-length text
 * with letters; Latin-script addresses also need a second word (a city after the street).
 */
export function validateBillingAddress(text: string, lang: Lang): ValidationResult<string> {
  const value = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  const rules = freeTextRules();
  const han = /\p{Script=Han}/u.test(value);
  const words = value.split(/[\s,]+/).filter(Boolean).length;
  if (length(value) < rules.minLength.billingAddress[han ? 'zh' : lang] || length(value) > rules.maxLength.billingAddress || !HAS_LETTER.test(value) || EMAIL_LIKE.test(value) || (!han && words < 3)) {
    return invalid(invalidKey('billingAddress'));
  }
  return ok(value);
}

/** Optional notes: anything up to the maximum; "none", "rien", "无" → an empty note. */
export function validateNotes(text: string, lang: Lang): ValidationResult<string> {
  const value = text.trim();
  const rules = freeTextRules();
  if (length(value) > rules.maxLength.notes) return invalid(invalidKey('notes'), { max: rules.maxLength.notes });
  const bare = foldText(stripEndPunctuation(normalizeInput(value)));
  if (allLangs(rules.noneWords, lang).some((w) => foldText(w) === bare)) return ok('');
  return ok(value);
}
