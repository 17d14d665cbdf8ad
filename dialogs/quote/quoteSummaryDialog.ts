import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../sdk.js';
import { turnInfo } from '../../bot/turn.js';
import { isSlotName, type SlotName } from '../../knowledge/quoteTypes.js';
import { kindSpec, labelKey, remindedSlots, slotsOf, type ConfirmChoice } from '../validators/index.js';
import { withMenu } from '../messages.js';
import { changeLines } from './formReplies.js';
import { ChoicePromptDialog, type ChoicePromptOptions } from './choicePromptDialog.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import { isFilled, requireKind, type QuoteDraft } from './quoteDraft.js';
import { keepsAsIs } from './keepAsIs.js';
import { applyAnswer, isSlotAnswer, SlotPromptDialog, type SlotPromptOptions } from './slotPromptDialog.js';

export const QUOTE_SUMMARY_DIALOG = 'quote.summary';
const STEPS = 'quote.summary.steps';
const CONFIRM_PROMPT = 'quote.summary.confirm';
const FIELD_CHOICE = 'quote.summary.field';
const EDIT_PROMPT = 'quote.summary.edit';
/** The field menu's way out: no field, the summary again. */
const BACK_TO_SUMMARY = 'summary';

/** How the summary ended: file it, the user changed a field (check it again), or cancelled. */
export type SummaryOutcome =
  | { action: 'confirm'; draft: QuoteDraft; cardId?: string }
  | { action: 'edited'; draft: QuoteDraft }
  | { action: 'cancel' };

export interface SummaryOptions {
  draft: QuoteDraft;
  offerAdvocate?: boolean;
}

/** The summary card with Confirm / Edit a field / Cancel; Edit re-asks that one slot only. */
export class QuoteSummaryDialog extends ComponentDialog {
  constructor(deps: QuoteDialogDeps) {
    super(QUOTE_SUMMARY_DIALOG);
    this.addDialog(new SlotPromptDialog(CONFIRM_PROMPT, deps));
    this.addDialog(new SlotPromptDialog(EDIT_PROMPT, deps));
    // "never mind, all good", "Confirm", "retour", "算了" at the field menu: nothing to change, the summary again.
    this.addDialog(new ChoicePromptDialog(FIELD_CHOICE, undefined, { value: BACK_TO_SUMMARY, means: keepsAsIs }));
    this.addDialog(
      new WaterfallDialog<SummaryOptions>(STEPS, [
        this.askConfirmStep.bind(this),
        this.actOnChoiceStep.bind(this),
        this.askFieldStep.bind(this),
        this.finishEditStep.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  /** Shows the summary and asks to confirm (slot `confirm`). */
  private async askConfirmStep(step: WaterfallStepContext<SummaryOptions>): Promise<DialogTurnResult> {
    const options: SlotPromptOptions = { draft: step.options.draft, slot: 'confirm', ...(step.options.offerAdvocate && { offerAdvocate: true }) };
    return step.beginDialog(CONFIRM_PROMPT, options);
  }

  /** Confirm → file; Cancel → leave cleanly; Edit → ask which field. */
  private async actOnChoiceStep(step: WaterfallStepContext<SummaryOptions>): Promise<DialogTurnResult> {
    const { draft } = step.options;
    // A correction typed under the summary ("actually 500 users"): said back, then the summary again.
    if (isSlotAnswer(step.result) && step.result.corrected) return step.endDialog({ action: 'edited', draft: applyAnswer(draft, step.result) } satisfies SummaryOutcome);
    // "my email is wrong": that field's prompt at once, no field menu.
    if (isSlotAnswer(step.result) && step.result.editField) return step.next({ value: step.result.editField });
    const choice: ConfirmChoice | undefined = isSlotAnswer(step.result) ? step.result.slots.confirm : undefined;
    if (choice === 'confirm') {
      const cardId = isSlotAnswer(step.result) ? step.result.promptActivityId : undefined;
      return step.endDialog({ action: 'confirm', draft, ...(cardId && { cardId }) } satisfies SummaryOutcome);
    }
    if (choice === 'cancel') {
      const { t } = turnInfo(step.context);
      await step.context.sendActivity(withMenu(t, t('quote:cancel.done')));
      return step.endDialog({ action: 'cancel' } satisfies SummaryOutcome);
    }
    // The fields this request has or needs, the ones the summary reminds, and notes: not every optional field of the kind.
    const required = new Set([...kindSpec(requireKind(draft)).required.flat(), ...remindedSlots(requireKind(draft), draft.slots)]);
    const fields = slotsOf(requireKind(draft)).filter((s) => s !== 'confirm' && (isFilled(draft.slots[s]) || required.has(s) || s === 'notes'));
    const options: ChoicePromptOptions = {
      promptKey: 'quote:edit.which',
      retryKey: 'quote:edit.invalid',
      choices: fields.map((slot) => ({ value: slot, labelKey: labelKey(requireKind(draft), slot) })),
    };
    return step.beginDialog(FIELD_CHOICE, options);
  }

  /** Re-asks the chosen slot only; no slot ("never mind") shows the summary again. */
  private async askFieldStep(step: WaterfallStepContext<SummaryOptions>): Promise<DialogTurnResult> {
    const value = (step.result as { value?: unknown } | undefined)?.value;
    const slot: SlotName | undefined = isSlotName(value) ? value : undefined;
    if (!slot) return step.replaceDialog(STEPS, step.options);
    const options: SlotPromptOptions = { draft: { ...step.options.draft, editing: slot }, slot };
    return step.beginDialog(EDIT_PROMPT, options);
  }

  /** The edited draft goes back to the flow, which checks the rules and shows the summary again. */
  private async finishEditStep(step: WaterfallStepContext<SummaryOptions>): Promise<DialogTurnResult> {
    const before = step.options.draft;
    const draft = isSlotAnswer(step.result) ? applyAnswer(before, step.result) : before;
    if (isSlotAnswer(step.result) && !step.result.corrected) {
      const { t, lang } = turnInfo(step.context);
      const changes = (Object.keys(step.result.slots) as SlotName[])
        .filter((slot) => JSON.stringify(before.slots[slot]) !== JSON.stringify(draft.slots[slot]))
        .map((slot) => ({ slot, ...(before.slots[slot] !== undefined && { from: before.slots[slot] }), to: draft.slots[slot] }));
      for (const line of changeLines(t, lang, before, changes)) await step.context.sendActivity(line);
    }
    return step.endDialog({ action: 'edited', draft } satisfies SummaryOutcome);
  }
}
