import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from '../sdk.js';
import { turnInfo } from '../../bot/turn.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import { explainKey, labelKey, type Message } from '../validators/index.js';
import { changeLines, renderMessage } from './formReplies.js';
import { interpretFormTurn, type FormReading } from './interpret/formTurn.js';
import { slotPrompt } from './prompts.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import { tiersFor } from '../../knowledge/catalog.js';
import { deploymentFor, requireKind, type FilledSlots, type QuoteDraft } from './quoteDraft.js';
import { requestRestart } from '../restart.js';
import { QUOTE_ENTRY_DIALOG } from './quoteEntryId.js';
import { slotsForKind } from './quoteDetection.js';
import { tellStatus } from './quoteStatusMiddleware.js';
import { summaryActivity } from './summaryCard.js';

export interface SlotPromptOptions {
  draft: QuoteDraft;
  slot: SlotName;
  /** Show "Talk to an advocate" with the prompt (a rule a person must handle). */
  offerAdvocate?: boolean;
}

/**
 * What the prompt ends with: the slots the message set plus draft changes. `corrected`: only
 * other slots changed (the asked one is still open; at the summary, show it again).
 */
export interface SlotAnswer {
  slots: FilledSlots;
  draft: Partial<QuoteDraft>;
  corrected?: boolean;
  /** Under the summary: the field to edit at once ("my email is wrong"). */
  editField?: SlotName;
  /** The channel's id of the prompt message (the summary card), to update it once filed. */
  promptActivityId?: string;
}

interface PromptState {
  options: SlotPromptOptions;
  failures: number;
  /** The text last flagged as a repeat: sent once more, it is meant. */
  repeatFlagged?: string;
  /** The channel's id of the last prompt sent (Teams returns one; expectReplies does not). */
  promptActivityId?: string;
}

/** Failures in a row after which an advocate is offered (the slot stays open). */
export const FAILURES_BEFORE_ADVOCATE = 3;

/**
 * Asks for one slot and reads every message through the form interpreter
 * (interpret/formTurn.ts): the answer ends the prompt; a correction is said back and ends it
 * too (the form asks what is still missing); a question gets its FAQ answer or an explanation of
 * the field, a status question the user's requests, a repeat or "I don't know" a word of
 * explanation — each followed by the same prompt. After three failures an advocate is offered.
 * `repromptDialog` (after help, a kept cancel, a language switch) sends the same prompt again.
 */
