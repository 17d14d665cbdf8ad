import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from '../sdk.js';
import { nextSlot } from '../validators/index.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import { requireKind, type QuoteDraft } from './quoteDraft.js';
import { applyAnswer, isSlotAnswer, SlotPromptDialog, type SlotPromptOptions } from './slotPromptDialog.js';

export const SLOT_FILLING_DIALOG = 'quote.slots';
const LOOP = 'quote.slots.loop';
const SLOT_PROMPT = 'quote.slots.prompt';

/**
 * Asks, in the kind's order (knowledge/quoteKinds.json), only the required slots still empty;
 * prefilled slots are never asked. Ends with the completed draft.
 */
export class SlotFillingDialog extends ComponentDialog {
  constructor(deps: QuoteDialogDeps) {
    super(SLOT_FILLING_DIALOG);
    this.addDialog(new SlotPromptDialog(SLOT_PROMPT, deps));
    this.addDialog(new WaterfallDialog<QuoteDraft>(LOOP, [this.askNextSlotStep.bind(this), this.storeAnswerStep.bind(this)]));
    this.initialDialogId = LOOP;
  }

  /** Asks the first missing required slot; with none missing, the draft is complete. */
  private async askNextSlotStep(step: WaterfallStepContext<QuoteDraft>): Promise<DialogTurnResult> {
    const draft = step.options;
    const slot = nextSlot(requireKind(draft), draft.slots);
    if (!slot) return step.endDialog(draft);
    const options: SlotPromptOptions = { draft, slot };
    return step.beginDialog(SLOT_PROMPT, options);
  }

  /** Stores the answer (and whatever else it gave), then loops to the next missing slot. */
  private async storeAnswerStep(step: WaterfallStepContext<QuoteDraft>): Promise<DialogTurnResult> {
    if (!isSlotAnswer(step.result)) return step.endDialog(step.options);
    return step.replaceDialog(LOOP, applyAnswer(step.options, step.result));
  }
}
