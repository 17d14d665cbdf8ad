import { BotState as SdkBotState, calculateChangeHash, ConversationState, UserState, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
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

/**
 * What a state is compared with at the end of the turn to know whether it changed: its JSON
 * (without the eTag). botbuilder compares SHA-256 digests of a JSON written through a replacer
 * function called for every key, three times per state and turn (on load, before saving, after
 * saving): ~3 % of an FAQ turn's CPU for two small documents. Plain JSON says the same; a value
 * plain JSON cannot write (a cycle) falls back to botbuilder's digest.
 */
function snapshot(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  try {
    return JSON.stringify(rest);
  } catch {
    return calculateChangeHash(state);
  }
}

interface Cached {
  state: Record<string, unknown>;
  hash: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base takes any constructor arguments
type StateClass = abstract new (...args: any[]) => SdkBotState;

/**
 * botbuilder's `load` and `saveChanges` (botbuilder-core BotState, same cache entry `{ state,
 * hash }` in turnState, so `clear`, `delete` and `get` work unchanged), with `snapshot` as the
 * change check: a state is written only when its JSON changed, or when forced.
 */
function withCheapChangeCheck<T extends StateClass>(Base: T) {
  abstract class CheapChangeCheck extends Base {
    private get cacheKey(): symbol {
      return (this as unknown as { stateKey: symbol }).stateKey;
    }

    override load(context: TurnContext, force = false): Promise<any> {
      const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
      if (!force && cached?.state) return Promise.resolve(cached.state);
      return Promise.resolve(this.storageKey(context)).then((key) =>
        this.storage.read([key]).then((items) => {
          const state = (items[key] ?? {}) as Record<string, unknown>;
          context.turnState.set(this.cacheKey, { state, hash: snapshot(state) } satisfies Cached);
          return state;
        }),
      );
    }

    override saveChanges(context: TurnContext, force = false): Promise<void> {
      let cached = context.turnState.get(this.cacheKey) as Cached | undefined;
      const current = cached && !force ? snapshot(cached.state) : undefined;
      if (!force && (!cached || cached.hash === current)) return Promise.resolve();
      return Promise.resolve(this.storageKey(context)).then((key) => {
        const entry = (cached ??= { state: {}, hash: '' });
        entry.state.eTag = '*';
        return this.storage.write({ [key]: entry.state }).then(() => {
          // The state is this turn's own object, unchanged since `current` was taken (the eTag is not in it).
          entry.hash = current ?? snapshot(entry.state);
          context.turnState.set(this.cacheKey, entry);
        });
      });
    }
  }
  return CheapChangeCheck;
}

class EscapedConversationState extends withCheapChangeCheck(ConversationState) {
  override getStorageKey(context: TurnContext): string {
    const { channelId, conversation } = context.activity;
    return conversationKey(required(channelId, 'activity.channelId'), required(conversation?.id, 'activity.conversation.id'));
  }
}

class EscapedUserState extends withCheapChangeCheck(UserState) {
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
