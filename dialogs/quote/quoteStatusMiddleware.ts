import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { BotState } from '../../bot/state.js';
import { turnInfo } from '../../bot/turn.js';
import { withMenu } from '../messages.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';

const REF_IN_TEXT = /\bQR-\d{8}-\d{4,9}\b/i;

/** "où en est QR-20261122-0042 ?", "QR-… 的状态", "status of QR-…": the reference asked about. */
export function detectStatusLookup(text: string): string | undefined {
  return REF_IN_TEXT.exec(text)?.[0].toUpperCase();
}

/**
 * Tells the status of a filed request, only to the user who filed it or in the conversation
 * where it was filed; anyone else hears "not found", as if it did not exist.
 */
export async function tellStatus(context: TurnContext, ref: string, quotes: QuoteDialogDeps['quotes']): Promise<void> {
  const { t } = turnInfo(context);
  const { from, conversation } = context.activity;
  const request = await quotes.findForRequester(ref, { userId: from.id, conversationId: conversation.id });
  if (!request) {
    await context.sendActivity(withMenu(t, t('quote:status.notFound', { ref })));
    return;
  }
  const note = [...request.history].reverse().find((h) => h.status === request.status)?.note;
  const lines = [t(`quote:status.${request.status}`, { ref }), ...(note ? [t('quote:status.note', { note })] : [])];
  await context.sendActivity(withMenu(t, lines.join('\n\n')));
}

/**
 * Status questions are answered before the main dialog: they are usually phrased as questions
 * ("où en est QR-… ?"), which the main dialog gives to the FAQ first (its order-tracking topic
 * would answer in general terms), so a route's `detect` would never see them. Inside a running
 * dialog the message stays the dialog's answer.
 */
export function statusLookupMiddleware(state: BotState, quotes: QuoteDialogDeps['quotes']): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const ref = context.activity.type === ActivityTypes.Message ? detectStatusLookup(context.activity.text ?? '') : undefined;
      if (!ref) return next();
      const stack = (await state.dialogState.get(context))?.dialogStack ?? [];
      if (stack.length > 0) return next();
      await tellStatus(context, ref, quotes);
    },
  };
}