export class SlotPromptDialog extends Dialog<SlotPromptOptions> {
  constructor(id: string, private readonly deps: QuoteDialogDeps) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: SlotPromptOptions): Promise<DialogTurnResult> {
    if (!options) throw new Error(`${this.id}: a slot prompt needs {draft, slot}`);
    const state: PromptState = { options, failures: 0 };
    dc.activeDialog!.state = state;
    await this.sendPrompt(dc.context, state);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    if (context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as PromptState;
    const { t, lang } = turnInfo(context);
    const { draft, slot } = state.options;
    const text = context.activity.text ?? '';
    const knownEmail = slot === 'resellerEmail' ? (await this.deps.reseller?.recall(context))?.resellerEmail : undefined;
    const now = this.deps.now?.() ?? new Date();
    const reading = interpretFormTurn({
      ...(typeof knownEmail === 'string' && knownEmail ? { knownEmail } : {}),
      draft,
      asked: slot,
      text,
      lang,
      now,
      lexicon: this.deps.lexicon,
      ...(draft.lastInput && { previous: draft.lastInput }),
      repeatConfirmed: state.repeatFlagged === text.trim(),
      faq: (q, l) => this.confidentFaq(q, l),
      dayFirst: !/^en-US$/iu.test(context.activity.locale ?? ''),
    });
    const lastInput = { text: text.trim().slice(0, 500), slot, at: now.getTime() };

    switch (reading.type) {
      case 'answer':
        await this.deps.reseller?.remember(context, reading.slots);
        for (const line of changeLines(t, lang, draft, reading.changes)) await context.sendActivity(line);
        for (const notice of reading.notices) await context.sendActivity(renderMessage(t, lang, notice));
        // "helene@x.fr. Au fait, on peut payer par virement ?": the answer is kept, the question answered, then the next prompt.
        if (reading.question) await this.answerAlso(context, reading.question);
        return dc.endDialog({
          slots: reading.slots,
          draft: { ...reading.draft, lastInput },
          ...(state.promptActivityId && { promptActivityId: state.promptActivityId }),
        } satisfies SlotAnswer);
      case 'correction':
        await this.deps.reseller?.remember(context, reading.slots);
        await this.sayCorrection(context, draft, reading);
        return dc.endDialog({ slots: reading.slots, draft: { ...reading.draft, lastInput }, corrected: true } satisfies SlotAnswer);
      case 'editField':
        return dc.endDialog({ slots: {}, draft: { lastInput }, editField: reading.field } satisfies SlotAnswer);
      case 'note':
        // Said back in one line; the form (or the summary) asks the same thing again, the note kept.
        await context.sendActivity(t('quoteDialog:notes.added', { note: reading.note }));
        return dc.endDialog({ slots: reading.slots, draft: { lastInput }, corrected: true } satisfies SlotAnswer);
      case 'restart':
        requestRestart(context, { text });
        return Dialog.EndOfTurn;
      case 'switchKind':
        requestRestart(context, {
          text,
          start: {
            dialogId: QUOTE_ENTRY_DIALOG,
            // The site named for an existing site is the one wanted: a new subscription keeps it for the notes.
            options: { kind: reading.kind, slots: { ...slotsForKind(reading.kind, draft.slots), ...(draft.slots.siteUrl && { siteUrl: draft.slots.siteUrl }) } },
            noticeKey: 'quoteDialog:kindChanged',
            noticeParams: { kind: t(`quote:kind.${reading.kind}`) },
          },
        });
        return Dialog.EndOfTurn;
      case 'question':
        await this.answerQuestion(context, reading, draft, slot);
        break;
      case 'status':
        await tellStatus(context, reading.ref, this.deps.quotes, { withMenu: false });
        break;
      case 'repeat':
        state.repeatFlagged = text.trim();
        await context.sendActivity(reading.of ? t('quoteDialog:repeat.answer', { field: t(labelKey(requireKind(draft), reading.of)) }) : t('quoteDialog:repeat.button'));
        break;
      case 'comeBackLater':
        await context.sendActivity(t('quoteDialog:comeBackLater'));
        break;
      case 'canFile':
        await context.sendActivity(t(slot === 'confirm' ? 'quoteDialog:canFile.atSummary' : 'quoteDialog:canFile.missing'));
        break;
      case 'dontKnow':
        await context.sendActivity(t('quoteDialog:dontKnow', { field: t(labelKey(requireKind(draft), slot)) }));
        break;
      case 'refused':
        // "can we continue in English? my colleague will finish this": the switch was the message;
        // what came with it is no answer, and no mistake either: the prompt comes again, in the new language.
        if (!reading.rule && turnInfo(context).carriedAfterSwitch) break;
        if (!reading.rule) state.failures += 1;
        await context.sendActivity(this.reasonText(context, reading.reason));
        if (state.failures >= FAILURES_BEFORE_ADVOCATE) await context.sendActivity(t('quote:invalid.tooManyTries'));
        break;
    }
    await this.sendPrompt(context, state);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.sendPrompt(context, instance.state as PromptState);
  }

  private reasonText(context: TurnContext, reason: Message): string {
    const { t, lang } = turnInfo(context);
    return renderMessage(t, lang, reason);
  }

  private async sayCorrection(context: TurnContext, draft: QuoteDraft, reading: Extract<FormReading, { type: 'correction' }>): Promise<void> {
    const { t, lang } = turnInfo(context);
    for (const line of changeLines(t, lang, draft, reading.changes, reading.swapped)) await context.sendActivity(line);
    for (const notice of reading.notices) await context.sendActivity(renderMessage(t, lang, notice));
  }

  /** The FAQ's answer when it is sure; otherwise what the field asked for means. */
  private async answerQuestion(context: TurnContext, reading: { faqId?: string; about?: 'field'; field?: SlotName; fields?: SlotName[] }, draft: QuoteDraft, asked: SlotName): Promise<void> {
    const slot = reading.field ?? asked;
    const { t, lang } = turnInfo(context);
    if (reading.fields) {
      const kind = requireKind(draft);
      const lines = reading.fields.map((f) => `**${t(labelKey(kind, f))}** : ${t(explainKey(kind, f), { tiers: tierList(draft) })}`);
      await context.sendActivity(lines.map((l) => (lang === 'fr' ? l : l.replace(' : ', lang === 'zh' ? '：' : ': '))).join('\n\n'));
      return;
    }
    const entry = reading.faqId ? this.deps.faq?.entry(reading.faqId) : undefined;
    if (entry) {
      await context.sendActivity(entry[lang].answer);
      return;
    }
    // Not sure which topic, but the message is plainly a question: the likeliest topic's answer,
    // titled so the user sees what was understood ("Si votre question porte sur « … » :").
    const likely = reading.about !== 'field' ? this.likelyFaq(context.activity.text ?? '', lang) : undefined;
    if (likely) {
      await context.sendActivity(`${t('quoteDialog:question.ifTopic', { title: likely[lang].title })}\n\n${likely[lang].answer}`);
      return;
    }
    const explanation = t(explainKey(requireKind(draft), slot), { tiers: tierList(draft) });
    // A question about the field itself is answered by what the field is; another one is said to wait.
    await context.sendActivity(reading.about === 'field' ? explanation : t('quoteDialog:question.field', { explanation }));
  }

  /** A question sent with an answer: the FAQ's sure answer, else its likeliest topic, else that an advocate will answer. */
  private async answerAlso(context: TurnContext, question: { text: string; faqId?: string }): Promise<void> {
    const { t, lang } = turnInfo(context);
    const entry = question.faqId ? this.deps.faq?.entry(question.faqId) : undefined;
    if (entry) {
      await context.sendActivity(entry[lang].answer);
      return;
    }
    const likely = this.likelyFaq(question.text, lang);
    await context.sendActivity(likely ? `${t('quoteDialog:question.ifTopic', { title: likely[lang].title })}\n\n${likely[lang].answer}` : t('quoteDialog:question.noAnswer'));
  }

  /** The first topic of a "did you mean" for a message already known to be a question. */
  private likelyFaq(text: string, lang: Parameters<NonNullable<QuoteDialogDeps['faq']>['decide']>[1]) {
    const faq = this.deps.faq;
    if (!faq || !longEnoughForFaq(text)) return undefined;
    const decision = faq.decide(text, lang);
    const first = decision.kind === 'clarify' ? decision.candidates[0] : undefined;
    return first ? faq.entry(first.id) : undefined;
  }

  /** Only a confident FAQ answer counts: anything else is not an FAQ question. */
  private confidentFaq(text: string, lang: Parameters<NonNullable<QuoteDialogDeps['faq']>['decide']>[1]): string | undefined {
    const faq = this.deps.faq;
    if (!faq || !longEnoughForFaq(text)) return undefined;
    const decision = faq.decide(text, lang);
    return decision.kind === 'answer' && faq.entry(decision.id) ? decision.id : undefined;
  }

  private async sendPrompt(context: TurnContext, state: PromptState): Promise<void> {
    const { t, lang } = turnInfo(context);
    const { draft, slot } = state.options;
    const advocate = state.options.offerAdvocate === true || state.failures >= FAILURES_BEFORE_ADVOCATE;
    const activity = slot === 'confirm' ? summaryActivity(t, lang, draft, advocate) : slotPrompt(t, lang, requireKind(draft), slot, advocate, draft.slots.product);
    const sent = await context.sendActivity(activity);
    if (sent?.id) state.promptActivityId = sent.id;
    else delete state.promptActivityId;
  }
}

