import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords, quoteIntentWords } from '../../knowledge/nlu/index.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import {
  checkCotermRenewalsOnly,
  extractQuoteSlots,
  findEmails,
  findSens,
  isPlausibleOrganization,
  slotsOf,
  stripIntro,
  validateEmail,
  validateSlot,
  type CotermLicence,
  type Message,
  type ValidationContext,
} from '../validators/index.js';
import { mentions } from './dialogWords.js';
import { splitNameAndCompany } from '../validators/people.js';
import { isReferenceWord, splitSentences } from '../validators/plausible.js';
import { isWrittenAsName } from '../validators/freeText.js';
import { editionsPerProduct, fitItemTiers, sensPerProduct, tiersPerProduct } from './orderItems.js';
import { readPaymentAnswer } from './paymentAnswer.js';
import { deploymentFor, isFilled, requireKind, type FilledSlots, type QuoteDraft } from './quoteDraft.js';

/**
 * Reads one answer to the prompt for `slot`: the slot's validator, the business rules that
 * look at an answer, and any other slot the same answer gives ("Julie Roux,
 * julie@atelier-roux.fr" fills the name and the email). Pure: no botbuilder.
 */

export type AnswerReading =
  | { ok: true; slots: FilledSlots; draft: Partial<QuoteDraft>; notices: Message[] }
  /** `rule`: refused by a business rule (not a typing mistake: no failure is counted). */
  | { ok: false; reason: Message; rule: boolean };

const EMAIL_OF_NAME: Partial<Record<SlotName, SlotName>> = {
  resellerName: 'resellerEmail',
  endUserName: 'endUserEmail',
  authorizedContactName: 'authorizedContactEmail',
  technicalContactName: 'technicalContactEmail',
};

/** Slots another answer may also fill: unambiguous shapes only (a company name can contain "Jira"). */
const ALWAYS_EXTRA: readonly SlotName[] = ['sen', 'siteUrl', 'resellerEmail', 'technicalContactEmail', 'endUserEmail', 'authorizedContactEmail'];
const ORDER_SLOTS: readonly SlotName[] = ['product', 'tier', 'edition', 'maintenanceYears'];

export function validationContext(draft: QuoteDraft, now: Date, dayFirst?: boolean): ValidationContext {
  const deployment = deploymentFor(draft);
  const productId = draft.slots.product?.[0];
  return { ...(deployment && { deployment }), ...(productId && { productId }), ...(draft.kind && { kind: draft.kind }), now, ...(dayFirst !== undefined && { dayFirst }) };
}

export function readAnswer(draft: QuoteDraft, slot: SlotName, text: string, lang: Lang, now = new Date(), dayFirst?: boolean): AnswerReading {
  const ctx = validationContext(draft, now, dayFirst);
  const extra: Partial<QuoteDraft> = {};

  if (slot === 'paymentPreference') {
    const payment = readPaymentAnswer(text, lang, ctx.deployment);
    if (payment.kind === 'refused') return { ok: false, reason: payment.violation, rule: true };
    if (payment.kind === 'net30') return { ok: true, slots: { paymentPreference: 'quote' }, draft: { net30: true }, notices: [] };
  }

  let slots: FilledSlots;
  const notices: Message[] = [];
  const result = validateSlot(slot, text, lang, ctx);
  if (result.ok) {
    slots = { [slot]: result.value } as FilledSlots;
    if (result.notice) notices.push(result.notice);
    Object.assign(slots, nameBesideEmail(draft, slot, text, lang), companyBesideName(draft, slot, String(result.value), lang), copiedEmails(draft, slot, String(result.value), text));
  } else {
    const split = splitNameAndEmail(draft, slot, text, lang) ?? nameBeforeRemark(draft, slot, text, lang);
    if (!split) return { ok: false, reason: { key: result.reason, ...(result.params && { params: result.params }) }, rule: false };
    slots = split;
  }

  if (slot === 'sen' && draft.kind === 'coterm') {
    const violation = checkCotermRenewalsOnly(licenceTypes(text));
    if (violation) return { ok: false, reason: violation, rule: true };
  }
  if (slot === 'tier' || slot === 'product') {
    const perProduct = fitItemTiers(tiersPerProduct(text, lang), deploymentFor(draft));
    if (Object.keys(perProduct.tiers).length > 0) {
      extra.itemTiers = { ...draft.itemTiers, ...perProduct.tiers };
      // Each product's rounding is said (in agents for JSM); the request's one count is then not the order's.
      notices.splice(0, notices.length, ...notices.filter((n) => !/notice\.tier/u.test(n.key)), ...perProduct.notices);
    }
  }
  if (slot === 'sen' || slot === 'product') {
    const paired = sensPerProduct(text);
    if (Object.keys(paired).length > 0) extra.itemSens = { ...draft.itemSens, ...paired };
  }
  if (slot === 'edition' || slot === 'product') {
    const perProduct = editionsPerProduct(text, deploymentFor(draft));
    if (Object.keys(perProduct).length > 0) extra.itemEditions = { ...draft.itemEditions, ...perProduct };
  }
  return { ok: true, slots: { ...otherSlots(draft, slot, text, lang, now), ...slots }, draft: extra, notices };
}

