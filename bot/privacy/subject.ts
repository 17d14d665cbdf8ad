import type { TurnContext } from 'botbuilder';
import type { DataSubject } from '../../backend/privacy/index.js';

/** The user who sent this turn's activity, as the channel names them. */
export function subjectOf(context: TurnContext): DataSubject | undefined {
  const { channelId, from } = context.activity;
  return channelId && from?.id ? { channelId, userId: from.id } : undefined;
}
