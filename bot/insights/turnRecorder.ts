import { randomUUID } from 'node:crypto';
import type { Middleware, TurnContext } from 'botbuilder';
import { conversationKey } from '../../backend/insights/insightRecord.js';
import type { InsightRecorder } from '../../backend/insights/recorder.js';
import { erasedThisTurn } from '../privacy/turnErasure.js';
import { subjectOf } from '../privacy/subject.js';
import { turnInfo } from '../turn.js';
import { startTurnNote } from './turnNotes.js';

/**
 * Every message turn leaves one insight record, written once the turn is over with what the
 * features noted on the way (the FAQ decision, a pick, a vote, a relay). Written behind the
 * turn: the user's reply never waits for it, and a failed write is only logged.
 */
export class TurnRecorder implements Middleware {
  constructor(
    private readonly recorder: InsightRecorder,
    private readonly now: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type !== 'message' || !activity.conversation?.id) return next();
    const at = this.now().toISOString();
    const note = startTurnNote(context, randomUUID());
    await next();
    // The user just had their data erased: this turn must not write them back.
    if (erasedThisTurn(context)) return;
    let lang;
    try {
      lang = turnInfo(context).lang;
    } catch {
      return; // the language middleware did not run: not a turn the bot handled
    }
    void this.recorder.record({
      ...note,
      kind: 'turn',
      at,
      subject: subjectOf(context),
      conversation: conversationKey(activity.channelId, activity.conversation.id),
      channel: activity.channelId,
      lang,
    });
  }
}