const NAME_OF_EMAIL: Partial<Record<SlotName, SlotName>> = Object.fromEntries(Object.entries(EMAIL_OF_NAME).map(([name, email]) => [email, name]));

/**
 * "c'est jean-marc.dubois@acme.fr, il s'appelle Jean-Marc Dubois", "wangfang@yunshan.cn 王芳" at an
 * email prompt: the person's name too, when the form has a field for it and it is still empty.
 */
function nameBesideEmail(draft: QuoteDraft, slot: SlotName, text: string, lang: Lang): FilledSlots {
  const nameSlot = NAME_OF_EMAIL[slot];
  const [email] = findEmails(text);
  if (!nameSlot || !email || isFilled(draft.slots[nameSlot]) || !slotsOf(requireKind(draft)).includes(nameSlot)) return {};
  const at = text.toLowerCase().indexOf(email.toLowerCase());
  const rest = at < 0 ? text : `${text.slice(0, at)} , ${text.slice(at + email.length)}`;
  for (const part of rest.split(/[,;|/()（），；、\n]+|\s[-–—]\s/u)) {
    // "…, not Contoso's", "pas Dupont", "不是王芳": the old value of a correction, nobody's name.
    if (/^\s*(?:(?:not|pas|non|and not|et non)(?:\s|$)|不是|而不是)/iu.test(part)) continue;
    const value = stripIntro(part, lang);
    const full = /\p{Script=Han}/u.test(value) || value.split(/\s+/u).length >= 2;
    const name = full ? validateSlot(nameSlot, value, lang) : undefined;
    if (name?.ok) return { [nameSlot]: name.value } as FilledSlots;
  }
  return {};
}

/**
 * "jean@client.fr, et en copie marie@client.fr" at an email prompt: the first is the answer, the
 * others are kept in the notes as "cc: …" (said back with the answer), never dropped.
 */
function copiedEmails(draft: QuoteDraft, slot: SlotName, taken: string, text: string): FilledSlots {
  if (!NAME_OF_EMAIL[slot] || !slotsOf(requireKind(draft)).includes('notes')) return {};
  const known = new Set(Object.values(draft.slots).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()));
  const others = findEmails(text).filter((e) => e.toLowerCase() !== taken.toLowerCase() && !known.has(e.toLowerCase()));
  if (others.length === 0) return {};
  const cc = `cc: ${others.join(', ')}`;
  return { notes: draft.slots.notes ? `${draft.slots.notes} ; ${cc}` : cc };
}

