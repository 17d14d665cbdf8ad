import type { Deployment } from '../../knowledge/catalogSchema.js';
import type { Lang } from '../../knowledge/lang.js';
import { allLangs, dateWords, findAlias, foldText, roleWords, type Span } from '../../knowledge/nlu/index.js';
import type { SlotName, SlotValues } from '../../knowledge/quoteTypes.js';
import { targetEdition } from './edition.js';
import { findProductMatchesTolerant } from './product.js';
import { normalizeInput } from './normalize.js';
import { deploymentOf } from './quoteKinds.js';
import { detectQuoteIntent, type QuoteIntent } from './quoteIntent.js';
import { findEmails } from './email.js';
import { EMAIL_OF_PERSON, findLeadingSignature, findPeople, findSignature, isPersonSlot } from './people.js';
import { invalidKey, type Message } from './result.js';
import { findSens } from './sen.js';
import { findSiteUrl } from './siteUrl.js';
import { findMaintenanceYears } from './maintenanceYears.js';
import { findPaymentPreference } from './paymentPreference.js';
import { findDate, mayContainDate } from './targetDate.js';
import { toTier } from './tier.js';
import { findUserCounts, pickUserCount, withoutListMarkers, type CountCandidate } from './userCount.js';
import { currentEndDates, findAddress } from './openingFacts.js';

/**
 * Prefill: from one free sentence, the request kind and every slot it already holds, so the
 * dialog asks only for the rest. Only what is unambiguous is filled:
 * - an email goes to a slot only when a role word precedes it ("contact technique : …");
 *   otherwise it is returned in `unassigned.emails` for the dialog to place;
 * - the user count is the "to" number of "from 1000 to 2000", or a number with a unit word;
 * - the date model runs only when the sentence has date words (it is slow in French).
 */

export interface ExtractedQuote {
  kind?: QuoteIntent['kind'];
  intent: QuoteIntent;
  slots: Partial<SlotValues>;
  unassigned: { emails: string[] };
  /** What was adjusted or refused on the way (a count rounded to a tier, a product not sold in that deployment). */
  notices: Message[];
  /** A customer contact named without a role ("contact Marc Baudin marc@baudin.fr"): the kind places it. */
  contact?: { name?: string; email?: string };
  /** Facts no slot holds, for the notes (a customer's postal address…); see openingFacts.ts. */
  facts: Message[];
  /** The user-count candidates and the one taken, for the tier an upgrade starts from. */
  counts: CountCandidate[];
  count?: CountCandidate;
  /** Slots filled from a value read without its role phrase (people.ts `tentative`). */
  tentative?: SlotName[];
}

export interface ExtractOptions {
  now?: Date;
  /**
   * false: leave out maintenance years and the target date, which never decide whether a message
   * is a request (the date model costs ~7 ms a call, seconds to build); `laterSlots` adds them.
   */
  laterSlots?: boolean;
}

type EmailSlot = 'resellerEmail' | 'technicalContactEmail' | 'endUserEmail' | 'authorizedContactEmail';
const EMAIL_SLOTS: readonly EmailSlot[] = ['technicalContactEmail', 'authorizedContactEmail', 'endUserEmail', 'resellerEmail'];

/** The email slot a role word just before `start` names ("contact technique : …"). */
export function emailRoleBefore(folded: string, start: number): EmailSlot | undefined {
  const before = folded.slice(Math.max(0, start - 40), start);
  const roles = roleWords();
  let best: { slot: EmailSlot; at: number } | undefined;
  for (const slot of EMAIL_SLOTS) {
    for (const word of roles[slot]) {
      const at = before.lastIndexOf(foldText(word));
      if (at >= 0 && (!best || at > best.at)) best = { slot, at };
    }
  }
  return best?.slot;
}

/**
 * A word holding a site URL, blanked whole; tried from word starts only (linear on long words).
 * Chinese text and punctuation end the word: "站点 x.atlassian.net，50个用户" has no space after
 * the URL, and the count after the full-width comma is a fact of its own (qa10 Q10-2).
 */
