import { createHash } from 'node:crypto';
import { ActivityTypes, DeliveryModes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { DataSubject, PersonalDataStore } from '../../backend/privacy/index.js';
import type { BotState } from '../state.js';

/** Ids remembered per conversation in its state, and per process with their replies. */
const PER_CONVERSATION = 16;
const IN_PROCESS = 2000;

interface Processed {
  /** Whose conversation: an erasure drops every entry of the conversations its user wrote in. */
  channelId: string;
  conversationId: string;
  senderId: string;
  /** The replies of an expectReplies turn, given again to a redelivery (its HTTP response is the answer). */
  replies?: Array<Partial<Activity>>;
  finished: Promise<void>;
}

/** A key as an erasure leaves it behind: a digest, so nothing of the conversation stays readable. */
const digest = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 32);

/**
 * A channel that got no answer in time sends the same activity again (Teams resends after 15 s,
 * with the same id): it is processed once. Ids are kept in the conversation's state (so a
 * restart, or another instance sharing the state, still knows them) and in this process with
 * the replies, so a redelivery over `expectReplies` gets the same answer again instead of an
 * empty one, and one that arrives while the first is running waits for it. A turn that failed
 * is forgotten, so its redelivery runs.
 *
 * Those replies are personal data ("an advocate will answer sophie@…"): "delete my data" drops
 * every entry of the conversations the user wrote in (`personalData`). What stays is a digest of
 * each dropped key, so a redelivery after the erasure is still recognised and answered with
 * nothing, rather than replayed (the erased reply) or run again (its state is gone, so it would
 * be taken for a new message).
 */
export class RedeliveryGuard implements Middleware {
  private readonly processed = new Map<string, Processed>();
  /** Digests of the keys an erasure dropped, oldest first. */
  private readonly erased = new Set<string>();

  constructor(private readonly state: BotState) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    if ((a.type !== ActivityTypes.Message && a.type !== ActivityTypes.Invoke) || !a.id) return next();
    const key = `${a.channelId}\u0000${a.conversation?.id}\u0000${a.id}`;
    const seen = this.processed.get(key);
    if (seen) {
      await seen.finished.catch(() => undefined);
      if (this.processed.get(key) === seen) return this.replay(context, seen);
      if (this.erased.has(digest(key))) return; // erased while this redelivery waited
      return this.onTurn(context, next); // the first attempt failed: run this one
    }
    if (this.erased.size > 0 && this.erased.has(digest(key))) return;
    const data = await this.state.conversationData.get(context, {});
    if (data.recentActivityIds?.includes(a.id)) return;

    let settle!: (ok: boolean) => void;
    const entry: Processed = {
      channelId: a.channelId ?? '',
      conversationId: a.conversation?.id ?? '',
      senderId: a.from?.id ?? '',
      finished: new Promise<void>((ok, fail) => (settle = (done) => (done ? ok() : fail(new Error('turn failed'))))),
    };
    entry.finished.catch(() => undefined);
    this.remember(key, entry);
    if (a.deliveryMode === DeliveryModes.ExpectReplies) {
      const replies: Array<Partial<Activity>> = [];
      entry.replies = replies;
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        // Once erased, the entry is gone: the rest of the turn is not kept for a replay.
        if (this.processed.get(key) === entry) replies.push(...activities.map((x) => ({ ...x })));
        return sendNext();
      });
    }
    data.recentActivityIds = [...(data.recentActivityIds ?? []), a.id].slice(-PER_CONVERSATION);
    try {
      await next();
      settle(true);
    } catch (err) {
      if (this.processed.get(key) === entry) this.processed.delete(key);
      data.recentActivityIds = (data.recentActivityIds ?? []).filter((id) => id !== a.id);
      settle(false);
      throw err;
    }
  }

  /** The guard's replies as personal data: erased with their user, never swept (the process bounds them). */
  personalData(): PersonalDataStore {
    return {
      name: 'redeliveries',
      erase: async (subject) => {
        this.forgetUser(subject);
        return {};
      },
      inMemory: () => [...this.processed.values()].map(({ channelId, conversationId, senderId, replies }) => ({ channelId, conversationId, senderId, replies })),
    };
  }

  /** Drops every entry of the conversations `subject` wrote in, leaving only digests of their keys. */
  forgetUser(subject: DataSubject): number {
    const conversations = new Set<string>();
    for (const e of this.processed.values()) {
      if (e.channelId === subject.channelId && e.senderId === subject.userId) conversations.add(`${e.channelId}\u0000${e.conversationId}`);
    }
    let dropped = 0;
    for (const [key, e] of this.processed) {
      if (!conversations.has(`${e.channelId}\u0000${e.conversationId}`)) continue;
      this.processed.delete(key);
      this.erased.add(digest(key));
      dropped++;
    }
    for (const old of this.erased) {
      if (this.erased.size <= IN_PROCESS) break;
      this.erased.delete(old);
    }
    return dropped;
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