/**
 * "Yannick Giraud, le DSI", "Marc Delorme, de chez Nuage Conseil" at a name prompt: the full name
 * before the comma (and, for the reseller, the company after "de chez / from"); the role
 * description after it is not part of the name.
 */
function nameBeforeRemark(draft: QuoteDraft, slot: SlotName, text: string, lang: Lang): FilledSlots | undefined {
  if (!EMAIL_OF_NAME[slot]) return undefined;
  const parts = text.split(/[,，;；]/u);
  // "c'est moi le contact, Luc Besson-Morel (revendeur …)": a pointer first ("me", "the contact") names nobody; the name follows.
  let pointed = false;
  while (parts.length > 1 && isPointer(parts[0]!, lang)) pointed = Boolean(parts.shift());
  const [head, ...rest] = parts;
  const name = stripIntro(head ?? '', lang);
  if ((rest.length === 0 && !pointed) || !(/\p{Script=Han}/u.test(name) || name.split(/\s+/u).length >= 2)) return undefined;
  const result = validateSlot(slot, name, lang);
  if (!result.ok) return undefined;
  const company = slot === 'resellerName' ? companyBesideName(draft, slot, `${name} ${rest.join(',').trim()}`, lang).resellerCompany : undefined;
  return { [slot]: result.value, ...(company && { resellerCompany: company }) } as FilledSlots;
}

/** "c'est moi le contact", "that's me, the contact", "联系人就是我": who is meant, not a name. */
function isPointer(part: string, lang: Lang): boolean {
  const value = stripIntro(part, lang);
  if (!value || isReferenceWord(value, lang)) return true;
  // "联系人就是我": a self-reference inside a part that is no name.
  const folded = foldText(part);
  const self = allLangs(formTurnWords().selfRef, lang).some((w) => (/\p{Script=Han}/u.test(w) ? folded.includes(w) : findAlias(folded, foldText(w)).length > 0));
  return self && !validateSlot('resellerName', value, lang).ok;
}

/** "Sophie Marchand de chez Numérik Partenaires" at the reseller's name prompt: the name and their company. */
function companyBesideName(draft: QuoteDraft, slot: SlotName, value: string, lang: Lang): FilledSlots {
  if (slot !== 'resellerName') return {};
  const split = splitNameAndCompany(value, lang);
  if (!split) return {};
  const company = !isFilled(draft.slots.resellerCompany) && slotsOf(requireKind(draft)).includes('resellerCompany') ? { resellerCompany: split.company } : {};
  return { resellerName: split.name, ...company };
}

/**
 * "Julie Roux, julie.roux@atelier-roux.fr" to a name prompt: the name, and the email beside it.
 * The answer is read part by part ("Kevin Brandt, kevin@alpine.de, Alpine Software GmbH"): the
 * name is the part shaped like one; at the reseller's own name, a part shaped like a company is
 * their company. Nothing else of the sentence is glued to the name.
 */
