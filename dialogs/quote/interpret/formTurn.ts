import { findProductMatches } from '../../../knowledge/catalog.js';
import type { Lang } from '../../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords, quoteIntentWords } from '../../../knowledge/nlu/index.js';
import type { QuoteKind, SlotName } from '../../../knowledge/quoteTypes.js';
import {
  extractQuoteSlots,
  findEmails,
  findSens,
  findSiteUrl,
  isDontKnow,
  isListedConfirmAnswer,
  isQuestionLike,
  normalizeInput,
  slotsOf,
  validateBillingAddress,
  type Message,
} from '../../validators/index.js';
import { EMAIL_OF_PERSON, isPersonSlot } from '../../validators/people.js';
import { saysNewSubscription } from '../../validators/quoteIntent.js';
import { detectQuoteRequest } from '../quoteDetection.js';
import { deploymentFor, isFilled, requireKind, type FilledSlots, type QuoteDraft } from '../quoteDraft.js';
import { readAnswer } from '../slotAnswer.js';
import { readCorrections } from './clauses.js';
import { hasCorrectionMarker, hasStrongCorrectionMarker, isCharacterSwap, readCorrection, saysCorrection, type Change, type CorrectionReading } from './corrections.js';
import { fieldScore, lexiconKey, titleOf, type Lexicon } from './lexicon.js';
import { readCurrentEnd } from './currentEnds.js';
import { readUpgradeFacts } from './upgradeFacts.js';
import { detectStatusQuestion } from './statusQuestion.js';
import { meansSameEmail } from '../../handoffWords.js';

/**
 * The form interpreter: one pure function for every message typed while a quote prompt waits
 * (Rasa's slot mappings from any turn plus validate_<slot>). It says what the message is — the
 * answer (and whatever else it gives), a correction of earlier answers, a question, a status
 * question, a new request, a repeat of a button or of the previous answer, "I don't know", or
 * something to refuse with a reason — and which slots change. Global commands (help, cancel,
 * language, advocate) are matched before, by the bot's intent layer.
 */

export interface FormTurn {
  draft: QuoteDraft;
  /** The slot whose prompt waits; `confirm` is the summary. */
  asked: SlotName;
  text: string;
  lang: Lang;
  now: Date;
  /** The bot's button titles (a title sent again is a repeat). */
  lexicon: Lexicon;
  /** The user's previous message in this form and the slot it answered, to tell a double tap. */
  previous?: { text: string; slot: SlotName; at?: number };
  /** The previous message was already flagged as a repeat: the same text again is meant. */
  repeatConfirmed?: boolean;
  /** A confident FAQ answer for the text, if any (the dialog passes the engine). */
  faq?: (text: string, lang: Lang) => string | undefined;
  /** Numeric dates day first ("03/04/2027" = 3 April): false only for en-US users. */
  dayFirst?: boolean;
  /** The reseller's email given earlier in this conversation outside the form (to an advocate, a previous request). */
  knownEmail?: string;
}

export type FormReading =
  /**
   * The asked slot is filled (`changes` lists other slots the message also set). `question`: the
   * message also asked something ("x@y.fr. Au fait, on peut payer par virement ?"), to answer too.
   */
  | { type: 'answer'; slots: FilledSlots; draft: Partial<QuoteDraft>; notices: Message[]; changes: Change[]; question?: AskedToo }
  /** Other slots changed; the asked slot is still open (or, at the summary, the summary is shown again). */
  | { type: 'correction'; slots: FilledSlots; draft: Partial<QuoteDraft>; notices: Message[]; changes: Change[]; swapped?: [SlotName, SlotName] }
  /** `about: 'field'`: the question names a field of the form (`field`, the one asked by default); its explanation answers it. */
  | { type: 'question'; faqId?: string; about?: 'field'; field?: SlotName; fields?: SlotName[] }
  | { type: 'status'; ref?: string }
  /** "start over: <a new request>": cancel this form and start that one with the sentence. */
  | { type: 'restart' }
  /** "they don't have a site yet" in an existing-site form: the same request as a new subscription. */
  | { type: 'switchKind'; kind: QuoteKind }
  /** "my email is wrong" under the summary, no new value: edit that field at once (no field menu). */
  | { type: 'editField'; field: SlotName }
  /** A button title or the previous answer sent again. */
  | { type: 'repeat'; of?: SlotName }
  | { type: 'dontKnow' }
  /** "can we still file this?": yes, and how (Confirm under the summary; the question below otherwise). */
  | { type: 'canFile' }
  /** "can I come back later?": the draft is kept (the form waits in the conversation state); said, then the same prompt. */
  | { type: 'comeBackLater' }
  /** A remark for the request ("note: …", a fact with no field of this kind under the summary): `slots.notes` holds all of them. */
  | { type: 'note'; note: string; slots: FilledSlots }
  /** `rule`: a business rule refused it (no typing mistake counted). */
  | { type: 'refused'; reason: Message; rule: boolean };

/** A question sent with an answer: its own text (for the FAQ's likeliest topic) and the FAQ's sure answer. */
export interface AskedToo {
  text: string;
  faqId?: string;
}

/** Slots whose value is free text: only a plausible value, never a question or a title. */
export const FREE_TEXT_SLOTS: ReadonlySet<SlotName> = new Set([
  'resellerName',
  'resellerCompany',
  'billingAddress',
  'endUserName',
  'endUserOrganization',
  'authorizedContactName',
  'technicalContactName',
  'notes',
]);

/** Titles that are a valid answer at a given prompt (Confirm under the summary, an edition button). */
const TITLE_ANSWERS: Partial<Record<SlotName, readonly string[]>> = { confirm: ['summary', 'yesNo'], edition: ['edition'], paymentPreference: ['payment'] };

