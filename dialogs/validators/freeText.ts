import { freeTextRules, allLangs, foldText, formTurnWords } from '../../knowledge/nlu/index.js';
import type { Lang } from '../../knowledge/lang.js';
import { normalizeInput, stripEndPunctuation } from './normalize.js';
import { isPlausibleAddress, isPlausibleOrganization, isPlausiblePersonName } from './plausible.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/**
 * Free-text slots: person names, organisations, billing addresses, notes. A value must have the
 * shape of one (dialogs/validators/plausible.ts): a question, a sentence, an email or a SEN typed
 * at a name prompt is refused, never stored. "Moi c'est Julien Moreau" / "I'm Priya Sharma" /
 * "我是王磊" at a name prompt keep the name only.
 */

const length = (s: string) => [...s].length;

/** "moi c'est Julien Moreau" → "Julien Moreau": a self-introduction before the value is not part of it. */
export function stripIntro(text: string, lang: Lang): string {
  const value = stripEndPunctuation(normalizeInput(text));
  const folded = foldText(value);
  const intro = formTurnWords().selfIntro;
  const phrases = (['resellerName', 'technicalContactName', 'endUserName', 'authorizedContactName'] as const)
    .flatMap((slot) => allLangs(intro[slot], lang))
    .map(foldText)
    .sort((a, b) => b.length - a.length);
  for (const p of phrases) {
    if (!folded.startsWith(p)) continue;
    const next = folded[p.length];
    if (/\p{Script=Han}/u.test(p) || next === undefined || /[\s:,]/u.test(next)) {
      return value.slice(p.length).replace(/^[\s:,]+/u, '').trim();
    }
  }
  return value;
}

/** A person's name: 1–6 words of letters or 2–8 Chinese characters, not a sentence or a question. */
export function validatePersonName(text: string, lang: Lang): ValidationResult<string> {
  const value = stripIntro(text, lang);
  const rules = freeTextRules();
  if (length(value) < rules.minLength.personName[lang] || length(value) > rules.maxLength.personName || !isPlausiblePersonName(value, lang)) {
    return invalid(invalidKey('personName'));
  }
  return ok(value);
}

/** A company or organisation name ("Numériq Services SAS", "新锐合作伙伴"); digits allowed. */
/** Legal forms written with a final dot ("Solutions Boréal inc.", "Deccan Infotech Pvt. Ltd."): the dot is part of the name. */
const LEGAL_FORM_DOT = /(?:^|[\s.])(?:inc|ltd|co|corp|pty|pvt|cie|ltée|ltee|ste|bros)\.$/iu;

export function validateOrganization(text: string, lang: Lang): ValidationResult<string> {
  const typed = normalizeInput(text);
  const stripped = stripEndPunctuation(typed);
  const value = LEGAL_FORM_DOT.test(stripped + '.') && typed.startsWith(stripped + '.') ? `${stripped}.` : stripped;
  const rules = freeTextRules();
  if (length(value) < rules.minLength.organization[lang] || length(value) > rules.maxLength.organization || !isPlausibleOrganization(value, lang)) {
    return invalid(invalidKey('organization'));
  }
  return ok(value);
}

/**
 * A postal billing address, kept as typed (line breaks included): a number or postcode, or
 * enough words, and not a sentence or a question.
 */
export function validateBillingAddress(text: string, lang: Lang): ValidationResult<string> {
  const value = text.replace(/[\u00a0\u202f]/g, ' ').trim();
  const rules = freeTextRules();
  const han = /\p{Script=Han}/u.test(value);
  if (length(value) < rules.minLength.billingAddress[han ? 'zh' : lang] || length(value) > rules.maxLength.billingAddress || !isPlausibleAddress(value, lang)) {
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
