import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { backsOut } from '../../dialogs/handoffWords.js';
import { withMenu } from '../../dialogs/messages.js';
import type { YesNo } from '../../dialogs/yesNo.js';
import type { BotState } from '../state.js';
import { turnInfo } from '../turn.js';
import type { HandoffService } from './service.js';

/**
 * "Would you like to talk to an advocate?" is a question: right after the offer (nothing else
 * running), "oui", "yes please", "好的" take it (the ticket keeps the offer's reason) and "non
 * merci", "不用了" decline it with the menu, instead of going to the FAQ as a new question.
 */
export class OfferAnswerMiddleware implements Middleware {
  constructor(
    private readonly service: HandoffService,
    private readonly yesNo: YesNo,
    private readonly state: BotState,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const text = activity.text ?? '';
    if (activity.type !== ActivityTypes.Message || !text || text.length > 60 || !activity.conversation?.id) return next();
    const info = turnInfo(context);
    if (info.intent) return next();
    const running = ((await this.state.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
    if (running || !(await this.service.lastOffer(activity))) return next();
    const answer = backsOut(text, info.lang) ? false : this.yesNo(text, info.lang);
    if (answer === true) {
      info.intent = { intent: 'handoff', variant: info.lang };
      return next();
    }
    if (answer === false) {
      await context.sendActivity(withMenu(info.t, info.t('handoff:offer.declined')));
      return;
    }
    return next();
  }
}
