import type { Lang } from '../../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords, quoteIntentWords } from '../../../knowledge/nlu/index.js';
import type { SlotName } from '../../../knowledge/quoteTypes.js';
import {
  findEmails,
  findSens,
  findSiteUrl,
  isDontKnow,
  isQuestionLike,
  normalizeInput,
  slotsOf,
  type Message,
} from '../../validators/index.js';
import { EMAIL_OF_PERSON, isPersonSlot } from '../../validators/people.js';
import { detectQuoteRequest } from '../quoteDetection.js';
import { deploymentFor, isFilled, requireKind, type FilledSlots, type QuoteDraft } from '../quoteDraft.js';
import { readAnswer } from '../slotAnswer.js';
import { hasCorrectionMarker, readCorrection, type Change } from './corrections.js';
import { lexiconKey, namesField, titleOf, type Lexicon } from './lexicon.js';
import { detectStatusQuestion } from './statusQuestion.js';

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
  previous?: { text: string; slot: SlotName };
  /** The previous message was already flagged as a repeat: the same text again is meant. */
  repeatConfirmed?: boolean;
  /** A confident FAQ answer for the text, if any (the dialog passes the engine). */
  faq?: (text: string, lang: Lang) => string | undefined;
}

export type FormReading =
  /** The asked slot is filled (`changes` lists other slots the message also set). */
  | { type: 'answer'; slots: FilledSlots; draft: Partial<QuoteDraft>; notices: Message[]; changes: Change[] }
  /** Other slots changed; the asked slot is still open (or, at the summary, the summary is shown again). */
  | { type: 'correction'; slots: FilledSlots; draft: Partial<QuoteDraft>; notices: Message[]; changes: Change[]; swapped?: [SlotName, SlotName] }
  | { type: 'question'; faqId?: string }
  | { type: 'status'; ref?: string }
  /** "start over: <a new request>": cancel this form and start that one with the sentence. */
  | { type: 'restart' }
  /** A button title or the previous answer sent again. */
  | { type: 'repeat'; of?: SlotName }
  | { type: 'dontKnow' }
  /** `rule`: a business rule refused it (no typing mistake counted). */
  | { type: 'refused'; reason: Message; rule: boolean };

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

const said = (folded: string, words: readonly string[]) => words.some((w) => findAlias(folded, foldText(w)).length > 0);

/** "start over: upgrade Confluence DC, SEN-L7654321…": a restart word and a request in the same message. */
function isRestart(draft: QuoteDraft, text: string, lang: Lang, now: Date): boolean {
  const folded = foldText(normalizeInput(text));
  if (!said(folded, allLangs(formTurnWords().restart, lang))) return false;
  const request = detectQuoteRequest(text, lang, now);
  return request !== undefined && (request.kind !== undefined || Object.keys(request.slots ?? {}).length > 0) && (request.kind ?? draft.kind) !== undefined;
}

/** "can it be billed monthly instead?": refused at every step, with the rule. */
function monthlyAsked(draft: QuoteDraft, text: string): Message | undefined {
  const folded = foldText(normalizeInput(text));
  if (!said(folded, quoteIntentWords().billing.monthly)) return undefined;
  return deploymentFor(draft) === 'cloud' ? { key: 'quote:rule.annualCloudOnly' } : { key: 'quote:rule.annualDataCenterOnly' };
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
  return changes.length > 0 ? { slots, changes } : undefined;
}

export function interpretFormTurn(turn: FormTurn): FormReading {
  const { draft, asked, text, lang, now } = turn;
  const input = normalizeInput(text);
  if (!input) return { type: 'refused', reason: { key: `quote:invalid.${asked}` }, rule: false };

  const status = detectStatusQuestion(input, lang);
  if (status) return { type: 'status', ...status };

  const title = titleOf(turn.lexicon, input);
  if (title && !TITLE_ANSWERS[asked]?.includes(title)) return { type: 'repeat' };

  const previous = turn.previous;
  if (previous && previous.slot !== asked && !turn.repeatConfirmed && lexiconKey(previous.text) === lexiconKey(input)) {
    return { type: 'repeat', of: previous.slot };
  }

  if (isRestart(draft, input, lang, now)) return { type: 'restart' };

  const monthly = monthlyAsked(draft, input);
  if (monthly) return { type: 'refused', reason: monthly, rule: true };

  const words = input.split(/\s+/u).length;
  const question = isQuestionLike(input);
  const correction = readCorrection(draft, asked, input, lang);
  const marked = correction !== undefined && (hasCorrectionMarker(input, lang) || asked === 'confirm');
  if (correction && marked) {
    return { type: 'correction', slots: correction.slots, draft: correction.itemTiers ? { itemTiers: correction.itemTiers } : {}, notices: correction.notices, changes: correction.changes, ...(correction.swapped && { swapped: correction.swapped }) };
  }

  // A question that merely contains a value ("is 50 users enough?") is still a question; one
  // that names the field asked ("is this my address or the customer's?") is about that field.
  if (question && (words > 4 || FREE_TEXT_SLOTS.has(asked))) return namesField(turn.lexicon, asked, input) ? { type: 'question' } : { type: 'question', ...faqOf(turn, input) };

  const reading = readAnswer(draft, asked, input, lang, now);
  if (reading.ok) {
    // A plausible value of a few words ("Megan Carter") is never sent to the FAQ: short names can match a topic by chance.
    const faqId = FREE_TEXT_SLOTS.has(asked) && asked !== 'notes' && words >= 4 ? turn.faq?.(input, lang) : undefined;
    if (faqId) return { type: 'question', faqId };
    const extra = correction && !marked ? correction : undefined;
    const changes = (extra?.changes ?? []).filter((c) => !(c.slot in reading.slots));
    const slots = { ...Object.fromEntries(changes.map((c) => [c.slot, extra!.slots[c.slot]])), ...reading.slots } as FilledSlots;
    return { type: 'answer', slots, draft: reading.draft, notices: [...reading.notices, ...(extra?.notices ?? [])], changes };
  }
  if (reading.rule) return { type: 'refused', reason: reading.reason, rule: true };

  const shaped = FREE_TEXT_SLOTS.has(asked) || asked === 'siteUrl' ? shapedValues(draft, asked, input) : undefined;
  if (shaped) return { type: 'correction', slots: shaped.slots, draft: {}, notices: [], changes: shaped.changes };
  if (correction) {
    return { type: 'correction', slots: correction.slots, draft: correction.itemTiers ? { itemTiers: correction.itemTiers } : {}, notices: correction.notices, changes: correction.changes };
  }
  if (question) return namesField(turn.lexicon, asked, input) ? { type: 'question' } : { type: 'question', ...faqOf(turn, input) };
  if (isDontKnow(input)) return { type: 'dontKnow' };
  const faqId = turn.faq?.(input, lang);
  if (faqId) return { type: 'question', faqId };
  return { type: 'refused', reason: reading.reason, rule: false };
}

function faqOf(turn: FormTurn, input: string): { faqId?: string } {
  const id = turn.faq?.(input, turn.lang);
  return id ? { faqId: id } : {};
}
