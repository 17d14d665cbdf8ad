import { findProductMatches, loadCatalog } from '../../../knowledge/catalog.js';
import type { Lang } from '../../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords, quoteIntentWords } from '../../../knowledge/nlu/index.js';
import type { SlotName } from '../../../knowledge/quoteTypes.js';
import {
  emailRoleBefore,
  findEditions,
  findEmails,
  findMaintenanceYears,
  yearsOutOfRange,
  findSens,
  findSiteUrl,
  findUserCounts,
  isQuestionLike,
  mayContainDate,
  normalizeInput,
  slotsOf,
  toTier,
  validateSlot,
  validateTargetDate,
  withoutListMarkers,
  type Message,
} from '../../validators/index.js';
import { EMAIL_OF_PERSON, findPeople, findSelfReferences, hasLegalForm, isPersonSlot, ORGANISATION_OF, type PersonSlot } from '../../validators/people.js';
import { targetEdition } from '../../validators/edition.js';
import { editionsPerProduct, sensPerProduct, tiersPerProduct } from '../orderItems.js';
import { deploymentFor, isFilled, requireKind, type FilledSlots, type QuoteDraft } from '../quoteDraft.js';
import { fieldScore, type Lexicon } from './lexicon.js';

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
  /** A per-product tier or edition ("Jira should be 300 users", "Jira en Premium, Bitbucket reste en Standard"). */
  product?: string;
}

