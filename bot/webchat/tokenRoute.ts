import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/server.js';
import type { Logger } from '../log.js';

export interface TokenRouteOptions {
  secret: string;
  /** e.g. https://directline.botframework.com/v3/directline */
  endpoint: string;
  logger: Logger;
}

interface GeneratedToken {
  token?: unknown;
  conversationId?: unknown;
  expires_in?: unknown;
}

/**
 * POST /api/directline/token: trades the Direct Line secret (server side only)
 * for a conversation token bound to a fresh user id, so the browser never sees
 * the secret and a token cannot be reused to speak as another user.
 */
export function registerTokenRoute(server: Server, opts: TokenRouteOptions): void {
  server.post('/api/directline/token', async (_req: Request, res: Response) => {
    const userId = `dl_${randomUUID()}`;
    try {
      const answer = await fetch(`${opts.endpoint.replace(/(?<!\/)\/+$/, '')}/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await answer.json().catch(() => ({}))) as GeneratedToken;
      if (!answer.ok || typeof body.token !== 'string') {
        opts.logger.error({ status: answer.status }, 'Direct Line token request refused');
        return sendError(res, 502, 'BadGateway', 'The chat service did not issue a token.');
      }
      res.header('cache-control', 'no-store');
      res.json({ token: body.token, conversationId: body.conversationId, expiresIn: body.expires_in, userId });
    } catch (err) {
      opts.logger.error({ err: { message: (err as Error).message } }, 'Direct Line token request failed');
      sendError(res, 502, 'BadGateway', 'The chat service could not be reached.');
    }
  });
}
