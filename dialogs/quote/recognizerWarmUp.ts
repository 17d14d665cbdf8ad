import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { turnInfo } from '../../bot/turn.js';
import type { Logger } from '../../bot/log.js';
import { warmUpLanguage } from '../validators/recognizers.js';

/**
 * Warms the number, yes/no and date models of a language once its first turn has been answered,
 * in the background while no request is in flight: by the time that user opens a quote form
 * (a few turns later), its prompts do not pay seconds of model building. Languages nobody
 * writes in are never built.
 */
export function recognizerWarmUp(quiet: () => Promise<void>, logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      await next();
      if (context.activity.type !== ActivityTypes.Message) return;
      warmUpLanguage(turnInfo(context).lang, quiet).catch((err: Error) =>
        logger.error({ err: { message: err.message } }, 'language model warm-up failed'),
      );
    },
  };
}