function splitNameAndEmail(draft: QuoteDraft, slot: SlotName, text: string, lang: Lang): FilledSlots | undefined {
  const emailSlot = EMAIL_OF_NAME[slot];
  const [email] = findEmails(text);
  if (!emailSlot || !email) return undefined;
  // Sentence ends and ellipses too: "je l'ai écrit au début... Antoine Lefort, …", "好吧。我叫陈静，…".
  const clean = (list: string[]) =>
    list.map((p) => p.replace(email, ' ').replace(/[<>[\]:：]+/gu, ' ').replace(/\s+/gu, ' ').trim()).filter((p) => p && !/^(?:e-?mail|mail|邮箱|邮件|电子邮件)$/iu.test(p));
  const pieces = text.split(/[,;|/()（），；、。！!\n]+|\.{2,}|…|\s[-–—]\s/u);
  // Given with an email, a name is a full name ("Tom Baker", "王磊"), not a stray word ("pardon, …").
  const fullName = (p: string) => /\p{Script=Han}/u.test(p) || stripIntro(p, lang).split(/\s+/u).length >= 2;
  const isName = (p: string) => fullName(p) && validateSlot(slot, stripIntro(p, lang), lang).ok;
  // "ok annual then. Tom Harker, Northgate IT Solutions, tom@…": read sentence by sentence, the part
  // written as a name ("Tom Harker") is it, never the company after it nor a lower-case remark.
  const sentences = clean(pieces.flatMap((p) => splitSentences(p)));
  const written = sentences.findIndex((p) => isName(p) && isWrittenAsName(stripIntro(p, lang)));
  const parts = written >= 0 ? sentences : clean(pieces);
  const nameAt = written >= 0 ? written : parts.findIndex(isName);
  const address = validateEmail(email, lang);
  if (nameAt < 0 || !address.ok) return undefined;
  const name = validateSlot(slot, stripIntro(parts[nameAt]!, lang), lang);
  if (!name.ok) return undefined;
  const out: FilledSlots = { [slot]: name.value };
  if (!isFilled(draft.slots[emailSlot])) Object.assign(out, { [emailSlot]: address.value });
  const rest = parts.filter((_, i) => i !== nameAt);
  const company = slot === 'resellerName' && !isFilled(draft.slots.resellerCompany) ? rest.map(companyOf).find((c) => c !== undefined) : undefined;
  if (company && slotsOf(requireKind(draft)).includes('resellerCompany')) out.resellerCompany = company;
  return out;

  function companyOf(part: string): string | undefined {
    const stripped = part.replace(/^(?:公司是|公司|company|société|societe)\s*[:：]?\s*/iu, '');
    return /^[\p{Lu}\d]|\p{Script=Han}/u.test(stripped) && isPlausibleOrganization(stripped, lang) ? stripped : undefined;
  }
}

/**
 * Other slots of this kind the answer happens to give, where nothing was filled yet — except
 * the order lines: "Jira et Confluence, 500 utilisateurs" at the product prompt (an edit) sets
 * the tier too, so the summary never shows the old one. The interpreter says each change back.
 */
function otherSlots(draft: QuoteDraft, asked: SlotName, text: string, lang: Lang, now: Date): FilledSlots {
  const orderAnswer = ORDER_SLOTS.includes(asked);
  const mayHold = orderAnswer ? [...ALWAYS_EXTRA, ...ORDER_SLOTS] : ALWAYS_EXTRA;
  // Extraction runs the number and date models: skip it when nothing of that shape is there.
  if (!ORDER_SLOTS.includes(asked) && !/@|sen|atlassian\.net/i.test(text)) return {};
  const kind = requireKind(draft);
  const allowed = new Set(slotsOf(kind));
  const found = extractQuoteSlots(text, lang, { now }).slots as FilledSlots;
  const out: FilledSlots = {};
  for (const name of Object.keys(found) as SlotName[]) {
    const replaceable = orderAnswer && ORDER_SLOTS.includes(name);
    if (name === asked || !mayHold.includes(name) || !allowed.has(name) || (isFilled(draft.slots[name]) && !replaceable)) continue;
    Object.assign(out, { [name]: found[name] });
  }
  return out;
}

/**
 * Co-term answers: each SEN with the words of its own clause ("SEN-L1234567 (nouvelle
 * licence)"), so a new or upgraded licence can be refused by name.
 */
export function licenceTypes(text: string): CotermLicence[] {
  const words = quoteIntentWords();
  const clauses = text.split(/[,;、，；\n]|\bet\b|\band\b|和|及|与/iu);
  return clauses.flatMap((clause) => {
    const folded = foldText(clause);
    const type: CotermLicence['type'] = mentions(folded, Object.values(words.upgrade).flat())
      ? 'upgrade'
      : mentions(folded, Object.values(words.newPurchase).flat())
        ? 'new'
        : 'renewal';
    return findSens(clause, { allowBare: true }).map((s) => ({ sen: s.sen, type }));
  });
}
