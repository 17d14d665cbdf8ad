import { ConversationState, UserState, type StatePropertyAccessor, type Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Lang } from '../knowledge/lang.js';

/** What the bot remembers about a user across conversations. */
export interface UserProfile {
  /** The language the user chose or wrote in; sticky until they change it. */
  lang?: Lang;
}

/** What the bot remembers about one conversation. */
export interface ConversationData {
  welcomed?: boolean;
  /** Consecutive questions the FAQ could not answer (an advocate is offered at 2). */
  unanswered?: number;
  /** The user typed "cancel" inside a dialog and has not yet confirmed. */
  pendingCancel?: boolean;
  /** Ids of the last activities processed, so a redelivered one runs once (RedeliveryGuard). */
  recentActivityIds?: string[];
}

export interface BotState {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  profile: StatePropertyAccessor<UserProfile>;
  conversationData: StatePropertyAccessor<ConversationData>;
}

export function createBotState(storage: Storage): BotState {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    conversationData: conversationState.createProperty<ConversationData>('conversationData'),
    profile: userState.createProperty<UserProfile>('profile'),
  };
}
