import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { subjectKey } from '../../backend/privacy/index.js';
import type { BotState } from '../state.js';
import { DATA_SUBJECTS } from '../storage/stateStore.js';
import { subjectOf } from './subject.js';

/** A group chat lists at most this many writers (the oldest dropped first). */
const MAX_SUBJECTS = 100;

/**
 * Tags this turn's conversation and user state with the sender's `subjectKey`, so "delete my
 * data" finds every conversation a user wrote in, not only the one they ask from. Adds nothing
 * once the key is there, so it costs no write after a conversation's first turn.
 */
export class DataSubjectTagger implements Middleware {
  private readonly conversation: StatePropertyAccessor<string[]>;
  private readonly user: StatePropertyAccessor<string[]>;

  constructor(state: BotState) {
    this.conversation = state.conversationState.createProperty<string[]>(DATA_SUBJECTS);
    this.user = state.userState.createProperty<string[]>(DATA_SUBJECTS);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const subject = subjectOf(context);
    if (subject && context.activity.conversation?.id) {
      const key = subjectKey(subject);
      for (const accessor of [this.conversation, this.user]) {
        const keys = await accessor.get(context, []);
        if (!keys.includes(key)) await accessor.set(context, [...keys, key].slice(-MAX_SUBJECTS));
      }
    }
    await next();
  }
}
