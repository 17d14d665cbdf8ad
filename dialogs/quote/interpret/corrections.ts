import { findProductMatches } from '../../../knowledge/catalog.js';
import type { Lang } from '../../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords } from '../../../knowledge/nlu/index.js';
import type { SlotName } from '../../../knowledge/quoteTypes.js';
import {
  emailRoleBefore,
  findEditions,
  findEmails,
  findMaintenanceYears,
  findSens,
  findSiteUrl,
  findUserCounts,
  normalizeInput,
  slotsOf,
  toTier,
  type Message,
} from '../../validators/index.js';
import { findPeople } from '../../validators/people.js';
import { deploymentFor, isFilled, requireKind, type FilledSlots, type QuoteDraft } from '../quoteDraft.js';

/**
 * Corrections typed at any prompt or at the summary: "actually 500 users not 250", "non, 300",
 * "the technical contact email is x@y.fr, not …", "oups j'ai inversé les deux contacts",
 * "改成1000用户", "邮箱写错了，应该是…". Pure: reads the draft and the text, returns the slot
 * updates and what changed (said back to the user, never applied silently).
 */

export interface Change {
  slot: SlotName;
  from?: unknown;
  to: unknown;
  /** A per-product tier ("Jira should be 300 users"). */
  product?: string;
}

export interface CorrectionReading {
  slots: FilledSlots;
  itemTiers?: Record<string, number>;
  changes: Change[];
  notices: Message[];
  /** The two people swapped, for the one-line confirmation. */
  swapped?: [SlotName, SlotName];
}

const PEOPLE: ReadonlyArray<{ name: SlotName; email: SlotName }> = [
  { name: 'resellerName', email: 'resellerEmail' },
  { name: 'technicalContactName', email: 'technicalContactEmail' },
  { name: 'endUserName', email: 'endUserEmail' },
  { name: 'authorizedContactName', email: 'authorizedContactEmail' },
];
const EMAIL_SLOTS = PEOPLE.map((p) => p.email);

const said = (folded: string, words: readonly string[]) => words.some((w) => findAlias(folded, foldText(w)).length > 0);

/** Does the message say it corrects something ("actually", "en fait", "non,", "改成")? */
export function hasCorrectionMarker(text: string, lang: Lang): boolean {
  return said(foldText(normalizeInput(text)), allLangs(formTurnWords().correction, lang));
}

/** Words that mark the OLD value: "not 250", "pas 250", "au lieu de 250", "不是250". */
const NEGATIONS = ['not', 'instead of', 'rather than', 'and not', 'pas', 'au lieu de', 'plutot que', 'et non', 'non pas', '不是', '而不是', '原来是', '原来的'];
function isOldValue(folded: string, start: number): boolean {
  const before = folded.slice(Math.max(0, start - 14), start);
  return NEGATIONS.some((n) => findAlias(before, n).some((s) => before.slice(s.end).trim().length <= 3));
}

/** The order the user gave answers in, most recent last (prefilled slots count as first). */
function answerOrder(draft: QuoteDraft): SlotName[] {
  const filled = (Object.keys(draft.slots) as SlotName[]).filter((s) => isFilled(draft.slots[s]));
  const answered = draft.answered.filter((s) => filled.includes(s));
  return [...filled.filter((s) => !answered.includes(s)), ...answered];
}

function lastOf(draft: QuoteDraft, among: readonly SlotName[]): SlotName | undefined {
  return answerOrder(draft).filter((s) => among.includes(s)).at(-1);
}

/** "oups j'ai inversé les deux contacts": the two people the text names, else the two last given. */
function readSwap(draft: QuoteDraft, folded: string, lang: Lang): CorrectionReading | undefined {
  const words = formTurnWords();
  if (!said(folded, allLangs(words.swap, lang))) return undefined;
  const present = PEOPLE.filter((p) => isFilled(draft.slots[p.name]) || isFilled(draft.slots[p.email]));
  if (present.length < 2) return undefined;
  const order = answerOrder(draft);
  const recency = (p: (typeof PEOPLE)[number]) => Math.max(order.indexOf(p.name), order.indexOf(p.email));
  const [a, b] = [...present].sort((x, y) => recency(y) - recency(x)).slice(0, 2).sort((x, y) => recency(x) - recency(y)) as [
    (typeof PEOPLE)[number],
    (typeof PEOPLE)[number],
  ];
  const onlyEmails = said(folded, allLangs(words.swapTargets.emails, lang)) && !said(folded, allLangs(words.swapTargets.people, lang));
  const onlyNames = said(folded, allLangs(words.swapTargets.names, lang)) && !said(folded, allLangs(words.swapTargets.people, lang));
  const fields = onlyEmails ? (['email'] as const) : onlyNames ? (['name'] as const) : (['name', 'email'] as const);
  const slots: FilledSlots = {};
  const changes: Change[] = [];
  for (const field of fields) {
    const [sa, sb] = [a[field], b[field]];
    const [va, vb] = [draft.slots[sa], draft.slots[sb]];
    if (va === vb) continue;
    Object.assign(slots, { [sa]: vb, [sb]: va });
    changes.push({ slot: sa, from: va, to: vb }, { slot: sb, from: vb, to: va });
  }
  if (changes.length === 0) return undefined;
  return { slots, changes, notices: [], swapped: [a.name, b.name] };
}

/**
 * What the text changes in slots other than `asked`, or undefined when it changes nothing.
 * Only values of an unambiguous shape are read: an email, a SEN, a site URL, a count with a
 * unit word (or a bare number after a correction word: "non, 300"), years with their unit,
 * a product or edition swapped for another, a name after its role word. A value the text marks
 * as old ("not 250") is never taken as the new one.
 */
