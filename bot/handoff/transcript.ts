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
const keyOf = (channelId: string | undefined, conversationId: string): string => `${channelId ?? ''}\u0000${conversationId}`;

/**
 * Keeps the last messages of each conversation, in and out, in memory, so a
 * handoff ticket starts with context and the advocate does not ask again what
 * the bot already asked. Bounded twice (per conversation, and the number of
 * conversations, least recently active dropped first), each text cut at the transcript limit,
 * so memory stays flat.
 */
export class TranscriptRecorder implements Middleware {
  private readonly byConversation = new Map<string, RecordedActivity[]>();

  constructor(private readonly limits: TranscriptLimits = { perConversation: 40, conversations: 2000, maxText: DEFAULT_TRANSCRIPT_LIMITS.maxText }) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (conversationId) {
      const key = keyOf(context.activity.channelId, conversationId);
      if (context.activity.type === ActivityTypes.Message) this.record(key, context.activity, 'in');
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        for (const a of activities) if (a.type === ActivityTypes.Message) this.record(key, a, 'out');
        return sendNext();
      });
    }
    await next();
  }

  activities(channelId: string | undefined, conversationId: string): RecordedActivity[] {
    return [...(this.byConversation.get(keyOf(channelId, conversationId)) ?? [])];
  }

  /** Forgets the conversations this user wrote in ("delete my data"). */
  forgetUser(subject: DataSubject): void {
    for (const [key, list] of this.byConversation) {
      if (list.some((a) => a.direction === 'in' && a.channelId === subject.channelId && a.from.id === subject.userId)) this.byConversation.delete(key);
    }
  }

  /** The recent messages as ticket transcript entries (cards shown by their suggested titles). */
  entries(channelId: string | undefined, conversationId: string): TranscriptEntry[] {
    return this.activities(channelId, conversationId).map((a) => ({
      from: a.direction === 'in' ? 'user' : 'bot',
      text: a.text ?? '',
      at: new Date(a.timestamp ?? Date.now()).toISOString(),
    }));
  }

  /**
   * The reason of a handoff offer in the bot's reply to the previous user
   * message, so a ticket opened by tapping the offer's button says why.
   */
  lastOffer(channelId: string | undefined, conversationId: string): string | undefined {
    const list = this.byConversation.get(keyOf(channelId, conversationId)) ?? [];
    let i = list.length - 1;
    if (list[i]?.direction === 'in') i--; // the message of this turn
    for (; i >= 0 && list[i]!.direction === 'out'; i--) if (list[i]!.offer) return list[i]!.offer;
    return undefined;
  }

  private record(key: string, activity: Partial<Activity>, direction: 'in' | 'out'): void {
    const list = this.byConversation.get(key) ?? [];
    // Re-inserting moves the conversation to the most recent end of the Map.
    this.byConversation.delete(key);
    this.byConversation.set(key, list);
    const text = describe(activity);
    list.push({
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
    } as RecordedActivity);
    if (list.length > this.limits.perConversation) list.splice(0, list.length - this.limits.perConversation);
    while (this.byConversation.size > this.limits.conversations) {
      const oldest = this.byConversation.keys().next().value as string;
      this.byConversation.delete(oldest);
    }
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