/**
 * Too short to be read as an FAQ question: fewer than 8 characters, or fewer than 4 Chinese
 * characters ("价格有折扣吗？" is a whole question in 7; "王芳" is a name).
 */
export function longEnoughForFaq(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 8 || (trimmed.match(/\p{Script=Han}/gu)?.length ?? 0) >= 4;
}

/** The user tiers sold for the request ("10, 25, 50 … 50000"), for the tier explanation. */
function tierList(draft: QuoteDraft): string {
  const deployment = deploymentFor(draft) ?? 'cloud';
  const tiers = tiersFor(deployment, draft.slots.product?.[0]);
  return tiers.length > 10 ? `${tiers.slice(0, 8).join(', ')} … ${tiers.at(-1)}` : tiers.join(', ');
}

export const isSlotAnswer = (value: unknown): value is SlotAnswer =>
  typeof value === 'object' && value !== null && 'slots' in value && 'draft' in value;

/** Merges an answer into the draft (the answer wins; the edit mark is cleared; the order of answers kept). */
export function applyAnswer(draft: QuoteDraft, answer: SlotAnswer): QuoteDraft {
  const { editing: _done, ...rest } = draft;
  // A new product list or tier makes per-product tiers from an earlier answer stale.
  const orderChanged = answer.slots.product !== undefined || answer.slots.tier !== undefined;
  const itemTiers = answer.draft.itemTiers ?? (orderChanged ? {} : draft.itemTiers);
  // Likewise a new product list or one edition for all makes per-product editions stale.
  const editionsChanged = answer.slots.product !== undefined || answer.slots.edition !== undefined;
  const itemEditions = answer.draft.itemEditions ?? (editionsChanged ? {} : draft.itemEditions);
  const given = Object.keys(answer.slots) as SlotName[];
  const answered = [...draft.answered.filter((s) => !given.includes(s)), ...given].slice(-40);
  return { ...rest, ...answer.draft, itemTiers, itemEditions, answered, slots: { ...draft.slots, ...answer.slots } };
}