export interface CorrectionReading {
  slots: FilledSlots;
  itemTiers?: Record<string, number>;
  itemEditions?: Record<string, string>;
  itemSens?: Record<string, string>;
  /** Facts for the notes the kind has no field for (a wanted site in a new subscription). */
  unheld?: FilledSlots;
  changes: Change[];
  notices: Message[];
  /** The two people swapped, for the one-line confirmation. */
  swapped?: [SlotName, SlotName];
  /** The asked slot's value, named by its role word ("le contact technique est Paul Durand" at that prompt). */
  answer?: FilledSlots;
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

/**
 * Does the text say it corrects something ("wrong", "should be", "写错了")? A bare negation ("not",
 * "pas") only marks an old value: "(not a co-term)" typed into the notes corrects nothing.
 */
export function saysCorrection(text: string, lang: Lang): boolean {
  const negations = new Set(['not', 'and not', 'pas', 'et non', 'non pas']);
  const words = allLangs(formTurnWords().correctionStrong, lang).filter((w) => !negations.has(foldText(w)));
  return said(foldText(normalizeInput(text)), words);
}

/** Does the text say a value given before is wrong ("wrong", "faux", "写错了")? */
export const hasStrongCorrectionMarker = (text: string, lang: Lang): boolean => hasStrongMarker(foldText(normalizeInput(text)), lang);

/** Does it say something given before is wrong ("wrong", "faux", "写错了"), not merely "it's"? */
function hasStrongMarker(folded: string, lang: Lang): boolean {
  return said(folded, allLangs(formTurnWords().correctionStrong, lang));
}

/** What may stand between a named person and their email: "…. son email est", ", his email is", "，邮箱". */
const EMAIL_OF_THE_NAMED =
  /^(?:[\s.,;:!，。；：、]|\b(?:and|et|son|sa|ses|leur|his|her|their|e-?mail|mail|courriel|adresse|address|est|c'est|is|:)\b|他的|她的|的|邮箱|邮件|电子邮件|是|为)*$/iu;

/** Words that mark the OLD value: "not 250", "pas 250", "au lieu de 250", "不是250". */
const NEGATIONS = ['not', 'instead of', 'rather than', 'and not', 'pas', 'au lieu de', 'plutot que', 'et non', 'non pas', '不是', '而不是', '原来是', '原来的', '不要'];
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

/** "I swapped two digits", "j'ai inversé les chiffres", "数字写反了": a typo inside one value, not two people swapped. */
export function isCharacterSwap(text: string, lang: Lang): boolean {
  const folded = foldText(normalizeInput(text));
  const words = formTurnWords();
  return said(folded, allLangs(words.swap, lang)) && said(folded, allLangs(words.swapTargets.characters, lang));
}

/** "oups j'ai inversé les deux contacts": the two people the text names, else the two last given. */
function readSwap(draft: QuoteDraft, folded: string, lang: Lang): CorrectionReading | undefined {
  const words = formTurnWords();
  if (!said(folded, allLangs(words.swap, lang))) return undefined;
  const filled = PEOPLE.filter((p) => isFilled(draft.slots[p.name]) || isFilled(draft.slots[p.email]));
  // The reseller's own details are rarely the ones swapped: two customer contacts go first.
  const customers = filled.filter((p) => p.name !== 'resellerName');
  const present = customers.length >= 2 ? customers : filled;
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

export interface CorrectionOptions {
  /** The field labels: "the billing address is wrong, it's …" names billingAddress. */
  lexicon?: Lexicon;
  now?: Date;
  dayFirst?: boolean;
  /** Read as "start over with …": the values named replace the old ones without a correction word. */
  restart?: boolean;
  /** A clause of a message whose other clause carries the correction word ("…, et aussi 3 ans"). */
  marked?: boolean;
}

/** Free-text fields a sentence can correct by naming them ("l'adresse de facturation est fausse, c'est …"). */
const NAMED_FIELDS: readonly SlotName[] = [
  'billingAddress',
  'resellerCompany',
  'endUserOrganization',
  'technicalContactName',
  'endUserName',
  'authorizedContactName',
  'resellerName',
];

/**
 * "the billing address is wrong, it's 22 Wellington Street, Leeds", "账单地址写错了，应该是北京市…":
 * the field the text names by its label, and the value after its last "it's / c'est / 应该是 / :".
 * The value must pass that field's validator; the field named by most label words wins.
 */
function namedFieldValue(
  allowed: ReadonlySet<SlotName>,
  input: string,
  lang: Lang,
  lexicon: Lexicon | undefined,
  recency: (slot: SlotName) => number = () => -1,
  asked?: SlotName,
): { slot: SlotName; value: string } | undefined {
  if (!lexicon) return undefined;
  const folded = foldText(input);
  const copulas = allLangs(formTurnWords().copulas, lang).map(foldText).filter((c) => /[\p{L}:：]/u.test(c));
  const cuts = new Set<number>();
  // "不是经销商何静", "not Paul", "pas Paul": what follows a negated copula is the old value.
  const negated = (start: number) => /(?:不|not\s|pas\s|n'est\s|isn't\s)$/u.test(folded.slice(Math.max(0, start - 5), start));
  for (const c of copulas) {
    const bare = /[:：]/u.test(c) || /\p{Script=Han}/u.test(c);
    for (const span of findAlias(folded, c)) if ((bare || !/[\p{L}]/u.test(folded[span.end] ?? '')) && !negated(span.start)) cuts.add(span.end);
    if (/[:：]/u.test(c)) for (let at = folded.indexOf(c); at >= 0; at = folded.indexOf(c, at + 1)) cuts.add(at + c.length);
  }
  // The last "it's / c'est / 应该是 / :" that is followed by a valid value ("…, it's 60 Cuba Street; ours is fine").
  const sorted = [...cuts].sort((a, b) => a - b);
  for (const cut of [...sorted].reverse()) {
    // The value ends where a new clause starts ("…, France ; celle du client ne change pas"), and a
    // remark in brackets is not part of it ("Rue de Fer 28, Namur (28, pas 26)").
    // (?<!\s): a run of spaces is tried once, from its start, not from each of its spaces (quadratic).
    const clause = input
      .slice(cut)
      .replace(/^[\s,，:：]+/u, '')
      .split(/(?<!\s)\s*[;；]\s*/u)[0]!
      .replace(/(?<!\s)\s*[(（][^)）]{0,80}[)）]\s*$/u, '')
      .trim();
    if (!clause) continue;
    // The field is the one named since the previous "is / c'est": "my name is … , and company is X" gives X to the company.
    const previous = sorted.filter((c) => c < cut).at(-1) ?? 0;
    const near = NAMED_FIELDS.some((slot) => allowed.has(slot) && fieldScore(lexicon, slot, input.slice(previous, cut)) > 0);
    const head = near ? input.slice(previous, cut) : input.slice(0, cut);
    // A tie ("le nom : Jean Dupont", "名字是何静" name every person) goes to the field asked, then
    // to the one answered or corrected last.
    const isAsked = (slot: SlotName) => (slot === asked ? 1 : 0);
    const named = NAMED_FIELDS.map((slot) => ({ slot, score: allowed.has(slot) ? fieldScore(lexicon, slot, head) : 0 }))
      .filter((f) => f.score > 0)
      .sort((a, b) => b.score - a.score || isAsked(b.slot) - isAsked(a.slot) || recency(b.slot) - recency(a.slot));
    for (const { slot } of named) {
      // A name or a company is the first part ("it's Rahul Joshi, rahul.joshi@…"); an address keeps its commas.
      // "用户档是2000不是1000", "Acme, not Acne": what follows the negation is the old value.
      const value = (slot === 'billingAddress' ? clause : clause.split(/[,，、]|\.\s|。/u)[0]!).split(/\s*(?:而不是|不是|\bnot\b|\bpas\b|\bau lieu de\b|\binstead of\b)/u)[0]!.trim();
      // "users: 300 please, not 400": a number first is a count, never a name or a company.
      if (!value || (slot !== 'billingAddress' && /^\d+(?:[\s.,]\d{3})*(?![\p{L}\p{N}&])/u.test(value))) continue;
      // "…, the company. And it's Standard edition": an edition (or a product) is no one's name or company.
      if (slot !== 'billingAddress' && namesEdition(value, lexicon)) continue;
      // "the client name is Contoso Ltd": a legal form names the party's organisation, not its person.
      const organisation = hasLegalForm(value) ? ORGANISATION_OF[slot] : undefined;
      const target = organisation && allowed.has(organisation) ? organisation : slot;
      const result = validateSlot(target, value, lang);
      if (result.ok) return { slot: target, value: String(result.value) };
    }
  }
  return undefined;
}

/** "Standard edition", "l'édition Premium", "Premium", "Jira": an edition or a product, with at most the edition's label word. */
function namesEdition(value: string, lexicon: Lexicon): boolean {
  if (findEditions(value).length === 0 && findProductMatches(value).length === 0) return false;
  return value.split(/\s+/u).length === 1 || fieldScore(lexicon, 'edition', value) > 0 || findProductMatches(value).length > 0 && value.split(/\s+/u).length <= 2;
}

/**
 * A two-address value ("yours, then the end user's", cloud-new): a correction that names one
 * half ("la nôtre, c'est …", "客户的地址是…") replaces that half and keeps the other.
 */
function mergeAddress(old: unknown, value: string, text: string, lang: Lang): string {
  if (typeof old !== 'string') return value;
  const parts = old.split(/(?<!\s)\s*[;；\n]\s*/u).filter(Boolean);
  if (parts.length !== 2) return value;
  const folded = foldText(text);
  const at = text.indexOf(value);
  const w = formTurnWords().addressParts;
  // The half named last before the new value is the one it replaces ("la nôtre, c'est …").
  const nearest = (list: readonly string[]) =>
    Math.max(-1, ...list.flatMap((x) => findAlias(folded, foldText(x)).filter((s) => s.end <= at).map((s) => s.end)));
  const ours = nearest(allLangs(w.ours, lang));
  const theirs = nearest(allLangs(w.theirs, lang));
  const separator = /\p{Script=Han}/u.test(old) ? '；' : ' ; ';
  // The half keeps its own label ("theirs: …", "客户：…").
  const labelled = (part: string) => (/^[^:：\d]{1,24}[:：]\s*/u.exec(part)?.[0] ?? '') + value;
  if (ours > theirs) return [labelled(parts[0]!), parts[1]].join(separator);
  if (theirs > ours) return [parts[0], labelled(parts[1]!)].join(separator);
  return value;
}

/**
 * What the text changes in slots other than `asked`, or undefined when it changes nothing.
 * Read: emails (by their role word, or the slot holding the old address), names and companies
 * after their role word, a free-text field named by its label, a SEN, a site URL, a product
 * swapped for another, a count with a unit word (or a bare number in a short correction: "non,
 * 300"), years with their unit, a date, two people swapped. A value the text marks as old
 * ("not 250") is never taken as the new one; every value set passes its slot's rules.
 */
export function readCorrection(draft: QuoteDraft, asked: SlotName, text: string, lang: Lang, options: CorrectionOptions = {}): CorrectionReading | undefined {
  const input = normalizeInput(withoutListMarkers(text));
  const folded = foldText(input);
  const kind = requireKind(draft);
  const allowed = new Set(slotsOf(kind));
  // "start over with Confluence Premium, same customer": every value named replaces the old one.
  const restart = options.restart === true;
  const marker = restart || options.marked === true || hasCorrectionMarker(input, lang);
  const short = input.split(/\s+/u).length <= 6;

  const slots: FilledSlots = {};
  const changes: Change[] = [];
  const notices: Message[] = [];
  let itemTiers: Record<string, number> | undefined;
  let itemEditions: Record<string, string> | undefined;
  let itemSens: Record<string, string> | undefined;
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
  const people = findPeople(input, lang);
  for (const email of fresh) {
    // "I'm the reseller: Carla Mendes, carla@…": an email right after a named person is theirs.
    const at = input.toLowerCase().indexOf(email);
    // "我叫陈静，深圳蓝海软件，chenjing@…": the reseller's company stands for the reseller.
    // "le contact technique est Paul Durand. son email est paul@…", "技术联系人是周凯，邮箱 kevin@…": the email
    // of the person just named, when only "his/her email is" stands between them.
    const owner =
      people.find((p) => (isPersonSlot(p.slot) || p.slot === 'resellerCompany') && at - p.end >= 0 && at - p.end <= 4) ??
      people.filter((p) => isPersonSlot(p.slot) && p.end <= at && EMAIL_OF_THE_NAMED.test(input.slice(p.end, at))).at(-1);
    const ownerEmail = owner && (isPersonSlot(owner.slot) ? EMAIL_OF_PERSON[owner.slot as PersonSlot] : 'resellerEmail');
    const role = ownerEmail ?? emailRoleBefore(folded, folded.indexOf(email));
    const holder = old.map((o) => EMAIL_SLOTS.find((s) => draft.slots[s] === o)).find((s) => s !== undefined);
    // At an email prompt an email without a role word is that prompt's answer, not a correction.
    const fallback = hasStrongMarker(folded, lang) && !EMAIL_SLOTS.includes(asked) ? lastOf(draft, EMAIL_SLOTS) : undefined;
    // "l'email de Sophie c'est s.delorme@…": the person the text names by their first name.
    const named = role || holder ? undefined : emailOfNamedPerson(draft, input);
    const target = role ?? holder ?? named ?? fallback;
    if (!target) continue;
    if (role) explicitRole.add(role);
    set(target, email);
  }

  let answer: FilledSlots | undefined;
  // "le contact technique c'est moi": the reseller's own name and email for that role; at that
  // person's prompt ("技术联系人就是我" at the technical contact's email) the one asked is the answer.
  for (const slot of findSelfReferences(input, lang)) {
    if (!isFilled(draft.slots.resellerName)) continue;
    explicitRole.add(slot);
    set(slot, draft.slots.resellerName);
    const emailSlot = EMAIL_OF_PERSON[slot];
    if (isFilled(draft.slots.resellerEmail) && !fresh.length) {
      explicitRole.add(emailSlot);
      set(emailSlot, draft.slots.resellerEmail);
    }
    if (slot === asked && allowed.has(asked)) answer = { [asked]: draft.slots.resellerName } as FilledSlots;
    if (emailSlot === asked && allowed.has(asked) && isFilled(draft.slots.resellerEmail) && !fresh.length) answer = { [asked]: draft.slots.resellerEmail } as FilledSlots;
  }
  // Names and companies after their role word ("le contact technique c'est Paul Durand").
  for (const person of people) {
    explicitRole.add(person.slot);
    if (person.slot === asked && allowed.has(asked)) answer = { [asked]: person.value } as FilledSlots;
    set(person.slot, person.value);
  }

  // "le revendeur c'est moi, Karim …; Amélie Roche est le contact technique": two names put back
  // where they belong take their emails with them, unless the message gives one.
  for (const a of PEOPLE) {
    for (const b of PEOPLE) {
      if (a === b || !isFilled(draft.slots[a.name]) || slots[a.name] !== draft.slots[b.name] || slots[b.name] !== draft.slots[a.name]) continue;
      const [ea, eb] = [draft.slots[a.email], draft.slots[b.email]];
      const gave = (slot: SlotName) => slot in slots;
      const follow = (slot: SlotName, value: unknown) => isFilled(value) && (explicitRole.add(slot), set(slot, value));
      if (!gave(a.email) && !gave(b.email)) follow(a.email, eb);
      else if (gave(a.email) && !gave(b.email) && slots[a.email] === eb) follow(b.email, ea);
    }
  }

  // Two people swapped ("j'ai inversé les deux contacts"), unless the text gives the new values itself
  // or swapped characters inside one value ("le SEN c'est SEN-L…, j'ai inversé les chiffres").
  if (changes.length === 0 && fresh.length === 0 && !isCharacterSwap(input, lang) && findSens(input).length === 0 && !findSiteUrl(input)) {
    const swap = readSwap(draft, folded, lang);
    if (swap) return swap;
  }

  // A free-text field named by its label; its value may hold numbers that are not counts.
  // Read on the text as typed: an address keeps its full-width punctuation (normalizeInput would fold it).
  const changedAlready = new Set(changes.map((c) => c.slot));
  // "用户数是120个，不要150": a count named by its unit is the tier, never a free-text field's value.
  const labelledCount = findUserCounts(input, lang).some((c) => c.labelled);
  const named = labelledCount ? undefined : namedFieldValue(allowed, text.trim(), lang, options.lexicon, (slot) => draft.answered.lastIndexOf(slot), asked);
  // A value a role word already placed this turn ("customer company is Cedar Valley Health") is not also another field's.
  const field = named && named.slot !== asked && !changedAlready.has(named.slot) && !changes.some((c) => c.to === named.value) ? named : undefined;
  if (field) {
    explicitRole.add(field.slot);
    const twoHalves = field.slot === 'billingAddress' && kind === 'cloud-new';
    set(field.slot, twoHalves ? mergeAddress(draft.slots.billingAddress, field.value, text.trim(), lang) : field.value);
  }

  // "il faut l'ajouter aux deux autres", "also SEN-…": a list grows instead of being replaced.
  const adding = said(folded, allLangs(formTurnWords().add, lang));
  // "il y a aussi SEN-…", "add SEN-…", "还有一个SEN-…": the add word names the list, filled or not.
  if (adding) explicitRole.add('sen');
  const sens = findSens(input).filter((s) => !isOldValue(folded, s.start));
  const givenSens = sens.map((s) => s.sen);
  // "le SEN de Confluence c'est SEN-…" with two products and one SEN on file: the other licence's SEN, added.
  const onFile = draft.slots.sen ?? [];
  const ordered = draft.slots.product ?? [];
  const pairs = Object.entries(sensPerProduct(input)).filter(([p, sen]) => ordered.includes(p) && givenSens.includes(sen));
  const anotherLicence = pairs.length > 0 && onFile.length < ordered.length && pairs.every(([, sen]) => !onFile.includes(sen)) && !hasStrongMarker(folded, lang);
  if (pairs.length > 0) itemSens = { ...draft.itemSens, ...Object.fromEntries(pairs) };
  if (sens.length > 0 && (marker || adding || anotherLicence || !isFilled(draft.slots.sen))) {
    const grows = adding || anotherLicence;
    // Adding a licence needs no correction word: nothing on file is replaced.
    if (grows) explicitRole.add('sen');
    set('sen', grows ? [...new Set([...onFile, ...givenSens])] : replaceSens(onFile, givenSens));
    // A list that grows is said as what was added ("Noté : SEN-L3301988"), not as a replacement.
    const last = changes.at(-1);
    if (grows && last?.slot === 'sen') changes[changes.length - 1] = { slot: 'sen', to: givenSens.filter((sen) => !onFile.includes(sen)) };
  }
  const site = findSiteUrl(input);
  if (site && (marker || !isFilled(draft.slots.siteUrl))) set('siteUrl', site);
  // "site they want is brightwell.atlassian.net" in a new subscription (no site field): the site
  // wanted is kept for the notes, like an opening's, and said back.
  let unheld: FilledSlots | undefined;
  if (site && !allowed.has('siteUrl') && draft.unheld.siteUrl !== site && asked !== 'siteUrl') {
    unheld = { ...draft.unheld, siteUrl: site };
    changes.push({ slot: 'siteUrl', ...(isFilled(draft.unheld.siteUrl) && { from: draft.unheld.siteUrl }), to: site });
  }

  // Products: one named as wrong and another as right ("Confluence, pas Jira", "改成Confluence").
  // "le client a encore un Confluence Server, on peut le renouveler ?": a product of another
  // deployment than the form's is talked about, not ordered.
  const products = findProductMatches(input).filter((m) => !ofOtherDeployment(folded, m.end, deployment));
  const oldProducts = products.filter((m) => isOldValue(folded, m.start)).map((m) => m.product.id);
  const newProducts = products.filter((m) => !isOldValue(folded, m.start)).map((m) => m.product.id);
  const current = draft.slots.product ?? [];
  if (marker && oldProducts.length > 0 && newProducts.some((p) => !current.includes(p))) {
    const replaced = [...new Set([...current.filter((p) => !oldProducts.includes(p)), ...newProducts])];
    set('product', replaced);
  } else if (adding && oldProducts.length === 0 && newProducts.some((p) => !current.includes(p))) {
    explicitRole.add('product');
    set('product', [...new Set([...current, ...newProducts])]);
  } else if (marker && oldProducts.length === 0 && current.length === 1 && newProducts.length === 1 && !current.includes(newProducts[0]!) && hasStrongMarker(folded, lang)) {
    // "产品改成Confluence", "change it to Confluence": one product on file, another named as the new one.
    set('product', newProducts);
  } else if (restart && newProducts.length > 0) {
    set('product', [...new Set(newProducts)]);
  }


  // "两位数字写反了", "I swapped two digits": the count is of characters, never of users or years.
  if (!field && !isCharacterSwap(input, lang)) readNumbers();
  if (allowed.has('targetDate') && asked !== 'targetDate' && mayContainDate(input, lang)) {
    const date = validateTargetDate(input, lang, { ...(options.now && { now: options.now }), ...(options.dayFirst !== undefined && { dayFirst: options.dayFirst }) });
    // "target date is 31 December 2027": the field named is enough, no correction word needed.
    if (options.lexicon && fieldScore(options.lexicon, 'targetDate', input) > 0) explicitRole.add('targetDate');
    if (date.ok && (marker || explicitRole.has('targetDate') || !isFilled(draft.slots.targetDate))) set('targetDate', date.value);
  }

  if (changes.length === 0 && notices.length === 0 && !answer) return undefined;
  return { slots, ...(itemTiers && { itemTiers }), ...(itemEditions && { itemEditions }), ...(itemSens && { itemSens }), ...(unheld && { unheld }), changes, notices, ...(answer && { answer }) };

  /** User counts with a unit word, or a bare number in a short correction ("non, 300"); years with their unit. */
  function readNumbers(): void {
    // In an upgrade or on an existing site, "currently 50 agents" is the tier they have (a fact, upgradeFacts.ts), never the one quoted.
    const fromNow = kind === 'dc-upgrade' || kind === 'cloud-upgrade' || kind === 'cloud-existing';
    const counts = findUserCounts(input, lang).filter((c) => !c.article && !c.date && !(fromNow && c.current));
    const numbers = counts.filter((c) => !isOldValue(folded, positionOf(folded, c.value)));
    const withUnit = numbers.filter((c) => c.withUnit);
    const years = findMaintenanceYears(input, lang);
    // "c'est 250 pas 500": the slot holding the old number is the one meant; else the last one answered.
    const oldNumbers = counts.filter((c) => isOldValue(folded, positionOf(folded, c.value))).map((c) => c.value);
    const holder = oldNumbers.includes(Number(draft.slots.tier)) ? 'tier' : oldNumbers.includes(Number(draft.slots.maintenanceYears)) ? 'maintenanceYears' : undefined;
    const lastNumeric = holder ?? lastOf(draft, ['tier', 'maintenanceYears']);
    const bare = marker && short ? numbers.at(-1) : undefined;
    const range = loadCatalog().deployments['data-center'].maintenanceYears;
    // "用户数改成2000" after the years were answered: the field named, or a number no duration has, says it is the tier.
    const namesTier = options.lexicon !== undefined && fieldScore(options.lexicon, 'tier', input) > fieldScore(options.lexicon, 'maintenanceYears', input);
    // "en fait 6 ans" is years out of range (said so below), not a count.
    const notYears = bare !== undefined && range !== undefined && (bare.value < range.min || bare.value > range.max) && yearsOutOfRange(input, lang) === undefined;
    const count = withUnit.at(-1) ?? (years === undefined && (lastNumeric !== 'maintenanceYears' || namesTier || notYears) ? bare : undefined);
    // "用户数改成 300", "user count is 120, not 150": the count named by its label (or with its old value) is a change of the tier.
    if (count && (count.labelled || oldNumbers.length > 0)) explicitRole.add('tier');
    // Under the summary there is no prompt to answer: "300 users" can only change the tier.
    if (asked === 'confirm' && count?.withUnit) explicitRole.add('tier');
    // "Jira = 75 users, Confluence = 100 users": each product on file named with its own count gets its own tier.
    const perProduct = current.length > 1 && asked !== 'tier' ? Object.entries(tiersPerProduct(input, lang)).filter(([p]) => current.includes(p)) : [];
    if (perProduct.length >= 2) {
      for (const [product, value] of perProduct) {
        const tier = toTier(value, { ...(deployment && { deployment }), productId: product });
        if (!tier.ok) continue;
        const before = draft.itemTiers[product] ?? draft.slots.tier;
        if (tier.notice && value !== tier.value) notices.push(tier.notice);
        if (before === tier.value) continue;
        itemTiers = { ...draft.itemTiers, ...itemTiers, [product]: tier.value };
        changes.push({ slot: 'tier', product, ...(before !== undefined && { from: before }), to: tier.value });
      }
    } else if (count && asked !== 'tier') {
      const named = newProducts.find((p) => current.includes(p));
      const productId = named ?? (current.length === 1 ? current[0] : undefined);
      const tier = toTier(count.value, { ...(deployment && { deployment }), ...(productId && { productId }) }, count.unit);
      if (tier.ok) {
        if (named && current.length > 1) {
          const before = draft.itemTiers[named] ?? draft.slots.tier;
          if (before !== tier.value) {
            itemTiers = { ...draft.itemTiers, [named]: tier.value };
            changes.push({ slot: 'tier', product: named, ...(before !== undefined && { from: before }), to: tier.value });
          }
        } else set('tier', tier.value);
        // "c'est 250 pas 500" on Data Center: 250 rounds to the 500 already there; said, not silent.
        if (tier.notice && (changes.some((c) => c.slot === 'tier') || (tier.value === draft.slots.tier && count.value !== tier.value))) notices.push(tier.notice);
      }
    }
    const bareYears = lastNumeric === 'maintenanceYears' && withUnit.length === 0 && !namesTier ? bare?.value : undefined;
    const newYears = years ?? (bareYears !== undefined && range && bareYears >= range.min && bareYears <= range.max ? bareYears : undefined);
    if (newYears !== undefined && asked !== 'maintenanceYears') set('maintenanceYears', newYears);
    // "en fait 6 ans de maintenance": the range is said rather than a bare "Confirm, Edit or Cancel".
    const outside = marker && allowed.has('maintenanceYears') && asked !== 'maintenanceYears' && range ? yearsOutOfRange(input, lang) : undefined;
    if (outside !== undefined && range) notices.push({ key: 'quote:invalid.maintenanceYears', params: { min: range.min, max: range.max } });
    // Edition: only when said as a change.
    // "un JSM DC": on Data Center the one edition is the deployment's own name, so a deployment word says no edition.
    const editions = deployment ? findEditions(input, deployment).filter((id) => id !== deployment) : [];
    // "also they're currently on Standard" names the edition they have, not a change.
    const target = editions.length > 0 ? targetEdition(input, deployment) : undefined;
    // "edition Premium", "édition Premium", "升级到Premium版" (at the summary, or naming the field): one edition
    // named as the one wanted needs no correction word; a question about one ("is Premium dearer?") changes nothing.
    const unambiguous = target !== undefined && !isQuestionLike(input) && (asked === 'confirm' || (options.lexicon !== undefined && fieldScore(options.lexicon, 'edition', input) > 0));
    if (unambiguous) explicitRole.add('edition');
    if ((marker || unambiguous) && target && asked !== 'edition') readEdition(target);
  }

  /**
   * With two products on file, an edition said of one of them ("Jira是高级版，不是标准版") is that
   * product's only; said of several with different editions, each its own; said of none, the
   * request's (and per-product editions are then gone: one edition for all).
   */
  function readEdition(target: string): void {
    const named = [...new Set(newProducts.filter((p) => current.includes(p)))];
    const perProduct = named.length >= 2 ? editionsPerProduct(input, deployment) : named.length === 1 && current.length > 1 ? { [named[0]!]: target } : {};
    if (Object.keys(perProduct).length === 0) {
      if (Object.keys(draft.itemEditions).length > 0) itemEditions = {};
      set('edition', target);
      return;
    }
    for (const [product, edition] of Object.entries(perProduct)) {
      const before = draft.itemEditions[product] ?? draft.slots.edition;
      if (before === edition) continue;
      itemEditions = { ...draft.itemEditions, ...itemEditions, [product]: edition };
      changes.push({ slot: 'edition', product, ...(before !== undefined && { from: before }), to: edition });
    }
  }
}

/** A deployment word other than the form's right after a product ("Confluence Server", "Jira Cloud" in a Data Center form). */
function ofOtherDeployment(folded: string, end: number, deployment: string | undefined): boolean {
  if (!deployment) return false;
  const after = folded.slice(end, end + 16).replace(/^[\s-]+/u, '');
  return Object.entries(quoteIntentWords().deployment).some(
    ([id, words]) => id !== deployment && words.some((w) => after.startsWith(foldText(w)) && (/\p{Script=Han}/u.test(w) || !/^[\p{L}]/u.test(after.slice(foldText(w).length)))),
  );
}

/** Where the digits of a value are in the folded text (for "not 250" checks). */
function positionOf(folded: string, value: number): number {
  const at = folded.search(new RegExp(`(?<!\\d)${value}(?!\\d)`, 'u'));
  return at < 0 ? 0 : at;
}

/** The email slot of the one person on file whose first or full name the text holds ("l'email de Sophie …"). */
function emailOfNamedPerson(draft: QuoteDraft, input: string): SlotName | undefined {
  const folded = foldText(input);
  const hits = PEOPLE.filter((p) => {
    const name = draft.slots[p.name];
    if (typeof name !== 'string' || !name) return false;
    const first = foldText(name).split(/\s+/u)[0]!;
    return first.length >= 3 && new RegExp(`(?<![\\p{L}])${first.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}])`, 'u').test(folded);
  });
  return hits.length === 1 ? hits[0]!.email : undefined;
}

/**
 * "the second SEN is SEN-L3434344 not …343" with two SENs on file: a new SEN one or two
 * characters off an old one replaces that one only; otherwise the new list replaces the old.
 */
function replaceSens(current: readonly string[], given: readonly string[]): string[] {
  if (current.length < 2 || given.length >= current.length) return [...given];
  const out = [...current];
  for (const sen of given) {
    const near = out.findIndex((old) => old !== sen && old.length === sen.length && [...old].filter((c, i) => c !== sen[i]).length <= 2);
    if (near < 0) return [...given];
    out[near] = sen;
  }
  return out;
}
