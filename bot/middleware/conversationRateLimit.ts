import { createHash } from 'node:crypto';
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { isProactiveTurn } from '../adapter.js';
import { isSharedConversation, mentionsBot } from '../bot.js';
import type { RateLimiter } from '../http/rateLimiter.js';
import { sendNotice, type NoticeDeps } from './notice.js';

/**
 * A conversation's bucket is found by a digest of its ids: the limiter keeps no id in memory, so
 * there is nothing of a user to erase there, and "delete my data" cannot refill an allowance.
 */
const bucketKey = (channelId: string | undefined, conversationId: string | undefined): string =>
  createHash('sha256').update(JSON.stringify([channelId, conversationId])).digest('base64url').slice(0, 22);

/** Activities refused without a reply, with the seconds to wait: the edge answers them 429. */
const refused = new WeakMap<object, number>();

/** Seconds the sender of `activity` must wait, if this middleware refused it silently. */
export function retryAfterOf(activity: object): number | undefined {
  return refused.get(activity);
}

/**
 * At most RATE_LIMIT_PER_CONVERSATION turns a minute per conversation, counted after channel
 * authentication (a forged request cannot use up somebody's allowance) and before any work:
 * 300 messages in 2 s on one conversation were all processed. The first one over the limit gets
 * a localized "please slow down" (its text is not read); the next ones are answered 429 with
 * Retry-After, until the allowance refills. Invokes (card actions) and the bot's own proactive
 * turns are not counted, nor, in a Teams channel, messages that do not mention the bot.
 */
export class ConversationRateLimit implements Middleware {
  constructor(private readonly limiter: RateLimiter, private readonly deps: NoticeDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const a = context.activity;
    if (!this.limiter.enabled || a.type === ActivityTypes.Invoke || isProactiveTurn(context)) return next();
    if (isSharedConversation(context) && !mentionsBot(context)) return next();
    const verdict = this.limiter.take(bucketKey(a.channelId, a.conversation?.id));
    if (verdict.ok) return next();
    if (verdict.firstRefusal && a.type === ActivityTypes.Message) return sendNotice(context, this.deps, 'common:limits.slowDown');
    refused.set(a, verdict.retryAfterSeconds);
  }
}
