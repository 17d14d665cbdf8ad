import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { turnInfo } from '../../bot/turn.js';
import { withMenu } from '../messages.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';

export const QUOTE_STATUS_DIALOG = 'quote.status';
const STEPS = 'quote.status.steps';
const REF_IN_TEXT = /\bQR-\d{8}-\d{4,}\b/i;

export interface StatusLookup {
  ref: string;
}

/** "où en est QR-20261122-0042", "QR-… 的状态", "status of QR-…": the reference asked about. */
export function detectStatusLookup(text: string): StatusLookup | undefined {
  const m = REF_IN_TEXT.exec(text);
  return m ? { ref: m[0].toUpperCase() } : undefined;
}

/**
 * Tells the status of a filed request, only to the user who filed it or in the conversation
 * where it was filed; anyone else hears "not found", as if it did not exist.
 */
export class QuoteStatusDialog extends ComponentDialog {
  constructor(private readonly deps: QuoteDialogDeps) {
    super(QUOTE_STATUS_DIALOG);
    this.addDialog(new WaterfallDialog<StatusLookup>(STEPS, [this.tellStatusStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Looks the reference up for this requester and answers with its status and the last staff note. */
  private async tellStatusStep(step: WaterfallStepContext<StatusLookup>): Promise<DialogTurnResult> {
    const { t } = turnInfo(step.context);
    const { ref } = step.options;
    const activity = step.context.activity;
    const request = await this.deps.quotes.findForRequester(ref, { userId: activity.from.id, conversationId: activity.conversation.id });
    if (!request) {
      await step.context.sendActivity(withMenu(t, t('quote:status.notFound', { ref })));
      return step.endDialog();
    }
    const note = [...request.history].reverse().find((h) => h.status === request.status)?.note;
    const lines = [t(`quote:status.${request.status}`, { ref }), ...(note ? [t('quote:status.note', { note })] : [])];
    await step.context.sendActivity(withMenu(t, lines.join('\n\n')));
    return step.endDialog();
  }
}
