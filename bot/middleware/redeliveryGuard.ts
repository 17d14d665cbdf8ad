import { ActivityTypes, DeliveryModes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { BotState } from '../state.js';

/** Ids remembered per conversation in its state, and per process with their replies. */
const PER_CONVERSATION = 16;
const IN_PROCESS = 2000;

interface Processed {
  /** The replies of an expectReplies turn, given again to a redelivery (its HTTP response is the answer). */
  replies?: Array<Partial<Activity>>;
  finished: Promise<void>;
}

/**
 * A channel that got no answer in time sends the same activity again (Teams resends after 15 s,
 * with the same id): it is processed once. Ids are kept in the conversation's state (so a
 * restart, or another instance sharing the state, still knows them) and in this process with
 * the replies, so a redelivery over `expectReplies` gets the same answer again instead of an
 * empty one, and one that arrives while the first is running waits for it. A turn that failed
 * is forgotten, so its redelivery runs.
 */
export class RedeliveryGuard implements Middleware {
  private readonly processed = new Map<string, Processed>();

  constructor(private readonly state: BotState) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    if ((a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke) || !a.id) return next();
    const key = `${a.channelId}\u0000${a.conversation?.id}\u0000${a.id}`;
    const seen = this.processed.get(key);
    if (seen) {
      await seen.finished.catch(() => undefined);
      if (this.processed.get(key) === seen) return this.replay(context, seen);
      return this.onTurn(context, next); // the first attempt failed: run this one
    }
    const data = await this.state.conversationData.get(context, {});
    if (data.recentActivityIds?.includes(a.id)) return;

    let settle!: (ok: boolean) => void;
    const entry: Processed = { finished: new Promise<void>((ok, fail) => (settle = (done) => (done ? ok() : fail(new Error('turn failed'))))) };
    entry.finished.catch(() => undefined);
    this.remember(key, entry);
    if (a.deliveryMode === DeliveryModes.ExpectReplies) {
      const replies: Array<Partial<Activity>> = [];
      entry.replies = replies;
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        replies.push(...activities.map((x) => ({ ...x })));
        return sendNext();
      });
    }
    data.recentActivityIds = [...(data.recentActivityIds ?? []), a.id].slice(-PER_CONVERSATION);
    try {
      await next();
      settle(true);
    } catch (err) {
      this.processed.delete(key);
      data.recentActivityIds = (data.recentActivityIds ?? []).filter((id) => id !== a.id);
      settle(false);
      throw err;
    }
  }

  private async replay(context: TurnContext, seen: Processed): Promise<void> {
    if (context.activity.deliveryMode !== DeliveryModes.ExpectReplies || !seen.replies?.length) return;
    await context.sendActivities(seen.replies.filter((r) => r.type !== ActivityTypes.Typing).map((r) => ({ ...r })));
  }

  private remember(key: string, entry: Processed): void {
    this.processed.set(key, entry);
    if (this.processed.size > IN_PROCESS) this.processed.delete(this.processed.keys().next().value!);
  }
}
