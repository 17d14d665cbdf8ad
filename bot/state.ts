import { ConversationState, UserState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import type { DialogInstance, DialogState } from '../dialogs/sdk.js';
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
  /** The dialogs a confirmed cancel stopped, for "reprendre" / "resume" within the hour. */
  cancelled?: { stack: DialogInstance[]; at: number };
  /** "Delete my data" waits for its yes or no (the handoff relay lets the answer through). */
  confirmingErasure?: boolean;
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

/**
 * One id inside a storage key: `%` and `/` escaped, so `/` only ever separates the parts.
 * botbuilder joins raw ids (`<channel>/conversations/<conversation>/`), so channel `webchat` +
 * conversation `b/conversations/c` and channel `webchat/conversations/b` + conversation `c`
 * shared one state. Ids without `%` or `/` (all real ones) keep their former keys.
 */
export const keyPart = (id: string): string => id.replace(/%/g, '%25').replace(/\//g, '%2F');

export const conversationKey = (channelId: string, conversationId: string): string => `${keyPart(channelId)}/conversations/${keyPart(conversationId)}/`;
export const userKey = (channelId: string, userId: string): string => `${keyPart(channelId)}/users/${keyPart(userId)}/`;

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`state: missing ${what}`);
  return value;
}

class EscapedConversationState extends ConversationState {
  override getStorageKey(context: TurnContext): string {
    const { channelId, conversation } = context.activity;
    return conversationKey(required(channelId, 'activity.channelId'), required(conversation?.id, 'activity.conversation.id'));
  }
}

class EscapedUserState extends UserState {
  override getStorageKey(context: TurnContext): string {
    const { channelId, from } = context.activity;
    return userKey(required(channelId, 'activity.channelId'), required(from?.id, 'activity.from.id'));
  }
}

export function createBotState(storage: Storage): BotState {
  const conversationState = new EscapedConversationState(storage);
  const userState = new EscapedUserState(storage);
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    conversationData: conversationState.createProperty<ConversationData>('conversationData'),
    profile: userState.createProperty<UserProfile>('profile'),
  };
}
