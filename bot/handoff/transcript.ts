import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { DEFAULT_TRANSCRIPT_LIMITS, type TranscriptEntry } from '../../backend/handoff/index.js';
import type { DataSubject } from '../../backend/privacy/index.js';

/** What is kept of each activity: enough for an advocate to read and for a hub's transcript. */
export type RecordedActivity = Pick<Activity, 'type' | 'id' | 'timestamp' | 'channelId' | 'text' | 'locale'> & {
  from: { id: string; name?: string; role?: string };
  direction: 'in' | 'out';
  /** Set on a bot message that offered a handoff (channelData.handoffOffer). */
  offer?: string;
};

export interface TranscriptLimits {
  perConversation: number;
  conversations: number;
  /** Characters kept of each text. */
  maxText: number;
}

/** Channel and conversation: a conversation id alone may be reused by another channel. */
export interface ConversationKey {
  channelId: string;
  conversationId: string;
}

/**
 * Where the recent messages live: in this process (`MemoryRecentMessages`, one instance), or in
 * the shared database (`PgRecentMessages`), so a ticket opened on one instance starts with what
 * the user said on the others.
 */
export interface RecentMessages {
  /** Adds one turn's messages (oldest first) to the conversation's, keeping the last `perConversation`. */
  add(key: ConversationKey, activities: readonly RecordedActivity[]): Promise<void>;
  /** The conversation's recent messages, oldest first. */
  list(key: ConversationKey): Promise<RecordedActivity[]>;
  /** Forgets the conversations this user wrote in ("delete my data"); resolves with how many messages went. */
  forgetUser(subject: DataSubject): Promise<number>;
}

/** 40 messages of each of the 2,000 most recent conversations, each text cut at the ticket's limit. */
export const RECENT_MESSAGE_LIMITS: TranscriptLimits = { perConversation: 40, conversations: 2000, maxText: DEFAULT_TRANSCRIPT_LIMITS.maxText };
const DEFAULT_LIMITS = RECENT_MESSAGE_LIMITS;

const mapKey = ({ channelId, conversationId }: ConversationKey): string => `${channelId}\u0000${conversationId}`;

/** In this process: bounded per conversation and in conversations (least recently active dropped first). */
export class MemoryRecentMessages implements RecentMessages {
  private readonly byConversation = new Map<string, RecordedActivity[]>();

  constructor(private readonly limits: Pick<TranscriptLimits, 'perConversation' | 'conversations'> = DEFAULT_LIMITS) {}

  async add(key: ConversationKey, activities: readonly RecordedActivity[]): Promise<void> {
    const k = mapKey(key);
    const list = this.byConversation.get(k) ?? [];
    // Re-inserting moves the conversation to the most recent end of the Map.
    this.byConversation.delete(k);
    this.byConversation.set(k, list);
    list.push(...activities);
    if (list.length > this.limits.perConversation) list.splice(0, list.length - this.limits.perConversation);
    while (this.byConversation.size > this.limits.conversations) this.byConversation.delete(this.byConversation.keys().next().value as string);
  }

  async list(key: ConversationKey): Promise<RecordedActivity[]> {
    return [...(this.byConversation.get(mapKey(key)) ?? [])];
  }

  /** Everything held, for the memory scan after an erasure. */
  inMemory(): RecordedActivity[][] {
    return [...this.byConversation.values()];
  }

  async forgetUser(subject: DataSubject): Promise<number> {
    let forgotten = 0;
    for (const [k, list] of this.byConversation) {
      if (list.some((a) => a.direction === 'in' && a.channelId === subject.channelId && a.from.id === subject.userId)) {
        forgotten += list.length;
        this.byConversation.delete(k);
      }
    }
    return forgotten;
  }
}

/**
 * Keeps the last messages of each conversation, in and out, so a handoff ticket starts with
 * context and the advocate does not ask again what the bot already asked. Each text is cut at
 * the transcript limit. A turn's messages are stored together when the turn ends (one write);
 * until then the turn's own messages are read from here, so a ticket opened in the turn has them.
 */
export class TranscriptRecorder implements Middleware {
  /** The messages of turns in progress on this instance (a conversation's turns run one at a time). */
  private readonly pending = new Map<string, RecordedActivity[]>();