/** Two sends of one message closer than this are a double tap (a person retyping takes longer). */
const DOUBLE_TAP_MS = 5000;

const said = (folded: string, words: readonly string[]) => words.some((w) => findAlias(folded, foldText(w)).length > 0);

/** "start over: upgrade Confluence DC, SEN-L7654321…": a restart word and a request in the same message. */
function isRestart(draft: QuoteDraft, text: string, lang: Lang, now: Date): boolean {
  const folded = foldText(normalizeInput(text));
  if (!said(folded, allLangs(formTurnWords().restart, lang))) return false;
  const request = detectQuoteRequest(text, lang, now);
  // Another kind of request starts over; the same kind, or none named ("重新来 升级到2000用户 其他不变"), only changes this one.
  return request?.kind !== undefined && request.kind !== draft.kind;
}

/**
 * The request is another kind than the form: "they don't have a site yet" in an existing-site
 * form is a new subscription; "there is no SEN, it's a brand new licence" in a renewal is a new
 * licence. What was given is kept.
 */
function kindSwitch(draft: QuoteDraft, input: string, lang: Lang): QuoteKind | undefined {
  const folded = foldText(input);
  const w = quoteIntentWords();
  const cloudWithSite = draft.kind === 'cloud-existing' || draft.kind === 'cloud-renewal' || draft.kind === 'cloud-upgrade';
  if (cloudWithSite && (said(folded, allLangs(w.noSite, lang)) || saysNewSubscription(folded, lang))) return 'cloud-new';
  const dcExisting = draft.kind === 'dc-renewal' || draft.kind === 'dc-upgrade';
  const renewOrUpgrade = said(folded, allLangs(w.renewal, lang)) || said(folded, allLangs(w.upgrade, lang));
  if (dcExisting && said(folded, allLangs(w.newPurchase, lang)) && !renewOrUpgrade) return 'dc-new';
  return undefined;
}

const PEOPLE_SLOTS: ReadonlyArray<{ name: SlotName; email: SlotName }> = [
  { name: 'resellerName', email: 'resellerEmail' },
  { name: 'technicalContactName', email: 'technicalContactEmail' },
  { name: 'endUserName', email: 'endUserEmail' },
  { name: 'authorizedContactName', email: 'authorizedContactEmail' },
];

/**
 * "same as the technical contact" at the end user's prompt: that person's name (and email, when
 * the one asked has none yet) for the person asked. Only a person already given can be copied.
 */
function sameAs(turn: FormTurn, input: string): FilledSlots | undefined {
  const { draft, asked, lang } = turn;
  const person = PEOPLE_SLOTS.find((p) => p.name === asked || p.email === asked);
  if (!person) return undefined;
  const words = formTurnWords();
  const folded = foldText(input).replace(/[\s.!?,;:()（）。！？，]+$/u, '').replace(/^[\s.!?,;:]+/u, '');
  // The whole message, or the pointer then words that give no value of their own ("idem, même email que plus haut").
  const whole = (list: readonly string[]) =>
    list.some((w) => {
      const f = foldText(w);
      if (folded === f) return true;
      if (!folded.startsWith(f) || !/^[\s,;:.!-]/u.test(folded.slice(f.length))) return false;
      const rest = input.slice(f.length);
      return !rest.includes('@') && !/\p{Lu}/u.test(rest) && (rest.match(/\p{Script=Han}/gu)?.length ?? 0) < 2 && rest.split(/\s+/u).length <= 8;
    });
  const filled = (p: (typeof PEOPLE_SLOTS)[number]) => p !== person && (isFilled(draft.slots[p.name]) || isFilled(draft.slots[p.email]));
  let source: (typeof PEOPLE_SLOTS)[number] | undefined;
  if (whole(allLangs(words.selfRef, lang))) {
    // "c'est moi" at the technical contact's prompt: the reseller.
    source = PEOPLE_SLOTS.find((p) => p.name === 'resellerName' && filled(p));
  } else if (said(folded, allLangs(words.sameAs, lang))) {
    const others = PEOPLE_SLOTS.filter(filled)
      .map((p) => ({ p, score: fieldScore(turn.lexicon, p.name, input) + fieldScore(turn.lexicon, p.email, input) }))
      .filter((o) => o.score > 0)
      .sort((a, b) => b.score - a.score);
    source = others[0]?.p ?? (whole(allLangs(words.sameAsBare, lang)) || whole(allLangs(words.sameAs, lang)) ? lastPerson(draft, filled) : undefined);
  } else if (whole(allLangs(words.sameAsBare, lang))) {
    // "idem", "同上", "same as above": the person answered just before.
    source = lastPerson(draft, filled);
  }
  if (!source) return undefined;
  const allowed = new Set(slotsOf(requireKind(draft)));
  const out: FilledSlots = {};
  for (const field of ['name', 'email'] as const) {
    const value = draft.slots[source[field]];
    if (!isFilled(value) || !allowed.has(person[field]) || (person[field] !== asked && isFilled(draft.slots[person[field]]))) continue;
    Object.assign(out, { [person[field]]: value });
  }
  return asked in out ? out : undefined;
}

/** The person whose name or email was answered last (the reseller, whose details may come from memory, last of all). */
function lastPerson(draft: QuoteDraft, filled: (p: (typeof PEOPLE_SLOTS)[number]) => boolean): (typeof PEOPLE_SLOTS)[number] | undefined {
  for (const slot of [...draft.answered].reverse()) {
    const p = PEOPLE_SLOTS.find((q) => q.name === slot || q.email === slot);
    if (p && filled(p)) return p;
  }
  return [...PEOPLE_SLOTS].reverse().find(filled);
}

