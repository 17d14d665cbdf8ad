import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { TranscriptEntry } from '../../backend/handoff/index.js';

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
}

/**
 * Keeps the last messages of each conversation, in and out, in memory, so a
 * handoff ticket starts with context and the advocate does not ask again what
 * the bot already asked. Bounded twice (per conversation, and the number of
 * conversations, least recently active dropped first) so memory stays flat.
 */
export class TranscriptRecorder implements Middleware {
  private readonly byConversation = new Map<string, RecordedActivity[]>();

  constructor(private readonly limits: TranscriptLimits = { perConversation: 40, conversations: 2000 }) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (conversationId) {
      if (context.activity.type === ActivityTypes.Message) this.record(conversationId, context.activity, 'in');
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        for (const a of activities) if (a.type === ActivityTypes.Message) this.record(conversationId, a, 'out');
        return sendNext();
      });
    }
    await next();
  }

  activities(conversationId: string): RecordedActivity[] {
    return [...(this.byConversation.get(conversationId) ?? [])];
  }

  /** The recent messages as ticket transcript entries (cards shown by their suggested titles). */
  entries(conversationId: string): TranscriptEntry[] {
    return this.activities(conversationId).map((a) => ({
      from: a.direction === 'in' ? 'user' : 'bot',
      text: a.text ?? '',
      at: new Date(a.timestamp ?? Date.now()).toISOString(),
    }));
  }

  /**
   * The reason of a handoff offer in the bot's reply to the previous user
   * message, so a ticket opened by tapping the offer's button says why.
   */
  lastOffer(conversationId: string): string | undefined {
    const list = this.byConversation.get(conversationId) ?? [];
    let i = list.length - 1;
    if (list[i]?.direction === 'in') i--; // the message of this turn
    for (; i >= 0 && list[i]!.direction === 'out'; i--) if (list[i]!.offer) return list[i]!.offer;
    return undefined;
  }

  private record(conversationId: string, activity: Partial<Activity>, direction: 'in' | 'out'): void {
    const list = this.byConversation.get(conversationId) ?? [];
    // Re-inserting moves the conversation to the most recent end of the Map.
    this.byConversation.delete(conversationId);
    this.byConversation.set(conversationId, list);
    list.push({
      type: activity.type ?? ActivityTypes.Message,
      id: activity.id,
      timestamp: activity.timestamp ?? new Date(),
      channelId: activity.channelId ?? '',
      text: describe(activity),
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
