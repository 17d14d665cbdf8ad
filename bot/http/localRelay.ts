import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { hostAndPort, isLoopbackHost } from './loopback.js';

/**
 * How /api/messages tells an activity the embedded Direct Line forwarded from one that merely
 * names it. In local mode nothing is authenticated, so anybody who could post an activity with
 * the Direct Line as `serviceUrl` and a web chat user's conversation id made the bot write into
 * that user's chat (a fake "pay now" summary, as the bot). The Direct Line adds a secret made
 * at start-up to what it forwards; an activity naming the Direct Line without it is refused.
 */
export class LocalRelay {
  static readonly HEADER = 'x-local-direct-line';
  readonly #secret = randomBytes(32);
  readonly #ports = new Set<number>();

  /** The header value the Direct Line adds. */
  get headerValue(): string {
    return this.#secret.toString('base64url');
  }

  /** The Direct Line's own serviceUrl, once it listens. */
  register(serviceUrl: string): void {
    const at = hostAndPort(serviceUrl);
    if (at) this.#ports.add(at.port);
  }

  /** Whether the request came through the Direct Line (it carries the secret). */
  vouches(headers: IncomingHttpHeaders): boolean {
    const given = Buffer.from(String(headers[LocalRelay.HEADER] ?? ''), 'utf8');
    const expected = Buffer.from(this.headerValue, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Whether `serviceUrl` points at the Direct Line, under any name this machine answers to. */
  names(serviceUrl: string | undefined): boolean {
    const at = serviceUrl ? hostAndPort(serviceUrl) : undefined;
    return at !== undefined && isLoopbackHost(at.hostname) && this.#ports.has(at.port);
  }
}
