import { randomUUID } from 'node:crypto';

/** What the local Direct Line keeps, and for how long. */
export interface ConversationLimits {
  /** A conversation nobody polled or wrote to for this long is dropped (a closed tab polls no more). */
  idleMs: number;
  /** Beyond this many, the least recently used conversation is dropped: an open tab polls every 200 ms, so it is never that one. */
  maxConversations: number;
  /** Activities kept per conversation for clients to read; older ones are dropped first. */
  maxActivities: number;
  /** Bytes of JSON kept per conversation, likewise. */
  maxBytes: number;
}

interface Stored {
  seq: number;
  bytes: number;
  activity: Record<string, unknown>;
}

export interface Conversation {
  readonly id: string;
  /** Set by the server: a client cannot speak as somebody else. */
  readonly userId: string;
  lastSeen: number;
  history: Stored[];
  nextSeq: number;
  bytes: number;
}

/**
 * The local Direct Line's conversations, in memory and bounded: by idle time, by count and by
 * history size, so neither many conversations nor a few huge messages can grow the process.
 */
export class DirectLineConversations {
  readonly #byId = new Map<string, Conversation>();

  constructor(
    private readonly limits: ConversationLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#byId.size;
  }

  create(): Conversation {
    const conversation: Conversation = { id: randomUUID(), userId: `webchat-${randomUUID()}`, lastSeen: this.now(), history: [], nextSeq: 1, bytes: 0 };
    this.#byId.set(conversation.id, conversation);
    while (this.#byId.size > this.limits.maxConversations) this.#byId.delete(this.#byId.keys().next().value!);
    return conversation;
  }

  /** A live conversation, marked as used; an idle one is dropped on the way. */
  get(id: string): Conversation | undefined {
    const conversation = this.#byId.get(id);
    if (!conversation) return undefined;
    if (this.#expired(conversation)) {
      this.#byId.delete(id);
      return undefined;
    }
    conversation.lastSeen = this.now();
    // Re-inserted, so the Map's order is least recently used first.
    this.#byId.delete(id);
    this.#byId.set(id, conversation);
    return conversation;
  }

  /** Stores an activity for clients to read; returns the id it was given. */
  append(conversation: Conversation, activity: Record<string, unknown>): string {
    const seq = conversation.nextSeq++;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    const stored = { ...activity, id };
    const bytes = Buffer.byteLength(JSON.stringify(stored), 'utf8');
    conversation.history.push({ seq, bytes, activity: stored });
    conversation.bytes += bytes;
    while (conversation.history.length > 1 && (conversation.history.length > this.limits.maxActivities || conversation.bytes > this.limits.maxBytes)) {
      conversation.bytes -= conversation.history.shift()!.bytes;
    }
    return id;
  }

  /** Takes back an activity the bot never accepted (so the transcript does not show it as sent). */
  remove(conversation: Conversation, id: string): void {
    const at = conversation.history.findIndex((s) => s.activity.id === id);
    if (at >= 0) conversation.bytes -= conversation.history.splice(at, 1)[0]!.bytes;
  }

  /** What a client polling from `watermark` has not seen yet. */
  since(conversation: Conversation, watermark: unknown): { activities: Array<Record<string, unknown>>; watermark: string } {
    const from = Number(watermark);
    const after = Number.isInteger(from) && from > 0 ? from : 0;
    const fresh = conversation.history.filter((s) => s.seq > after);
    return { activities: fresh.map((s) => s.activity), watermark: String(fresh.at(-1)?.seq ?? after) };
  }

  /**
   * "Delete my data": the user's conversations keep going (the page still polls them) but hold
   * nothing of what was said; a page reloaded afterwards shows an empty conversation.
   */
  forgetUser(userId: string): number {
    let forgotten = 0;
    for (const conversation of this.#byId.values()) {
      if (conversation.userId !== userId) continue;
      forgotten += conversation.history.length;
      conversation.history = [];
      conversation.bytes = 0;
    }
    return forgotten;
  }

  /** Every stored activity, for the memory scan after an erasure. */
  inMemory(): Array<Record<string, unknown>> {
    return [...this.#byId.values()].flatMap((c) => c.history.map((s) => s.activity));
  }

  /** Drops idle conversations; how many went. */
  sweep(): number {
    let dropped = 0;
    for (const [id, conversation] of this.#byId) {
      if (this.#expired(conversation)) {
        this.#byId.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  #expired(conversation: Conversation): boolean {
    return this.now() - conversation.lastSeen > this.limits.idleMs;
  }
}