  constructor(
    private readonly limits: TranscriptLimits = DEFAULT_LIMITS,
    private readonly store: RecentMessages = new MemoryRecentMessages(limits),
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return next();
    const key = { channelId: context.activity.channelId ?? '', conversationId };
    const turn: RecordedActivity[] = [];
    const k = mapKey(key);
    this.pending.set(k, turn);
    if (context.activity.type === ActivityTypes.Message) turn.push(this.record(context.activity, 'in'));
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const a of activities) if (a.type === ActivityTypes.Message) turn.push(this.record(a, 'out'));
      return sendNext();
    });
    try {
      await next();
    } finally {
      if (this.pending.get(k) === turn) this.pending.delete(k);
      if (turn.length) await this.store.add(key, turn).catch((err: Error) => this.onError(err));
    }
  }

  async activities(channelId: string | undefined, conversationId: string): Promise<RecordedActivity[]> {
    const key = { channelId: channelId ?? '', conversationId };
    const stored = await this.store.list(key).catch((err: Error) => (this.onError(err), [] as RecordedActivity[]));
    return [...stored, ...(this.pending.get(mapKey(key)) ?? [])].slice(-this.limits.perConversation);
  }

  /** Forgets the conversations this user wrote in ("delete my data"), the turn asking for it included. */
  forgetUser(subject: DataSubject): Promise<number> {
    for (const turn of this.pending.values()) {
      if (turn.some((a) => a.direction === 'in' && a.channelId === subject.channelId && a.from.id === subject.userId)) turn.length = 0;
    }
    return this.store.forgetUser(subject);
  }

  /** What this process holds: the turns in progress, and the recent messages when they are kept here. */
  inMemory(): unknown {
    return { pending: [...this.pending.values()], ...(this.store instanceof MemoryRecentMessages ? { recent: this.store.inMemory() } : {}) };
  }

  /** The recent messages as ticket transcript entries (cards shown by their suggested titles). */
  async entries(channelId: string | undefined, conversationId: string): Promise<TranscriptEntry[]> {
    return (await this.activities(channelId, conversationId)).map((a) => ({
      from: a.direction === 'in' ? 'user' : 'bot',
      text: a.text ?? '',
      at: new Date(a.timestamp ?? Date.now()).toISOString(),
    }));
  }

  /**
   * The reason of a handoff offer in the bot's reply to the previous user
   * message, so a ticket opened by tapping the offer's button says why.
   */
  async lastOffer(channelId: string | undefined, conversationId: string): Promise<string | undefined> {
    const list = await this.activities(channelId, conversationId);
    let i = list.length - 1;
    if (list[i]?.direction === 'in') i--; // the message of this turn
    for (; i >= 0 && list[i]!.direction === 'out'; i--) if (list[i]!.offer) return list[i]!.offer;
    return undefined;
  }

  private record(activity: Partial<Activity>, direction: 'in' | 'out'): RecordedActivity {
    const text = describe(activity);
    return {
      type: activity.type ?? ActivityTypes.Message,
      id: activity.id,
      timestamp: activity.timestamp ?? new Date(),
      channelId: activity.channelId ?? '',
      // A copy, not a slice: V8 would keep the whole original text alive behind a slice of it.
      text: text.length > this.limits.maxText ? Buffer.from(`${text.slice(0, this.limits.maxText)}…`).toString() : text,
      locale: activity.locale,
      from: { id: activity.from?.id ?? '', name: activity.from?.name, role: activity.from?.role ?? (direction === 'in' ? 'user' : 'bot') },
      direction,
      ...offerOf(activity),
    } as RecordedActivity;
  }
}

function offerOf(activity: Partial<Activity>): { offer?: string } {
  const offer = (activity.channelData as { handoffOffer?: unknown } | undefined)?.handoffOffer;
  return typeof offer === 'string' ? { offer } : {};
}

/** A message's text, plus the buttons it offered, so "[Yes | No]" questions read sensibly. */
function describe(activity: Partial<Activity>): string {
  const text = activity.text ?? '';
  const actions = (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? String(a.value ?? '')).filter(Boolean);
  const cards = (activity.attachments ?? []).length;
  return [text, actions.length ? `[${actions.join(' | ')}]` : '', cards ? `[${cards} card(s)]` : ''].filter(Boolean).join(' ');
}