const SITE_TOKEN = /(?<![^\s\p{Script=Han}，。；：！？、（）【】「」])[^\s\p{Script=Han}，。；：！？、（）【】「」]{0,2048}?\.atlassian\.net[^\s\p{Script=Han}，。；：！？、（）【】「」,;]{0,2048}/giu;

/**
 * Each email with where it is: our own pattern (findEmails), not the recognizer, which cuts
 * top-level domains it does not know ("alpenbau.consulting" → "alpenbau.consul") and keeps a
 * sentence's final dot.
 */
function emailSpans(input: string): Array<{ value: string; start: number; end: number }> {
  const lower = input.toLowerCase();
  let from = 0;
  return findEmails(input).flatMap((value) => {
    const start = lower.indexOf(value, from);
    if (start < 0) return [];
    from = start + value.length;
    return [{ value, start, end: start + value.length }];
  });
}

export function extractQuoteSlots(text: string, lang: Lang, options: ExtractOptions = {}): ExtractedQuote {
  // List item numbers ("1. 产品：…") are blanked before line breaks are folded away.
  const input = normalizeInput(withoutListMarkers(text));
  const folded = foldText(input);
  const intent = detectQuoteIntent(input, lang);
  const slots: Partial<SlotValues> = {};
  const blank: Span[] = [];

  const sens = findSens(input);
  if (sens.length > 0) slots.sen = sens.map((s) => s.sen);
  blank.push(...sens);

  const siteUrl = findSiteUrl(input);
  if (siteUrl) slots.siteUrl = siteUrl;
  for (const m of input.matchAll(SITE_TOKEN)) blank.push({ start: m.index, end: m.index + m[0].length });

  const found = findPeople(input, lang);
  // "… Rob Hale, Castleford Software, rob@…" closing the message: signed by the reseller.
  // "Hi, Tom Becker, Northwind IT, tom@… - need a cloud quote…": the same signature opening a
  // request. Only a request: at a prompt, "贺凡，站点管理员，hefan@…。顺便问下…" is the person asked.
  const signature = found.some((p) => p.slot === 'resellerName') ? [] : findSignature(input, lang).length > 0 ? findSignature(input, lang) : intent.isQuote ? findLeadingSignature(input, lang) : [];
  const people = [...found, ...signature.filter((s) => !found.some((f) => f.slot === s.slot || (s.start < f.end && f.start < s.end)))];
  const contact: { name?: string; email?: string } = {};
  const tentative: SlotName[] = [];
  for (const person of people) {
    if (person.generic) contact.name ??= person.value;
    else if (slots[person.slot as keyof SlotValues] === undefined) {
      Object.assign(slots, { [person.slot]: person.value });
      if (person.tentative) tentative.push(person.slot);
    }
  }
  blank.push(...people);

  const facts: Message[] = [];
  const address = findAddress(input, lang);
  if (address) {
    blank.push({ start: address.start, end: address.start + address.value.length + 24 });
    if (address.billing) slots.billingAddress = address.value;
    else {
      // "société Dupont SA, adresse …": right after a company or person, the address is theirs.
      const owner = people.filter((p) => p.end <= address.start && address.start - p.end <= 12).at(-1);
      const whose = !owner ? 'other' : owner.slot === 'resellerCompany' || owner.slot === 'resellerName' ? 'reseller' : 'customer';
      facts.push({ key: 'quoteDialog:opening.address', params: { value: address.value, whose } });
    }
  }

  const unassigned: string[] = [];
  for (const email of emailSpans(input)) {
    blank.push(email);
    const value = email.value.toLowerCase();
    // "Pierre Martin (pierre@acme.fr)": an email right after a named person is theirs.
    // "Priya Sharma from Northgate (priya@…)": the reseller's company stands for the reseller.
    const owner = people.find((p) => (isPersonSlot(p.slot) || p.slot === 'resellerCompany') && email.start - p.end >= 0 && email.start - p.end <= 4);
    if (owner?.generic && !contact.email) {
      contact.email = value;
      continue;
    }
    const ownerSlot = owner && (isPersonSlot(owner.slot) ? EMAIL_OF_PERSON[owner.slot] : 'resellerEmail');
    const role = (ownerSlot as EmailSlot | undefined) ?? emailRoleBefore(folded, email.start);
    if (role && slots[role] === undefined) slots[role] = value;
    else if (!unassigned.includes(value)) unassigned.push(value);
  }

  const notices: Message[] = [];
  const deployment = intent.kind ? deploymentOf(intent.kind) : intent.deployment === 'server' ? 'data-center' : intent.deployment;
  // A product not sold in the deployment asked for (Loom on Data Center) is refused, with the reason.
  const products = findProductMatchesTolerant(input).filter((m) => {
    if (!deployment || m.product.deployments.includes(deployment)) return true;
    notices.push({ key: invalidKey('productDeployment'), params: { product: m.product.name, deployment } });
    return false;
  });
  if (products.length > 0) slots.product = products.map((m) => m.product.id);

  // Cloud edition words only: "Data Center" already names the deployment.
  const edition = targetEdition(input, 'cloud');
  if (edition && deployment !== 'data-center') slots.edition = edition;

  const counts = findUserCounts(input, lang, blank);
  const count = pickUserCount(counts, false);
  // Deployment not said yet: the count stays as said, rounded (and said) once the kind is known.
  if (count && !deployment) slots.tier = count.value;
  else if (count) {
    const tier = toTier(count.value, { ...(deployment && { deployment }), ...(products[0] && { productId: products[0].product.id }) }, count.unit);
    if (tier.ok) {
      slots.tier = tier.value;
      if (tier.notice) notices.push(tier.notice);
    }
  }

  const payment = findPaymentPreference(input, lang);
  if (payment) slots.paymentPreference = payment;

  if (options.laterSlots !== false) Object.assign(slots, laterSlotsOf(input, lang, deployment, options.now ?? new Date()));

  return {
    ...(intent.kind && { kind: intent.kind }),
    intent,
    slots,
    unassigned: { emails: unassigned },
    notices,
    ...((contact.name || contact.email) && { contact }),
    facts,
    counts,
    ...(count && { count }),
    ...(tentative.length > 0 && { tentative }),
  };
}