/** "can it be billed monthly instead?": refused at every step, with the rule. */
function monthlyAsked(draft: QuoteDraft, text: string): Message | undefined {
  const folded = foldText(normalizeInput(text));
  const billing = quoteIntentWords().billing;
  if (!said(folded, billing.monthly)) return undefined;
  // "月付转年付", "from monthly to annual": the move is to annual billing, which is what is sold.
  const at = (words: readonly string[]) => Math.max(-1, ...words.flatMap((w) => findAlias(folded, foldText(w)).map((s) => s.start)));
  if (at(billing.annual) > at(billing.monthly)) return undefined;
  return deploymentFor(draft) === 'cloud' ? { key: 'quote:rule.annualCloudOnly' } : { key: 'quote:rule.annualDataCenterOnly' };
}

/** The text with its monthly-billing words blanked (same length), to read what else it says. */
function withoutMonthly(input: string): string {
  const folded = foldText(input);
  const spans = quoteIntentWords().billing.monthly.flatMap((w) => findAlias(folded, foldText(w)));
  return spans.reduce((text, s) => text.slice(0, s.start) + ' '.repeat(s.end - s.start) + text.slice(s.end), input);
}

/** An email, SEN or site URL typed at a free-text prompt goes to its own slot when that is empty. */
function shapedValues(draft: QuoteDraft, asked: SlotName, text: string): { slots: FilledSlots; changes: Change[] } | undefined {
  const allowed = new Set(slotsOf(requireKind(draft)));
  const slots: FilledSlots = {};
  const changes: Change[] = [];
  const put = (slot: SlotName, value: unknown) => {
    if (!allowed.has(slot) || isFilled(draft.slots[slot])) return;
    Object.assign(slots, { [slot]: value });
    changes.push({ slot, to: value });
  };
  const [email] = findEmails(text);
  if (email && isPersonSlot(asked)) put(EMAIL_OF_PERSON[asked], email);
  const sens = findSens(normalizeInput(text), { allowBare: asked === 'siteUrl' });
  if (sens.length > 0) put('sen', sens.map((s) => s.sen));
  const site = findSiteUrl(text);
  if (site) put('siteUrl', site);
  // "12 rue de la Paix, 75002 Paris" at a name prompt: an address (with its number), never a name.
  if (isPersonSlot(asked) && changes.length === 0 && /\d/u.test(text)) {
    const address = validateBillingAddress(text, 'en');
    const current = draft.slots.billingAddress;
    // cloud-new asks two addresses (ours, then the customer's): one given, this is the other.
    const secondHalf = draft.kind === 'cloud-new' && typeof current === 'string' && !/[;；]/u.test(current);
    if (address.ok && allowed.has('billingAddress')) {
      if (!isFilled(current)) put('billingAddress', address.value);
      else if (secondHalf) {
        const value = `${current}${/\p{Script=Han}/u.test(current) ? '；' : ' ; '}${address.value}`;
        Object.assign(slots, { billingAddress: value });
        changes.push({ slot: 'billingAddress', from: current, to: value });
      }
    }
  }
  return changes.length > 0 ? { slots, changes } : undefined;
}

