import type { TurnContext } from 'botbuilder';
import type { ErasureReport, PersonalDataRegistry } from '../../backend/privacy/index.js';
import type { BotState } from '../state.js';
import type { StateStore } from '../storage/stateStore.js';
import { subjectOf } from './subject.js';

const ERASED = Symbol('erasedThisTurn');

/** True once this turn erased its sender: nothing written after it may name them again. */
export const erasedThisTurn = (context: TurnContext): boolean => context.turnState.get(ERASED) === true;

/** What the erasure dialog needs: erase this turn's user everywhere. */
export interface TurnErasure {
  erase(context: TurnContext): Promise<ErasureReport>;
}

/**
 * Erases the sender of this turn from every registered store, then drops this turn's own copies
 * of their state, so the end of the turn has nothing to save back.
 */
export function turnErasure(privacy: PersonalDataRegistry, state: BotState, storage: StateStore): TurnErasure {
  return {
    async erase(context) {
      const subject = subjectOf(context);
      if (!subject) throw new Error('privacy: the activity names no user');
      context.turnState.set(ERASED, true);
      try {
        return await privacy.erase(subject);
      } finally {
        // Even after a partial failure: saving them back would undo what was erased.
        await state.conversationState.delete(context);
        await state.userState.delete(context);
        await storage.flush();
      }
    },
  };
}
