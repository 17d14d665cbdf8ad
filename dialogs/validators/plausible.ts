import { findProducts } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { looksLikeQuestion } from '../../knowledge/language/question.js';
import { allLangs, foldText, formTurnWords, handoffWords, organisationWords } from '../../knowledge/nlu/index.js';
import { normalizeInput, stripEndPunctuation } from './normalize.js';

/**
 * Shapes of free-text values, so a sentence typed at a name, company or address prompt is never
 * stored as one: "c'est quoi le délai pour un virement ?" is not a name, "le client veut payer au
 * mois" is not an address. Deliberately about shape only (names are too varied to police):
 * length, letters, and how many sentence words (pronouns, verbs, question words) the text holds.
 */

const HAN = /\p{Script=Han}/u;
const HAN_ALL = /\p{Script=Han}/gu;
/** Bounded: one scan, no nested repeats (long inputs stay linear). */
const EMAIL_LIKE = /[^\s@]{1,64}@[^\s@]{1,255}/u;
const URL_LIKE = /\bhttps?:\/\/|\b[a-z0-9-]{1,63}\.atlassian\.net\b|\bwww\./iu;
const SEN_LIKE = /\bSEN[\s\-_:#]{0,3}[A-Z]?[\s-]?\d{6,10}/iu;

let sentenceSets: { latin: Set<string>; han: string[]; particles: Set<string>; dontKnow: Set<string> } | undefined;
function sets() {
  if (!sentenceSets) {
    const w = formTurnWords();
    const all = [...w.sentence.en, ...w.sentence.fr, ...w.sentence.zh].map(foldText);
    sentenceSets = {
      latin: new Set(all.filter((x) => !HAN.test(x))),
      han: all.filter((x) => HAN.test(x)),
      particles: new Set(w.nameParticles.all.map(foldText)),
      dontKnow: new Set([...w.dontKnow.en, ...w.dontKnow.fr, ...w.dontKnow.zh].map((x) => foldText(stripEndPunctuation(x)))),
    };
  }
  return sentenceSets;
}

const latinWords = (text: string): string[] => foldText(text).match(/[\p{L}\p{N}'’-]{1,80}/gu) ?? [];

/** How many words of the text are sentence words (Latin whole words; Chinese characters or pairs anywhere). */
export function sentenceWordCount(text: string): number {
  const { latin, han, particles } = sets();
  const folded = foldText(text);
  let n = 0;
  for (const w of latinWords(folded)) {
    if (particles.has(w)) continue;
    if (latin.has(w) || (/^[a-z]{1,6}'/u.test(w) && latin.has(w.slice(0, w.indexOf("'") + 1)))) n++;
  }
  for (const h of han) if (folded.includes(h)) n++;
  return n;
}

/** "je ne sais pas", "no idea", "不知道": not an answer, whatever the slot. */
export function isDontKnow(text: string): boolean {
  const bare = foldText(stripEndPunctuation(normalizeInput(text)));
  if (bare === '') return /[?？]/u.test(text);
  if (sets().dontKnow.has(bare)) return true;
  // "je sais pas, je dois demander au client", "不太确定，要问一下客户": every short clause says so.
  const clauses = bare.split(/\s*[,;，；]\s*/u).filter(Boolean);
  return clauses.length > 1 && clauses.length <= 3 && clauses.every((c) => sets().dontKnow.has(stripEndPunctuation(c)));
}

/** An email, a URL or a SEN inside the text: those belong to their own slots. */
export function holdsOtherValue(text: string): boolean {
  return EMAIL_LIKE.test(text) || URL_LIKE.test(text) || SEN_LIKE.test(text);
}

/**
 * Questions never make a value (question mark, question word at the start, 吗/什么…). A short
 * name that happens to start like a question ("Will Smith", "May Chen") is not one.
 */
export function isQuestionLike(text: string): boolean {
  if (/[?？]/u.test(text)) return true;
  if (!looksLikeQuestion(text)) return false;
  return HAN.test(text) || text.trim().split(/\s+/u).length > 3;
}

/** A dot that ends a sentence: after a word, not after an initial or a title ("J. Dupont", "Dr. Anne Weber", "St. John"). */
const SENTENCE_DOT = /(?<!(?:^|\s)(?:\p{L}|[DdMm]rs?|[Mm]s|[Pp]rof?|[Mm]me|[Mm]lle|[Ss]t|[JjSs]r))\.\s+/u;

/** The sentences of a short answer ("ok annual then. Tom Harker" → two), trimmed, empty ones dropped. */
export function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_DOT)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Legal forms that end a company's name, never a person's: "Contoso Ltd", "Dupont SAS", "云图科技有限公司". */
// Case matters: "Dupont SA" is a company, "Lisa Sa" a person.
const LEGAL_FORM = /(?:^|\s)(?:Ltd|LTD|ltd|Inc|INC|inc|Corp|CORP|LLC|llc|PLC|Plc|GmbH|GMBH|AG|SA|SAS|SARL|SASU|BV|NV|Pty|PTY|Pvt|SRL|SpA|Oy|AB|KK)\.?$|(?:有限公司|公司|集团|科技)$/u;
export const hasLegalForm = (value: string): boolean => LEGAL_FORM.test(value.trim());

/**
 * A person's name: 1–6 words of letters (hyphens, apostrophes, dots for initials), or 2–8
 * Chinese characters (a middle dot allowed), no digits; at most one sentence word, and none in
 * a name of 4+ words ("Will Smith" passes, "not sure yet" does not).
 */
export function isPlausiblePersonName(raw: string, lang: Lang): boolean {
  const value = stripEndPunctuation(normalizeInput(raw));
  if (!value || /\d/u.test(value) || holdsOtherValue(value) || isQuestionLike(value) || isDontKnow(value)) return false;
  // "yearly then. Dana Whitlock": two sentences are no one's name.
  if (splitSentences(value).length > 1) return false;
  if (isReferenceWord(value, lang) || isKeyboardMash(value) || hasLegalForm(value)) return false;
  if (!/^[\p{L}\p{M}'’.\-·•\s]+$/u.test(value)) return false;
  const han = value.match(HAN_ALL)?.length ?? 0;
  const words = value.split(/\s+/u).filter(Boolean);
  const sentence = sentenceWordCount(value);
  // "Jira是高级版" is one Chinese "word" that names a product: never a person.
  if (findProducts(value).length > 0 && (han > 0 || words.length <= 3)) return false;
  if (han > 0 && words.length === 1) return han >= 2 && han <= 8 && sentence === 0;
  if (words.length < 1 || words.length > 6) return false;
  if (words.length === 1 && [...value].length < 2) return false;
  // "Will Smith" may hold one sentence word; "faux" alone is that word, no name.
  return sentence === 0 || (sentence === 1 && words.length >= 2 && words.length <= 3);
}

/**
 * "idem", "c'est moi", "同上", "same as above" are pointers to another answer, never a name: the
 * interpreter resolves them (dialogs/quote/interpret/formTurn.ts); as a value they are refused.
 */
const COUNT_ONLY = /^\d[\d\s.,]*(?:users?|utilisateurs?|agents?|seats?|licen[cs]es?|postes?|个用户|用户|名用户|个坐席|坐席|人|个|名|位)$/iu;

export function isReferenceWord(value: string, lang: Lang): boolean {
  const words = formTurnWords();
  // "ok fine", "bon ok", "好吧": interjections alone name nobody.
  if (fillerRun(value, lang).whole) return true;
  // "算了，不用了", "never mind, forget it": taking something back names nobody.
  if (isOnlyBackingOut(value, lang)) return true;
  const folded = foldText(value).replace(/[\s'’.!?-]+$/u, '');
  // "le contact", "the technical contact": an article before a word of the form is still that word.
  const bare = folded.replace(/^(?:le|la|les|l'|the|a|an|un|une|my|mon|ma|our|notre|votre|your)\s*(?=\p{L})/u, '');
  // A word of the form itself ("email", "contact", "邮箱") typed alone names a field, not a person.
  return [...allLangs(words.selfRef, lang), ...allLangs(words.sameAsBare, lang), ...allLangs(words.leadIns, lang), ...allLangs(words.vocabulary, lang)].some(
    (w) => foldText(w) === folded || foldText(w) === bare,
  );
}

/** Every part of the value is a phrase taking something back (knowledge/nlu/handoff.json `backOut`). */
function isOnlyBackingOut(value: string, lang: Lang): boolean {
  const phrases = new Set(allLangs(handoffWords().backOut, lang).map((w) => foldText(w)));
  const parts = foldText(value)
    .split(/[\s]*[,;.!?，；。！？、]+[\s]*/u)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => phrases.has(p));
}

const fillerCache = new Map<Lang, string[]>();
/** The filler phrases (knowledge/nlu/formTurns.json `fillers`), folded, longest first; built once per language. */
function fillerPhrases(lang: Lang): string[] {
  let cached = fillerCache.get(lang);
  if (!cached) fillerCache.set(lang, (cached = allLangs(formTurnWords().fillers, lang).map(foldText).sort((a, b) => b.length - a.length)));
  return cached;
}

/**
 * The interjections at the start of a value ("bon ok, Thomas Béranger", "ok fine - Marcus Lowe",
 * "好吧，赵敏"): `end` is where the run of them stops (0: none), `cut` where the value after them
 * starts when a punctuation mark closes the run (a run without one may be part of a name or a
 * company: "OK Computers"), `whole` when nothing but them is typed.
 */
export function fillerRun(text: string, lang: Lang): { end: number; cut?: number; whole: boolean } {
  const folded = foldText(text);
  let end = 0;
  for (;;) {
    const at = end + (folded.slice(end).length - folded.slice(end).trimStart().length);
    const phrase = fillerPhrases(lang).find(
      (p) => folded.startsWith(p, at) && (HAN.test(p) || !/[\p{L}\p{N}'’]/u.test(folded[at + p.length] ?? '')),
    );
    if (!phrase) break;
    end = at + phrase.length;
  }
  if (end === 0) return { end, whole: false };
  const rest = folded.slice(end);
  const punct = /^\s*[,:;.!\-–—，：；！。、~～]+\s*/u.exec(rest);
  return { end, ...(punct && { cut: end + punct[0].length }), whole: /^[\s\p{P}\p{S}]*$/u.test(rest) };
}

/**
 * Letters mashed on a keyboard ("asdkjh qwpoe"): letter pairs that names in our three languages'
 * scripts almost never hold, two of them or more. One alone stays possible ("Dvořák" has none,
 * "Hirschfeld" none, "Mkhize" one).
 */
const MASH_PAIRS = new Set(['qw', 'wq', 'kj', 'jk', 'dk', 'kd', 'hj', 'jh', 'fj', 'jf', 'gj', 'jg', 'zx', 'xz', 'qz', 'zq', 'qp', 'pq', 'wp', 'pw', 'qg', 'gq', 'vq', 'qv', 'xj', 'jx', 'sdf', 'fds', 'lkj', 'jkl', 'qx', 'xq', 'vj', 'jv', 'bq', 'qb', 'fq', 'qf', 'jq', 'qj', 'wx', 'xw']);
function isKeyboardMash(value: string): boolean {
  const letters = foldText(value).replace(/[^a-z]/gu, ' ');
  let hits = 0;
  for (const word of letters.split(/\s+/u)) {
    for (let i = 0; i + 1 < word.length; i++) if (MASH_PAIRS.has(word.slice(i, i + 2))) hits++;
    if (/[bcdfghjklmnpqrstvwxz]{6}/u.test(word)) hits += 2;
  }
  return hits >= 2;
}

/**
 * A company or organisation: letters, digits allowed ("3M", "Numériq Services SAS",
 * "华信信息技术有限公司"), up to 12 words; not a sentence (two sentence words or more, or one in a
 * short name that is mostly that word).
 */
/**
 * "一家位于上海的合作伙伴", "a partner based in Lyon", "une ESN située à Nantes": what the company is,
 * not what it is called.
 */
const DESCRIPTION = /^(?:一(?:家|个|间|所)|某)|位于|(?:^|\s)(?:based|located) in\s|(?:^|\s)(?:basée?|située?|implantée?)s? (?:à|a|en|au|dans)\s/iu;

export function isPlausibleOrganization(raw: string, _lang: Lang): boolean {
  const value = stripEndPunctuation(normalizeInput(raw));
  if (!value || !/\p{L}/u.test(value) || holdsOtherValue(value) || isQuestionLike(value) || isDontKnow(value)) return false;
  // "客户：杭州市西湖区文三路90号" at the address prompt is the customer's address, not its name.
  if (isStreetAddress(value, _lang)) return false;
  if (DESCRIPTION.test(value)) return false;
  // "1000 utilisateurs", "500个用户" is a count, never a company.
  if (COUNT_ONLY.test(value)) return false;
  const words = value.split(/\s+/u).filter(Boolean);
  if (words.length > 12) return false;
  const han = value.match(HAN_ALL)?.length ?? 0;
  if (han > 40) return false;
  const sentence = sentenceWordCount(value);
  // "晨光能源有限公司" holds 能: one such character in a long Chinese name is still a company.
  if (han > 0) return sentence === 0 || (sentence === 1 && han >= 4);
  return sentence === 0 || (sentence === 1 && words.length >= 2 && words.length <= 6);
}

/**
 * A street address, by its shape (knowledge/nlu/organisations.json streetAddress): a Chinese house
 * number ("90号") or street word then a number ("文三路90"); a Latin value opening on a number with
 * a street word within its first words ("40 Harbour Road", "5 rue des Lilas"). "3M", "37signals" stay names.
 */
export function isStreetAddress(value: string, lang: Lang): boolean {
  const w = organisationWords().streetAddress;
  const streets = allLangs(w.streetWords, lang);
  const han = streets.filter((s) => /\p{Script=Han}/u.test(s));
  if (new RegExp(`\\d+\\s*${w.hanHouseNumber}`, 'u').test(value)) return true;
  if (han.some((s) => new RegExp(`\\p{Script=Han}${s}\\s*\\d`, 'u').test(value))) return true;
  const latin = new Set(streets.filter((s) => !/\p{Script=Han}/u.test(s)).map(foldText));
  const m = /^\s*\d+[a-z]?(?:-\d+)?,?\s+(.*)$/iu.exec(value);
  if (m) return m[1]!.split(/[\s,.]+/u).slice(0, 5).some((word) => latin.has(foldText(word)));
  // "Harbour Road" read from "customer: 40 Harbour Road": a short value ending on a street word, its number cut off.
  const words = value.split(/\s+/u);
  return words.length >= 2 && words.length <= 3 && latin.has(foldText(words.at(-1)!.replace(/[.,]$/u, '')));
}

/**
 * A postal address: a number or a postcode, or at least four words (a Chinese address: 6+
 * characters with a place word or a number); not a sentence. Line breaks are kept by the caller.
 */
export function isPlausibleAddress(raw: string, _lang: Lang): boolean {
  const value = raw.replace(/[\u00a0\u202f]/gu, ' ').trim();
  if (!value || !/\p{L}/u.test(value) || EMAIL_LIKE.test(value) || URL_LIKE.test(value) || SEN_LIKE.test(value)) return false;
  if (isQuestionLike(value) || isDontKnow(value)) return false;
  // Two addresses ("ours: …; theirs: …", cloud-new asks both): each half is judged on its own,
  // without its label, so two US-style addresses do not add up to "a sentence".
  const halves = value.split(/(?<!\s)\s*(?:[;；]|\s\/(?=\s))\s*/u).map((h) => h.replace(/^[^:：\d]{1,24}[:：]\s*/u, '')).filter(Boolean);
  if (halves.length >= 2) return halves.length <= 3 && halves.every((h) => isPlausibleAddress(h, _lang));
  const han = value.match(HAN_ALL)?.length ?? 0;
  const sentence = sentenceWordCount(value);
  // "我们：深圳市南山区…；客户：杭州市…": labels like 我们/客户 are not a sentence.
  if (han >= 4) return /\d|[省市区县路街道号镇村楼室弄巷]/u.test(value) && sentence <= 3 && !isQuestionLike(value);
  const words = value.split(/[\s,]+/u).filter(Boolean).length;
  const digits = /\d/u.test(value);
  if (digits) return words >= 2 && sentence <= 1;
  return words >= 4 && sentence === 0;
}