/** "note: invoice to head office", "à noter : …", "备注：…": the remark after the cue, if the text starts with one. */
export function cuedNote(text: string, lang: Lang): string | undefined {
  const input = text.trim();
  const folded = foldText(input);
  const cues = allLangs(formTurnWords().noteCues, lang).map(foldText).sort((a, b) => b.length - a.length);
  for (const cue of cues) {
    if (!folded.startsWith(cue)) continue;
    const next = folded.slice(cue.length);
    const han = /\p{Script=Han}/u.test(cue);
    // A one-word cue needs its colon ("Note Smith" is a name); a phrase ("please note", "请备注") a boundary.
    const oneWord = !han && !cue.includes(' ');
    const cut = oneWord ? /^\s*[:：-]\s*/u.exec(next) : han && [...cue].length >= 3 ? /^[\s:：,，]*/u.exec(next) : /^(?:\s*[:：,，-]\s*|\s+)/u.exec(next);
    if (!cut) continue;
    // Folding keeps the length of Latin and Han text; the remark is cut from the text as typed.
    const note = input.slice(cue.length + cut[0].length).replace(/^(?:that|que|qu')\s*/iu, '').trim();
    if ([...note].length >= 2) return note;
  }
  return undefined;
}

/** The notes with one more remark (each kept; the same one twice is not repeated). */
function withNote(draft: QuoteDraft, note: string): FilledSlots {
  const old = typeof draft.slots.notes === 'string' ? draft.slots.notes.trim() : '';
  if (old.split(' ; ').includes(note)) return { notes: old };
  return { notes: old ? `${old} ; ${note}` : note };
}

/**
 * Under the summary, a fact the form has no field for ("还有用户数50个agent别漏了" without a tier,
 * "they need it before 15 January"): enough words to be one, not a question, not noise.
 */
function isFact(input: string): boolean {
  if (isDontKnow(input) || isQuestionLike(input)) return false;
  const han = input.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = input.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return han >= 4 || words >= 3 || (words >= 2 && /\d/u.test(input));
}

export function interpretFormTurn(turn: FormTurn): FormReading {
  const whole = readFormTurn(turn);
  const read = answerWithQuestion(turn, whole) ?? whole;
  if (read.type !== 'answer' && read.type !== 'correction') return read;
  const reading = withSamePerson(turn, read);
  // What an upgrade starts from ("de 250 à 500 agents", "目前标准版"), said at any prompt: kept in the notes, said back.
  const upgrade = readUpgradeFacts({ ...turn.draft, ...(reading.draft.facts && { facts: reading.draft.facts }) }, turn.text, turn.lang);
  if (!upgrade) return reading;
  return { ...reading, draft: { ...reading.draft, facts: upgrade.facts }, notices: [...reading.notices, ...upgrade.notices] };
}

/**
 * "helene@x.fr. Au fait, on peut payer par virement à 30 jours ?", "3 ans. C'est moins cher
 * de prendre 3 ans d'un coup ?", "刘洋，…，liuyang@x.com。顺便问下，…在哪里找？": a sentence that
 * answers the prompt and a sentence that asks something. Read whole, the message is a question
 * and the answer is lost; read apart, the answer is stored and the question answered too. Only
 * when the answer part alone gives the same answer, and never under the summary (Confirm there
 * files the request) or at the notes prompt (what is typed there is the note).
 */
function answerWithQuestion(turn: FormTurn, whole: FormReading): FormReading | undefined {
  if (turn.asked === 'confirm' || turn.asked === 'notes') return undefined;
  if (whole.type === 'answer' && whole.question) return undefined;
  const sentences = splitSentences(normalizeInput(turn.text));
  if (sentences.length < 2) return undefined;
  const asks = sentences.map((s) => isQuestionLike(s));
  const questions = sentences.filter((_, i) => asks[i]);
  const rest = sentences.filter((_, i) => !asks[i]);
  if (questions.length === 0 || rest.length === 0) return undefined;
  const head = readFormTurn({ ...turn, text: rest.join(' ') });
  if (head.type !== 'answer') return undefined;
  // Read whole, the message already answered ("技术联系人就是我。对了，…可以一起报价吗？"): the same answer, the question too.
  if (whole.type === 'answer' && JSON.stringify(whole.slots[turn.asked]) !== JSON.stringify(head.slots[turn.asked])) return undefined;
  const answer = whole.type === 'answer' ? whole : head;
  const text = questions.join(' ');
  const faqId = turn.faq?.(text, turn.lang);
  return { ...answer, question: { text, ...(faqId && { faqId }) } };
}

/**
 * One person in two roles: "Léa Moreau, lea@…, c'est aussi le contact client" (the role named
 * after the phrase gets the same name and email), or, at a name prompt, the name of a person
 * already given ("la même, Léa Moreau" for the end user): their email too. Only empty fields of
 * this kind are filled, and each is said back.
 */
function withSamePerson<R extends Extract<FormReading, { type: 'answer' | 'correction' }>>(turn: FormTurn, reading: R): R {
  const { draft, asked, lang } = turn;
  const allowed = new Set(slotsOf(requireKind(draft)));
  const value = (slot: SlotName) => reading.slots[slot] ?? draft.slots[slot];
  const empty = (slot: SlotName) => allowed.has(slot) && !isFilled(draft.slots[slot]) && !isFilled(reading.slots[slot]);
  const added: FilledSlots = {};
  const copy = (to: (typeof PEOPLE_SLOTS)[number], from: (typeof PEOPLE_SLOTS)[number], fields: ReadonlyArray<'name' | 'email'>) => {
    for (const field of fields) if (empty(to[field]) && isFilled(value(from[field]))) Object.assign(added, { [to[field]]: value(from[field]) });
  };
  // The person this message gave: the one asked, else the one whose name it set.
  const given = PEOPLE_SLOTS.find((p) => p.name === asked || p.email === asked) ?? PEOPLE_SLOTS.find((p) => isFilled(reading.slots[p.name]));
  const folded = foldText(normalizeInput(turn.text));
  const phrase = allLangs(formTurnWords().alsoRole, lang)
    .map(foldText)
    .flatMap((w) => findAlias(folded, w).map((at) => at.end))
    .sort((a, b) => a - b)[0];
  if (given && phrase !== undefined && (isFilled(reading.slots[given.name]) || isFilled(reading.slots[given.email]))) {
    const tail = folded.slice(phrase);
    const others = PEOPLE_SLOTS.filter((p) => p !== given && p.name !== 'resellerName' && allowed.has(p.name))
      .map((p) => ({ p, score: fieldScore(turn.lexicon, p.name, tail) }))
      .filter((o) => o.score > 0)
      .sort((a, b) => b.score - a.score);
    if (others[0]) copy(others[0].p, given, ['name', 'email']);
  }
  // "la même, Léa Moreau" at the end user's name: the person of that name, with their email.
  // Never into the reseller's own fields: their email is theirs, whoever else shares the name.
  const person = PEOPLE_SLOTS.find((p) => p.name === asked && p.name !== 'resellerName');
  const name = person && reading.type === 'answer' ? reading.slots[person.name] : undefined;
  if (person && typeof name === 'string') {
    const same = PEOPLE_SLOTS.find((p) => p !== person && typeof draft.slots[p.name] === 'string' && foldText(draft.slots[p.name] as string) === foldText(name));
    if (same) copy(person, same, ['email']);
  }
  const slots = Object.keys(added) as SlotName[];
  if (slots.length === 0) return reading;
  return { ...reading, slots: { ...reading.slots, ...added }, changes: [...reading.changes, ...slots.map((slot) => ({ slot, to: added[slot] }))] };
}

/** Sentences: after ". ", "? ", "! " (an email's or a site's dots are inside a word) or a Chinese 。？！. */
function splitSentences(input: string): string[] {
  return input
    .split(/(?<=[.!?])\s+|(?<=[。！？])/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

function readFormTurn(turn: FormTurn): FormReading {
  const { draft, asked, text, lang, now } = turn;
  const input = normalizeInput(text);
  if (!input) return { type: 'refused', reason: { key: `quote:invalid.${asked}` }, rule: false };

  // "note: …", "à noter : …", "备注：…" at any prompt: a remark for the request; the same prompt comes again.
  const note = slotsOf(requireKind(draft)).includes('notes') ? cuedNote(text, lang) : undefined;
  if (note && asked === 'notes') return { type: 'answer', slots: withNote(draft, note), draft: {}, notices: [], changes: [] };
  if (note) return { type: 'note', note, slots: withNote(draft, note) };

  const status = detectStatusQuestion(input, lang);
  if (status) return { type: 'status', ...status };
  if (said(foldText(input), allLangs(formTurnWords().comeBackLater, lang))) return { type: 'comeBackLater' };

  const title = titleOf(turn.lexicon, input);
  if (title && !TITLE_ANSWERS[asked]?.includes(title)) return { type: 'repeat' };

  const previous = turn.previous;
  // A double tap comes within seconds; the same text typed later at another prompt is meant
  // ("王芳" as end user, then as technical contact: often the same person).
  const doubleTap = previous?.at === undefined || now.getTime() - previous.at < DOUBLE_TAP_MS;
  if (previous && previous.slot !== asked && !turn.repeatConfirmed && doubleTap && lexiconKey(previous.text) === lexiconKey(input)) {
    return { type: 'repeat', of: previous.slot };
  }

  if (isRestart(draft, input, lang, now)) return { type: 'restart' };
  // "start over with Confluence Standard 100 users, same site", "重新开始 改成Jira 其他不变": no
  // new request, only changes to this one; everything else given is kept.
  if (said(foldText(input), allLangs(formTurnWords().restart, lang))) {
    const changed = readCorrection(draft, asked, input, lang, { lexicon: turn.lexicon, now, restart: true, ...(turn.dayFirst !== undefined && { dayFirst: turn.dayFirst }) });
    if (changed && changed.changes.length > 0) {
      return { type: 'correction', slots: changed.slots, draft: itemsOf(changed), notices: changed.notices, changes: changed.changes };
    }
  }
  const switched = kindSwitch(draft, input, lang);
  if (switched) return { type: 'switchKind', kind: switched };

  const monthly = monthlyAsked(draft, input);
  if (monthly) {
    // "…, 120 users, monthly pls, end customer X": the rule is said, and the rest of the message is still read.
    const rest = readFormTurn({ ...turn, text: withoutMonthly(input) });
    if (rest.type === 'answer' || rest.type === 'correction') return { ...rest, notices: [monthly, ...rest.notices] };
    return { type: 'refused', reason: monthly, rule: true };
  }

  // "same as above", "就是刚才那个邮箱" at the reseller's email: the one they just gave (e.g. to the advocate).
  if (asked === 'resellerEmail' && turn.knownEmail && meansSameEmail(input, lang)) {
    const slots: FilledSlots = { resellerEmail: turn.knownEmail };
    return { type: 'answer', slots, draft: {}, notices: [], changes: [{ slot: 'resellerEmail', to: turn.knownEmail }] };
  }

  const copied = sameAs(turn, input);
  if (copied) {
    // Said back, the field asked included: the user named a person, not the value.
    const changes = (Object.keys(copied) as SlotName[]).map((slot) => ({ slot, to: copied[slot] }));
    return { type: 'answer', slots: copied, draft: {}, notices: [], changes };
  }

  // "the Confluence one expires 14 March 2027, not February" in a co-term: that licence's current
  // end (a fact of the notes), never the co-term target date.
  const currentEnd = readCurrentEnd(draft, input, lang, now, turn.dayFirst);
  if (currentEnd && !isQuestionLike(input)) return { type: 'correction', slots: {}, draft: { facts: currentEnd.facts }, notices: [currentEnd.notice], changes: [] };

  const words = input.split(/\s+/u).length;
  const question = isQuestionLike(input);
  // What is typed at the notes prompt is the note: it corrects other fields only when it says so ("wrong", "faux").
  const notesOnly = asked === 'notes' && !saysCorrection(input, lang);
  const correction = notesOnly ? undefined : readCorrections(draft, asked, input, lang, { lexicon: turn.lexicon, now, ...(turn.dayFirst !== undefined && { dayFirst: turn.dayFirst }) });
  const marked = correction !== undefined && (hasCorrectionMarker(input, lang) || asked === 'confirm');
  const asCorrection = (c: CorrectionReading): FormReading => ({
    type: 'correction',
    slots: c.slots,
    draft: itemsOf(c),
    notices: c.notices,
    changes: c.changes,
    ...(c.swapped && { swapped: c.swapped }),
  });
  // Under the summary there is no value to give: a correction is always one.
  if (correction && (asked === 'confirm' || (marked && question))) return asCorrection(correction);
  // "can we still file my quote request?": answered from the form itself (under the summary:
  // Confirm files it), never by an FAQ topic about manual review or paying an invoice.
  if (question && !correction && said(foldText(input), allLangs(formTurnWords().canFile, lang))) return { type: 'canFile' };

  // A question that merely contains a value ("is 50 users enough?") is still a question; one
  // that names the field asked ("is this my address or the customer's?") is about that field.
  if (question && (words > 4 || FREE_TEXT_SLOTS.has(asked))) return aboutField(turn, input) ?? { type: 'question', ...faqOf(turn, input) };
  if (asked === 'confirm' && !correction) {
    const edit = editAsked(turn, input);
    if (edit) return edit;
  }
  // "ok, et le délai ?" under the summary asks something: only a whole listed answer is a yes there.
  if (question && asked === 'confirm' && !isListedConfirmAnswer(input, lang)) return aboutField(turn, input) ?? { type: 'question', ...faqOf(turn, input) };

  // Free text is stored as typed (full-width punctuation in a Chinese address stays); the rest is read normalised.
  const reading = readAnswer(draft, asked, FREE_TEXT_SLOTS.has(asked) ? text.trim() : input, lang, now, turn.dayFirst);
  // "oh and my own email is …" at the technical contact's prompt: the role word gives it to another slot.
  // A number read from inside a corrected address ("…, 31000 Toulouse" at the tier prompt) is not the answer either.
  const claimed =
    reading.ok &&
    correction?.changes.some(
      (c) =>
        // The same value under the same slot is agreement ("我叫陈静，深圳蓝海软件，chenjing@…"), not a claim.
        (c.slot !== asked && Object.entries(reading.slots).some(([s, v]) => s !== c.slot && JSON.stringify(c.to) === JSON.stringify(v))) ||
        (typeof c.to === 'string' && FREE_TEXT_SLOTS.has(c.slot) && !readAnswer(draft, asked, blank(input, c.to), lang, now, turn.dayFirst).ok),
    ) ||
    // "Jira = 75 users, Confluence = 100 users" at the address prompt: order lines, not an address or a name.
    (reading.ok && FREE_TEXT_SLOTS.has(asked) && correction !== undefined && isOrderLine(correction, input)) ||
    // "edition Premium" at a name prompt names the edition, not a person.
    (reading.ok && FREE_TEXT_SLOTS.has(asked) && correction?.changes.some((c) => c.slot === 'edition') === true && fieldScore(turn.lexicon, 'edition', input) > 0);
  // "add SEN-L…" at the SEN prompt (an edit): the list grows.
  if (reading.ok && asked === 'sen' && reading.slots.sen && draft.slots.sen?.length && said(foldText(input), allLangs(formTurnWords().add, lang))) {
    reading.slots.sen = [...new Set([...draft.slots.sen, ...reading.slots.sen])];
  }
  if (reading.ok && !claimed) {
    // A plausible value of a few words ("Megan Carter") is never sent to the FAQ: short names can match a topic by chance.
    // A plausible name that asks nothing ("c'est moi, Thomas Ribeiro") is the answer, whatever topic its words match.
    const asksSomething = !isPersonSlot(asked) || isQuestionLike(input);
    const faqId = FREE_TEXT_SLOTS.has(asked) && asked !== 'notes' && words >= 4 && !correction && asksSomething ? turn.faq?.(input, lang) : undefined;
    if (faqId) return { type: 'question', faqId };
    // "c'est moi le contact, Luc Besson-Morel": the contact the opening named (kept in the notes, no field) is the reseller, with that email.
    const ownEmail = draft.unheld.endUserEmail;
    if (asked === 'resellerName' && reading.slots.resellerName === draft.unheld.endUserName && ownEmail && !isFilled(draft.slots.resellerEmail) && !reading.slots.resellerEmail) {
      reading.slots.resellerEmail = ownEmail;
    }
    // What else the message changed (a SEN in a pasted thread, "and 2000 users not 1000") comes with the answer.
    // A per-product tier or edition lives in the draft's item maps, not in a slot.
    const extraChanges = (correction?.changes ?? []).filter((c) => !(c.slot in reading.slots) && !c.product);
    const slots = { ...Object.fromEntries(extraChanges.map((c) => [c.slot, correction!.slots[c.slot]])), ...reading.slots } as FilledSlots;
    // Every other slot the answer changed is said back ("Jira et Confluence, 500 utilisateurs" at the product prompt).
    const replaced: Change[] = (Object.keys(reading.slots) as SlotName[])
      .filter((s) => s !== asked && JSON.stringify(draft.slots[s]) !== JSON.stringify(reading.slots[s]))
      .map((s) => ({ slot: s, ...(isFilled(draft.slots[s]) && { from: draft.slots[s] }), to: reading.slots[s] }));
    const itemTiers = {
      ...(correction?.itemTiers && !reading.draft.itemTiers && { itemTiers: correction.itemTiers }),
      ...(correction?.itemEditions && !reading.draft.itemEditions && { itemEditions: correction.itemEditions }),
      ...(correction?.itemSens && !reading.draft.itemSens && { itemSens: correction.itemSens }),
    };
    // What a long answer holds besides ("Jira Software DC, 2000 users, 3 years, end customer Acme GmbH, …" at
    // the first prompt) is taken like the opening sentence's: every empty slot the prefill reads.
    const prefilled = sentenceSlots(draft, asked, input, lang, now, slots);
    Object.assign(slots, prefilled.slots);
    replaced.push(...prefilled.changes);
    // "Technical contact is Kevin Zhou, kevin@…" at that prompt: the person named by their role is said back with their email;
    // so is the answer of a long sentence that gave several other fields.
    const namedAnswer =
      reading.slots[asked] !== undefined && ((correction?.answer?.[asked] !== undefined && extraChanges.length + replaced.length > 0) || extraChanges.length + replaced.length >= 2);
    const saidAnswer: Change[] = namedAnswer ? [{ slot: asked, ...(isFilled(draft.slots[asked]) && { from: draft.slots[asked] }), to: reading.slots[asked] }] : [];
    const changes = [...extraChanges, ...replaced, ...saidAnswer];
    const notices = [...reading.notices, ...(correction?.notices ?? [])];
    return { type: 'answer', slots, draft: { ...reading.draft, ...itemTiers }, ...ownTiers(draft, reading.draft.itemTiers, notices, changes) };
  }
  // "le contact technique est Paul Durand. son email est paul@…" at the technical contact's prompt:
  // the role word names the answer; it is said back with the rest.
  const named = correction?.answer;
  if (!reading.ok && named && asked in named) {
    const value = named[asked];
    return {
      type: 'answer',
      slots: { ...correction.slots, ...named },
      draft: itemsOf(correction),
      notices: correction.notices,
      changes: [...correction.changes, { slot: asked, ...(isFilled(draft.slots[asked]) && { from: draft.slots[asked] }), to: value }],
    };
  }
  // Facts at a prompt they do not answer ("客户站点 x.atlassian.net，Confluence 标准版，大概300人" at the name
  // prompt): every empty field the prefill reads is taken and said, and the prompt comes again.
  const facts = !reading.ok && !question ? sentenceSlots(draft, asked, input, lang, now, correction?.slots ?? {}) : undefined;
  if (facts && facts.changes.length > 0) {
    const base = correction ?? { slots: {}, changes: [], notices: [] };
    return asCorrection({ ...base, slots: { ...base.slots, ...facts.slots }, changes: [...base.changes, ...facts.changes] });
  }
  if (correction) return asCorrection(correction);
  if (!reading.ok && reading.rule) return { type: 'refused', reason: reading.reason, rule: true };
  // Under the summary there is no value to give: a fact the form has no field for goes to the notes, said back.
  if (asked === 'confirm' && !reading.ok && slotsOf(requireKind(draft)).includes('notes') && isFact(input)) {
    const fact = text.trim();
    return { type: 'note', note: fact, slots: withNote(draft, fact) };
  }

  const shaped = FREE_TEXT_SLOTS.has(asked) || asked === 'siteUrl' ? shapedValues(draft, asked, input) : undefined;
  if (shaped) return { type: 'correction', slots: shaped.slots, draft: {}, notices: [], changes: shaped.changes };
  if (question) return aboutField(turn, input) ?? { type: 'question', ...faqOf(turn, input) };
  if (isDontKnow(input)) return { type: 'dontKnow' };
  // A short wrong answer ("Owen Price" at the URL prompt, "end of June 2027" at a name prompt) is not an FAQ question.
  const faqId = words >= 6 ? turn.faq?.(input, lang) : undefined;
  if (faqId) return { type: 'question', faqId };
  return { type: 'refused', reason: reading.ok ? { key: `quote:invalid.${asked}` } : reading.reason, rule: false };
}

/**
 * Under the summary, something said wrong and no new value: "my email is wrong", "l'email est
 * faux", "邮箱写错了" → that field to edit (a tie goes to the one answered last); a marker alone
 * ("non attends", "wait, wrong") → the Edit menu.
 */
function editAsked(turn: FormTurn, input: string): FormReading | undefined {
  const { draft, lang } = turn;
  const bare = foldText(input).replace(/[\s.!?。！？]+$/u, '').replace(/\s*[,，]\s*/gu, ', ');
  const alone = allLangs(formTurnWords().editAlone, lang).some((w) => foldText(w).replace(/\s*[,，]\s*/gu, ', ') === bare);
  // "I swapped two digits" (no new value): a typo in one field, to edit, never two people swapped.
  const typo = isCharacterSwap(input, lang);
  if (!hasStrongCorrectionMarker(input, lang) && !alone && !typo) return undefined;
  const slots = slotsOf(requireKind(draft)).filter((s) => s !== 'confirm' && s !== 'notes');
  const scored = slots.map((slot) => ({ slot, score: fieldScore(turn.lexicon, slot, input) })).filter((f) => f.score > 0);
  if (scored.length > 0) {
    const best = Math.max(...scored.map((f) => f.score));
    const tied: SlotName[] = scored.filter((f) => f.score === best).map((f) => f.slot);
    const field = [...draft.answered].reverse().find((s) => tied.includes(s)) ?? tied.find((s) => isFilled(draft.slots[s])) ?? tied[0]!;
    return { type: 'editField', field };
  }
  return alone || typo ? { type: 'answer', slots: { confirm: 'edit' }, draft: {}, notices: [], changes: [] } : undefined;
}

/** A sentence with several clauses: the prefill reader's slots for the empty fields of this kind (not the one asked). */
function sentenceSlots(draft: QuoteDraft, asked: SlotName, input: string, lang: Lang, now: Date, taken: FilledSlots): { slots: FilledSlots; changes: Change[] } {
  const clauses = input.split(/[,;，；、]|\s(?:and|et)\s/u).filter((c) => c.trim()).length;
  // What is typed at the notes prompt is the note.
  if (clauses < 3 || asked === 'notes') return { slots: {}, changes: [] };
  const allowed = new Set(slotsOf(requireKind(draft)));
  const found = extractQuoteSlots(input, lang, { now }).slots as FilledSlots;
  const slots: FilledSlots = {};
  const changes: Change[] = [];
  for (const slot of Object.keys(found) as SlotName[]) {
    if (slot === asked || !allowed.has(slot) || slot in taken || isFilled(draft.slots[slot]) || !isFilled(found[slot])) continue;
    Object.assign(slots, { [slot]: found[slot] });
    changes.push({ slot, to: found[slot] });
  }
  return { slots, changes };
}

/**
 * "200 users jira and 30 agents jsm": the answer gave each product its own tier (rounded in
 * slotAnswer, the rounding said there in the product's unit). The request's single count and any
 * other reading's rounding of the same numbers are not said; each product's tier is, once.
 */
function ownTiers(draft: QuoteDraft, itemTiers: Record<string, number> | undefined, notices: Message[], changes: Change[]): { notices: Message[]; changes: Change[] } {
  const given = Object.entries(itemTiers ?? {}).filter(([p, tier]) => draft.itemTiers[p] !== tier);
  if (given.length < 2) return { notices, changes };
  const perProduct = notices.filter((n) => /notice\.tier/u.test(n.key) && given.some(([p]) => n.params?.productId === p));
  const rounded = new Set(perProduct.map((n) => n.params?.productId));
  const kept = notices.filter((n) => !/notice\.tier/u.test(n.key) || perProduct.includes(n));
  const tierLines: Change[] = given.filter(([p]) => !rounded.has(p)).map(([product, to]) => ({ slot: 'tier', product, to }));
  return { notices: dedupe(kept), changes: [...changes.filter((c) => c.slot !== 'tier'), ...tierLines] };
}

const dedupe = (notices: Message[]): Message[] => notices.filter((n, i) => notices.findIndex((m) => JSON.stringify(m) === JSON.stringify(n)) === i);

/** The corrected order (tiers, editions, products) is all the text says: product names and counts, no other value. */
function isOrderLine(correction: CorrectionReading, input: string): boolean {
  if (!correction.changes.some((c) => ORDER_SLOTS.includes(c.slot)) && !correction.notices.some((n) => /notice\.tier/u.test(n.key))) return false;
  if (findProductMatches(input).length === 0) return false;
  const rest = findProductMatches(input)
    .reduceRight((text, m) => text.slice(0, m.start) + ' ' + text.slice(m.end), input)
    .replace(/\d[\d\s.,]*\s*(?:个|名|位)?\s*(?:users?|utilisateurs?|agents?|seats?|postes?|用户|人|坐席|座席)?/giu, ' ');
  return !/\p{L}{3,}.*\p{L}{3,}/u.test(rest.replace(/\b(?:and|et|plus|with|avec|for|pour|users?|utilisateurs?|should be|is|est|de|à|a)\b/giu, ' '));
}
const ORDER_SLOTS: readonly SlotName[] = ['tier', 'edition', 'product', 'maintenanceYears'];

/** The text without a value's parts (each half of a two-address value). */
function blank(input: string, value: string): string {
  return value
    .split(/(?<!\s)\s*[;；]\s*/u)
    .map((part) => normalizeInput(part).replace(/^[^:：\d]{1,24}[:：]\s*/u, ''))
    .filter((part) => part.length >= 4)
    .reduce((text, part) => text.replace(part, ' '), input);
}

/**
 * A question naming a field of the form ("is this my address or the customer's?", "does the
 * authorized contact have to be the site admin?" at the email prompt): that field's explanation.
 */
function aboutField(turn: FormTurn, input: string): FormReading | undefined {
  const slots = slotsOf(requireKind(turn.draft)).filter((s) => s !== 'confirm');
  const scored = slots.map((slot) => ({ slot, score: fieldScore(turn.lexicon, slot, input) })).filter((f) => f.score > 0);
  if (scored.length === 0) return undefined;
  // "what's the difference between the technical contact and the billing contact?": both explained.
  if (said(foldText(input), allLangs(formTurnWords().difference, turn.lang))) {
    // A person's name and email are one field here: the two explained are two people, or a person and another field.
    const person = (slot: SlotName) => PEOPLE_SLOTS.find((p) => p.email === slot)?.name ?? slot;
    const seen = new Set<SlotName>();
    const two = [...scored]
      .sort((a, b) => b.score - a.score || Number(isPersonSlot(b.slot)) - Number(isPersonSlot(a.slot)))
      .filter((f) => !seen.has(person(f.slot)) && seen.add(person(f.slot)))
      .slice(0, 2)
      .map((f) => person(f.slot));
    if (two.length === 2) return { type: 'question', about: 'field', fields: two };
  }
  const best = Math.max(...scored.map((f) => f.score));
  // The field asked wins a tie: "the address?" at the address prompt is about that address.
  const field = scored.find((f) => f.slot === turn.asked && f.score === best)?.slot ?? scored.find((f) => f.score === best)!.slot;
  // "where do I download the licence key?" shares one word with "licensee organisation": a single
  // weak match on another field is no question about it; the FAQ (or its likeliest topic) answers.
  if (field !== turn.asked && best <= 1) return { type: 'question', ...faqOf(turn, input) };
  // "la TVA s'applique comment pour un client en Belgique ?" at the address prompt shares only
  // "client" with the label: a confident FAQ answer beats one weak word of the field asked.
  // At the summary no field is asked: "条款关联的费用是怎么算的？" names the co-term date's label
  // but asks how co-terming is priced, which the FAQ answers when it is sure.
  if (best <= 1 || turn.asked === 'confirm') {
    const faq = faqOf(turn, input);
    if (faq.faqId) return { type: 'question', ...faq };
  }
  return { type: 'question', about: 'field', ...(field !== turn.asked && { field }) };
}

function faqOf(turn: FormTurn, input: string): { faqId?: string } {
  const id = turn.faq?.(input, turn.lang);
  return id ? { faqId: id } : {};
}

/** The per-product tiers and editions a correction changed, as draft fields. */
function itemsOf(c: CorrectionReading): Partial<QuoteDraft> {
  return {
    ...(c.itemTiers && { itemTiers: c.itemTiers }),
    ...(c.itemEditions && { itemEditions: c.itemEditions }),
    ...(c.itemSens && { itemSens: c.itemSens }),
    ...(c.unheld && { unheld: c.unheld }),
  };
}