export function readCorrection(draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): CorrectionReading | undefined {
  const input = normalizeInput(text);
  const folded = foldText(input);
  const kind = requireKind(draft);
  const allowed = new Set(slotsOf(kind));
  const marker = hasCorrectionMarker(input, lang);
  const swap = readSwap(draft, folded, lang);
  if (swap) return swap;

  const slots: FilledSlots = {};
  const changes: Change[] = [];
  const notices: Message[] = [];
  let itemTiers: Record<string, number> | undefined;
  const deployment = deploymentFor(draft);
  /** Slots the text names by their role word: they may change without a correction word. */
  const explicitRole = new Set<SlotName>();
  const set = (slot: SlotName, value: unknown) => {
    if (slot === asked || !allowed.has(slot)) return;
    const current = draft.slots[slot];
    if (JSON.stringify(current) === JSON.stringify(value)) return;
    // Without a correction word, only an empty slot may be filled from another prompt.
    if (isFilled(current) && !marker && !explicitRole.has(slot)) return;
    Object.assign(slots, { [slot]: value });
    changes.push({ slot, ...(isFilled(current) && { from: current }), to: value });
  };

  // Emails: by the role word before each, else the slot holding the old address, else the last given.
  const emails = findEmails(input);
  const fresh = emails.filter((e) => !isOldValue(folded, folded.indexOf(e)));
  const old = emails.filter((e) => isOldValue(folded, folded.indexOf(e)));
  for (const email of fresh) {
    const role = emailRoleBefore(folded, folded.indexOf(email));
    const holder = old.map((o) => EMAIL_SLOTS.find((s) => draft.slots[s] === o)).find((s) => s !== undefined);
    // At an email prompt an email without a role word is that prompt's answer, not a correction.
    const fallback = marker && !EMAIL_SLOTS.includes(asked) ? lastOf(draft, EMAIL_SLOTS) : undefined;
    const target = role ?? holder ?? fallback;
    if (!target) continue;
    if (role) explicitRole.add(role);
    set(target, email);
  }

  // Names and companies after their role word ("le contact technique c'est Paul Durand").
  for (const person of findPeople(input, lang)) {
    explicitRole.add(person.slot);
    set(person.slot, person.value);
  }

  const sens = findSens(input).filter((s) => !isOldValue(folded, s.start));
  if (sens.length > 0 && (marker || !isFilled(draft.slots.sen))) set('sen', sens.map((s) => s.sen));
  const site = findSiteUrl(input);
  if (site && (marker || !isFilled(draft.slots.siteUrl))) set('siteUrl', site);

  // Products: one named as wrong and another as right ("Confluence, pas Jira", "改成Confluence").
  const products = findProductMatches(input);
  const oldProducts = products.filter((m) => isOldValue(folded, m.start)).map((m) => m.product.id);
  const newProducts = products.filter((m) => !isOldValue(folded, m.start)).map((m) => m.product.id);
  const current = draft.slots.product ?? [];
  if (marker && oldProducts.length > 0 && newProducts.some((p) => !current.includes(p))) {
    const replaced = [...new Set([...current.filter((p) => !oldProducts.includes(p)), ...newProducts])];
    set('product', replaced);
  }

  // User counts: with a unit word, or a bare number after a correction word ("non, 300").
  const counts = findUserCounts(input, lang).filter((c) => !c.article);
  const numbers = counts.filter((c) => !isOldValue(folded, positionOf(folded, c.value)));
  const withUnit = numbers.filter((c) => c.withUnit);
  const years = findMaintenanceYears(input, lang);
  const lastNumeric = lastOf(draft, ['tier', 'maintenanceYears']);
  const count = withUnit.at(-1) ?? (marker && years === undefined && lastNumeric !== 'maintenanceYears' ? numbers.at(-1) : undefined);
  if (count && asked !== 'tier') {
    const named = newProducts.find((p) => current.includes(p));
    const tier = toTier(count.value, { ...(deployment && { deployment }), ...(named && { productId: named }) });
    if (tier.ok) {
      if (named && current.length > 1) {
        const before = draft.itemTiers[named] ?? draft.slots.tier;
        if (before !== tier.value) {
          itemTiers = { ...draft.itemTiers, [named]: tier.value };
          changes.push({ slot: 'tier', product: named, ...(before !== undefined && { from: before }), to: tier.value });
        }
      } else set('tier', tier.value);
      if (tier.notice && changes.some((c) => c.slot === 'tier')) notices.push(tier.notice);
    }
  }
  const bareYears = marker && lastNumeric === 'maintenanceYears' && !withUnit.length ? numbers.at(-1)?.value : undefined;
  const newYears = years ?? bareYears;
  if (newYears !== undefined && asked !== 'maintenanceYears') set('maintenanceYears', newYears);

  // Edition: only when said as a change.
  const editions = deployment ? findEditions(input, deployment) : [];
  if (marker && editions.length > 0 && asked !== 'edition') set('edition', editions.at(-1));

  if (changes.length === 0) return undefined;
  return { slots, ...(itemTiers && { itemTiers }), changes, notices };
}

/** Where the digits of a value are in the folded text (for "not 250" checks). */
function positionOf(folded: string, value: number): number {
  const at = folded.search(new RegExp(`(?<!\\d)${value}(?!\\d)`, 'u'));
  return at < 0 ? 0 : at;
}
