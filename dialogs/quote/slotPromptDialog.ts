import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import type { Message } from '../validators/index.js';
import { slotPrompt } from './prompts.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import { requireKind, type FilledSlots, type QuoteDraft } from './quoteDraft.js';
import { readAnswer } from './slotAnswer.js';
import { summaryActivity } from './summaryCard.js';

export interface SlotPromptOptions {
  draft: QuoteDraft;
  slot: SlotName;
  /** Show "Talk to an advocate" with the prompt (a rule a person must handle). */
  offerAdvocate?: boolean;
}

/** What the prompt ends with: the slot (and any other slot the answer gave) plus draft changes. */
export interface SlotAnswer {
  slots: FilledSlots;
  draft: Partial<QuoteDraft>;
}

interface PromptState {
  options: SlotPromptOptions;
  failures: number;
}

/** Failures in a row after which an advocate is offered (the slot stays open). */
export const FAILURES_BEFORE_ADVOCATE = 3;

/**
 * Asks for one slot and reads the answer. An invalid answer gets the validator's reason and
 * the same prompt; an FAQ question gets its answer and the same prompt; after three failures
 * an advocate is offered. `repromptDialog` (after help, a kept cancel, a language switch)
 * sends the same prompt again in the current language.
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
    const reading = readAnswer(draft, slot, text, lang, this.deps.now?.() ?? new Date());

    if (reading.ok) {
      for (const notice of reading.notices) await context.sendActivity(t(notice.key, notice.params));
      const answer: SlotAnswer = { slots: reading.slots, draft: reading.draft };
      return dc.endDialog(answer);
    }
    if (!reading.rule && (await this.answeredAsFaq(context, text))) {
      await this.sendPrompt(context, state);
      return Dialog.EndOfTurn;
    }
    if (!reading.rule) state.failures += 1;
    await context.sendActivity(this.reasonText(context, reading.reason));
    if (state.failures >= FAILURES_BEFORE_ADVOCATE) await context.sendActivity(t('quote:invalid.tooManyTries'));
    await this.sendPrompt(context, state);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.sendPrompt(context, instance.state as PromptState);
  }

  private reasonText(context: TurnContext, reason: Message): string {
    return turnInfo(context).t(reason.key, reason.params);
  }

  /** Only a confident FAQ answer interrupts: anything else is a wrong answer to the prompt. */
  private async answeredAsFaq(context: TurnContext, text: string): Promise<boolean> {
    const faq = this.deps.faq;
    if (!faq || text.trim().length < 8) return false;
    const { lang } = turnInfo(context);
    const decision = faq.decide(text, lang);
    if (decision.kind !== 'answer') return false;
    const entry = faq.entry(decision.id);
    if (!entry) return false;
    await context.sendActivity(entry[lang].answer);
    return true;
  }

  private async sendPrompt(context: TurnContext, state: PromptState): Promise<void> {
    const { t, lang } = turnInfo(context);
    const { draft, slot } = state.options;
    const advocate = state.options.offerAdvocate === true || state.failures >= FAILURES_BEFORE_ADVOCATE;
    const activity = slot === 'confirm' ? summaryActivity(t, lang, draft, advocate) : slotPrompt(t, lang, requireKind(draft), slot, advocate);
    await context.sendActivity(activity);
  }
}

export const isSlotAnswer = (value: unknown): value is SlotAnswer =>
  typeof value === 'object' && value !== null && 'slots' in value && 'draft' in value;

/** Merges an answer into the draft (the answer wins; the edit mark is cleared). */
export function applyAnswer(draft: QuoteDraft, answer: SlotAnswer): QuoteDraft {
  const { editing: _done, ...rest } = draft;
  // A new product list or tier makes per-product tiers from an earlier answer stale.
  const orderChanged = answer.slots.product !== undefined || answer.slots.tier !== undefined;
  const itemTiers = answer.draft.itemTiers ?? (orderChanged ? {} : draft.itemTiers);
  return { ...rest, ...answer.draft, itemTiers, slots: { ...draft.slots, ...answer.slots } };
}
