import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { BotState } from '../../bot/state.js';
import { turnInfo } from '../../bot/turn.js';
import { validateConfirm } from '../validators/index.js';
import type { FiledMemory } from './filedMemory.js';

/**
 * A second Confirm (double click, or the channel redelivering the activity) arrives after the
 * request was filed and the dialog ended: answer it with the same reference instead of letting
 * it fall through to the FAQ. Any other message ends that window.
 */
export function repeatedConfirmMiddleware(state: BotState, filed: FiledMemory): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type !== ActivityTypes.Message) return next();
      const last = await filed.recall(context);
      if (!last) return next();
      const { t, lang } = turnInfo(context);
      const stack = (await state.dialogState.get(context))?.dialogStack ?? [];
      const answer = validateConfirm(context.activity.text ?? '', lang);
      if (stack.length === 0 && answer.ok && answer.value === 'confirm') {
        await context.sendActivity(t('quoteDialog:filing.again', { ref: last.ref }));
        return;
      }
      await filed.forget(context);
      return next();
    },
  };
}
