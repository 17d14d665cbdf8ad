import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Conversation tokens of the local Direct Line: `<conversation id>.<expiry, unix s>.<HMAC>` with a
 * key made at start-up, so a token opens one conversation, until it expires, in this process
 * only, and nothing needs storing. A refresh issues a new token; the old one stays valid until
 * its own expiry, as with the Direct Line service (Web Chat refreshes every 15 minutes).
 */
export class DirectLineTokens {
  readonly #key = randomBytes(32);

  constructor(
    readonly lifetimeSeconds = 1800,
    private readonly now: () => number = Date.now,
  ) {}

  issue(conversationId: string): string {
    const expires = Math.floor(this.now() / 1000) + this.lifetimeSeconds;
    return `${conversationId}.${expires}.${this.#sign(conversationId, expires)}`;
  }

  /** The conversation a valid, unexpired token opens; undefined otherwise. */
  conversationOf(token: string | undefined): string | undefined {
    const parts = (token ?? '').split('.');
    if (parts.length !== 3) return undefined;
    const [conversationId, expiresText, signature] = parts as [string, string, string];
    const expires = Number(expiresText);
    if (!conversationId || !Number.isInteger(expires) || expires * 1000 <= this.now()) return undefined;
    const expected = Buffer.from(this.#sign(conversationId, expires), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? conversationId : undefined;
  }

  #sign(conversationId: string, expires: number): string {
    return createHmac('sha256', this.#key).update(`${conversationId}.${expires}`).digest('base64url');
  }
}

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^Bearer[ \t]{1,16}(\S{1,1024})[ \t]*$/i.exec(value ?? '');
  return m?.[1];
}