/** Where the text after the last co-term target cue starts ("align everything to …"), if any. */
function lastTargetCue(input: string, lang: Lang): number | undefined {
  const folded = foldText(input);
  let at: number | undefined;
  for (const cue of allLangs(dateWords().targetCues, lang)) {
    for (const span of findAlias(folded, foldText(cue))) if (at === undefined || span.end > at) at = span.end;
  }
  return at;
}

function laterSlotsOf(input: string, lang: Lang, deployment: Deployment | undefined, now: Date): Partial<SlotValues> {
  const slots: Partial<SlotValues> = {};
  // Cloud is billed annually: maintenance years only mean something for Data Center.
  const years = deployment === 'cloud' ? undefined : findMaintenanceYears(input, lang);
  if (years !== undefined) slots.maintenanceYears = years;
  if (mayContainDate(input, lang)) {
    // "…fin 15/03/2027 …, aligner sur le 30/09/2027": the date after the last target cue first.
    const cue = lastTargetCue(input, lang);
    const after = cue === undefined ? undefined : findDate(input.slice(cue), lang, now);
    // "SEN-A… ends 15 March 2027, SEN-B… ends 2 May 2027": those are the licences' current end dates, not the target.
    const current = new Set(currentEndDates(input, lang, now).map((c) => c.date));
    const date = after ?? findDate(input, lang, now);
    if (date && date > now.toISOString().slice(0, 10) && (after !== undefined || !current.has(date))) slots.targetDate = date;
  }
  return slots;
}

/** The slots `extractQuoteSlots(…, { laterSlots: false })` left out, for the same text and intent. */
export function laterSlots(text: string, lang: Lang, intent: QuoteIntent, now = new Date()): Partial<SlotValues> {
  const deployment = intent.kind ? deploymentOf(intent.kind) : intent.deployment === 'server' ? 'data-center' : intent.deployment;
  return laterSlotsOf(normalizeInput(withoutListMarkers(text)), lang, deployment, now);
}

/** The slot names a sentence filled, for logs and tests. */
export const filledSlotNames = (extracted: ExtractedQuote): SlotName[] => Object.keys(extracted.slots) as SlotName[];
