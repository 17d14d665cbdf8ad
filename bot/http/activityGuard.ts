import { z } from 'zod';
import { hostAndPort, isLoopbackHost } from './loopback.js';

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const channelAccount = z.looseObject({
  id: z.string().min(1).max(512).regex(NO_CONTROL, 'control characters are not allowed'),
  name: z.string().max(512).optional(),
});

/**
 * What /api/messages accepts, checked before the adapter sees it: the SDK
 * answers 500 (or crashes a turn) on a missing type, a non-string serviceUrl or
 * locale, control characters in ids, and accepts activities with no
 * conversation or sender at all.
 */
export const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64).regex(NO_CONTROL).optional(),
  serviceUrl: z.string().max(2048).optional(),
  locale: z.string().max(35).optional(),
  // Bounded by the body size: a text over MAX_MESSAGE_CHARS gets a localized answer in the turn, not a 400.
  text: z.string().optional(),
  name: z.string().max(256).optional(),
  deliveryMode: z.string().max(32).optional(),
  conversation: z.looseObject({
    id: z.string().min(1).max(1024).regex(NO_CONTROL, 'control characters are not allowed'),
  }),
  from: channelAccount,
  recipient: channelAccount.optional(),
  membersAdded: z.array(channelAccount).max(1000).optional(),
  membersRemoved: z.array(channelAccount).max(1000).optional(),
});

export type GuardedActivity = z.infer<typeof activitySchema>;

/** JSON nesting depth without recursion, so a 10,000-deep body cannot overflow the stack. */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

export const MAX_JSON_DEPTH = 64;

export type GuardResult =
  | { ok: true; activity: GuardedActivity }
  | { ok: false; status: number; code: string; message: string; fields?: string[] };

export interface GuardOptions {
  localMode: boolean;
  localHosts: string[];
  /** The request came from this machine (the Emulator, the Agents Playground, the local Direct Line). */
  fromLoopback?: boolean;
  /** Whether a serviceUrl is the embedded Direct Line's, and whether this request came through it. */
  relay?: { names(serviceUrl: string | undefined): boolean; vouched: boolean };
}

/**
 * Accepts an activity for processing, or says why not. In local mode (no app id,
 * no authentication) the bot must not send replies to an address the request
 * names, so a reply URL outside the allowed hosts is refused unless the replies
 * come back in the HTTP response (expectReplies); a loopback reply URL is taken
 * only from a client on this machine (from elsewhere it would make the bot post to
 * any local port: SSRF); and the local Direct Line's URL only from the Direct
 * Line itself, or anybody could write into a web chat user's conversation as the bot.
 */
export function guardActivity(body: unknown, opts: GuardOptions): GuardResult {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, status: 400, code: 'BadRequest', message: 'The body must be a JSON activity object.' };
  }
  if (jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return { ok: false, status: 400, code: 'BadRequest', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels.` };
  }
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))];
    return { ok: false, status: 400, code: 'InvalidActivity', message: `Invalid activity: ${fields.join(', ')}`, fields };
  }
  const activity = parsed.data;
  const expectReplies = activity.deliveryMode === 'expectReplies';
  if (!expectReplies && !activity.serviceUrl) {
    return { ok: false, status: 400, code: 'InvalidActivity', message: 'serviceUrl is required unless deliveryMode is expectReplies.', fields: ['serviceUrl'] };
  }
  if (opts.relay?.names(activity.serviceUrl) && !opts.relay.vouched) {
    return { ok: false, status: 403, code: 'Forbidden', message: 'Only the local Direct Line may name itself as serviceUrl.' };
  }
  if (opts.localMode && !expectReplies && !isAllowedServiceUrl(activity.serviceUrl!, opts.localHosts)) {
    return { ok: false, status: 403, code: 'Forbidden', message: 'In local mode replies only go to loopback service URLs.' };
  }
  const target = activity.serviceUrl ? hostAndPort(activity.serviceUrl) : undefined;
  if (opts.localMode && !expectReplies && target && isLoopbackHost(target.hostname) && opts.fromLoopback === false) {
    return { ok: false, status: 403, code: 'Forbidden', message: 'Replies to loopback service URLs are only sent for clients on this machine.' };
  }
  return { ok: true, activity };
}

export function isAllowedServiceUrl(serviceUrl: string, hosts: string[]): boolean {
  try {
    const url = new URL(serviceUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && hosts.includes(url.hostname);
  } catch {
    return false;
  }
}
