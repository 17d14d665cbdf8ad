import { freeTextRules, allLangs, foldText, formTurnWords } from '../../knowledge/nlu/index.js';
import type { Lang } from '../../knowledge/lang.js';
import { normalizeInput, stripEndPunctuation } from './normalize.js';
import { fillerRun, isPlausibleAddress, isPlausibleOrganization, isPlausiblePersonName, splitSentences } from './plausible.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/**
 * Free-text slots: person names, organisations, billing addresses, notes. A value must have the
 * shape of one (dialogs/validators/plausible.ts): a question, a sentence, an email or a SEN typed
 * at a name prompt is refused, never stored. "Moi c'est Julien Moreau" / "I'm Priya Sharma" /
 * "我是王磊" at a name prompt keep the name only.
 */

const length = (s: string) => [...s].length;

const BOUNDARY = /[\s:,;.!?？！，：；、\-–—]/u;
const LEAD_PUNCT = /^[\s:,;.!?？！，：；、\-–—]+/u;

/** Phrases (folded, longest first) that may stand before a value: role intros for `slots`, then the lead-ins. */
const leadCache = new Map<string, string[]>();
function leadPhrases(slots: readonly (keyof ReturnType<typeof formTurnWords>['selfIntro'])[], lang: Lang): string[] {
  // Folded and sorted once per language and slot set: every free-text answer reads them.
  const key = `${lang}:${slots.join(',')}`;
  const cached = leadCache.get(key);
  if (cached) return cached;
  const words = formTurnWords();
  const phrases = [...slots.flatMap((slot) => allLangs(words.selfIntro[slot] as never, lang)), ...allLangs(words.leadIns, lang)]
    .map(foldText)
    .sort((a, b) => b.length - a.length);
  leadCache.set(key, phrases);
  return phrases;
}

/**
 * A remark beside the value: "(said that already)", "(déjà dit)", "— comme dit", dropped. A
 * bracket holding anything else ("Acme (France)") stays part of the name.
 */
function withoutRemarks(value: string, lang: Lang): string {
  const remarks = allLangs(formTurnWords().remarks, lang).map(foldText);
  const isRemark = (s: string) => remarks.some((r) => foldText(s).includes(r));
  const startsWithRemark = (s: string) => remarks.some((r) => foldText(s).startsWith(r));
  let out = value
    .replace(/(?<!\s)\s*[(（]([^()（）]{1,80})[)）]/gu, (all, inner: string) => (isRemark(inner) ? ' ' : all))
    .replace(/(?:\s[-–—]\s|\s*[–—]{2}\s*)([^-–—]{1,80})$/u, (all, tail: string) => (isRemark(tail) ? '' : all))
    .trim();
  // "Raj Patel, as I wrote above", "陈静 前面说过了": a short remark after a comma or a space.
  for (const m of out.matchAll(/[\s,;，；]+/gu)) {
    const tail = out.slice(m.index + m[0].length);
    if (m.index > 0 && tail.length <= 40 && startsWithRemark(tail)) {
      out = out.slice(0, m.index).trim();
      break;
    }
  }
  return out;
}

/**
 * "moi c'est Julien Moreau" → "Julien Moreau", "as I said, Dana Ruiz" → "Dana Ruiz", "开头说过了
 * 汇通科技" → "汇通科技": a self-introduction or a lead-in before the value is not part of it, nor
 * is a remark beside it. Stripped as often as they come ("je l'ai déjà dit ?? c'est Acme").
 */
export function stripIntro(text: string, lang: Lang, slots: readonly (keyof ReturnType<typeof formTurnWords>['selfIntro'])[] = PERSON_INTRO_SLOTS): string {
  const phrases = leadPhrases(slots, lang);
  // Lead-ins first: "je l'ai déjà dit : Transports Gaillac SAS" is no value followed by the remark "déjà dit".
  return withoutLeadIns(withoutRemarks(withoutLeadIns(stripEndPunctuation(normalizeInput(text)), phrases, lang), lang), phrases, lang);
}

function withoutLeadIns(text: string, phrases: readonly string[], lang: Lang): string {
  let value = text;
  for (let guard = 0; guard < 6; guard++) {
    // "bon ok, Thomas Béranger", "好吧，赵敏": interjections closed by a punctuation mark.
    const fillers = fillerRun(value, lang);
    if (fillers.cut !== undefined && value.slice(fillers.cut).trim()) {
      value = value.slice(fillers.cut).trim();
      continue;
    }
    const folded = foldText(value);
    const p = phrases.find((p) => folded.startsWith(p) && (/\p{Script=Han}/u.test(p) || folded.length === p.length || BOUNDARY.test(folded[p.length]!) || BOUNDARY.test(p.at(-1)!)));
    // A lead-in that is the whole text ("moi", "just") leaves the text for the caller to judge.
    if (!p || folded.length === p.length) break;
    const rest = value.slice(p.length).replace(LEAD_PUNCT, '').trim();
    if (!rest) break;
    value = rest;
  }
  return value;
}

const PERSON_INTRO_SLOTS = ['resellerName', 'technicalContactName', 'endUserName', 'authorizedContactName'] as const;
const COMPANY_INTRO_SLOTS = ['resellerCompany', 'endUserOrganization'] as const;

/** A person's name: 1–6 words of letters or 2–8 Chinese characters, not a sentence or a question. */
export function validatePersonName(text: string, lang: Lang): ValidationResult<string> {
  // "Hervé Molinier (c'est lui le DSI)": words in brackets after a name are a remark about the
  // person (an email or a number in brackets is not: it is read as its own value).
  const bare = text.replace(/(?<!\s)\s*[(（][^()（）@\d]{1,80}[)）]\s*$/u, '');
  const typed = stripIntro(bare.trim() ? bare : text, lang);
  const rules = freeTextRules();
  const fits = (v: string) => length(v) >= rules.minLength.personName[lang] && length(v) <= rules.maxLength.personName && isPlausiblePersonName(v, lang);
  // "ok annual then. Tom Harker": of several sentences, the one written as a name (capitalised) is it.
  const value = fits(typed) ? typed : splitSentences(typed).map((s) => stripIntro(s, lang)).find((s) => fits(s) && isWrittenAsName(s));
  if (value === undefined) return invalid(invalidKey('personName'));
  return ok(value);
}

/** Each word capitalised ("Tom Harker", "Jean de la Fontaine"), or Chinese: a name as people write one. */
export function isWrittenAsName(value: string): boolean {
  if (/\p{Script=Han}/u.test(value)) return true;
  const words = value.split(/\s+/u).filter(Boolean);
  const particles = formTurnWords().nameParticles.all.map(foldText);
  return words.length > 0 && /^\p{Lu}/u.test(words[0]!) && words.every((w) => /^\p{Lu}/u.test(w) || particles.includes(foldText(w)));
}

/** A company or organisation name ("Numériq Services SAS", "新锐合作伙伴"); digits allowed. */
/** Legal forms written with a final dot ("Solutions Boréal inc.", "Deccan Infotech Pvt. Ltd."): the dot is part of the name. */
const LEGAL_FORM_DOT = /(?:^|[\s.])(?:inc|ltd|co|corp|pty|pvt|cie|ltée|ltee|ste|bros)\.$/iu;

export function validateOrganization(text: string, lang: Lang): ValidationResult<string> {
  const typed = stripIntro(text, lang, COMPANY_INTRO_SLOTS) + (/[.]\s*$/u.test(text) ? '.' : '');
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
