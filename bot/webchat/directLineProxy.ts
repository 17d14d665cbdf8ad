import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/server.js';
import type { Logger } from '../log.js';

/** How long a poll or a post may wait for the local Direct Line (a bot turn included). */
const UPSTREAM_TIMEOUT_MS = 30_000;
/** Answer headers worth passing on to the browser. */
const PASSED_ON = ['retry-after'];

/**
 * The browser reaches the local Direct Line through the bot's own origin
 * (`/directline/...`): one origin for page and chat (no CORS, works from a phone
 * on the LAN), while the Direct Line itself stays on 127.0.0.1. The conversation
 * token goes through untouched: the Direct Line checks it on every call.
 */
export function registerDirectLineProxy(server: Server, upstream: () => Promise<string>, logger: Logger): void {
  const relay = async (req: Request, res: Response): Promise<void> => {
    let base: string;
    try {
      base = await upstream();
    } catch {
      return sendError(res, 503, 'ServiceUnavailable', 'The local Direct Line is not running.');
    }
    const path = req.path().slice('/directline'.length);
    const query = req.getQuery();
    const url = `${base}${path}${query ? `?${query}` : ''}`;
    const authorization = req.headers.authorization;
    try {
      const answer = await fetch(url, {
        method: req.method,
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: req.method === 'POST' ? JSON.stringify(req.body ?? {}) : undefined,
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
      const text = await answer.text();
      const extra = Object.fromEntries(PASSED_ON.flatMap((h) => (answer.headers.get(h) ? [[h, answer.headers.get(h)!]] : [])));
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra });
      res.end(text);
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'local Direct Line relay failed');
      if (!res.headersSent) sendError(res, 502, 'BadGateway', 'The local Direct Line did not answer.');
    }
  };

  server.post('/directline/conversations', relay);
  server.get('/directline/conversations/:conversationId/activities', relay);
  server.post('/directline/conversations/:conversationId/activities', relay);
  server.post('/directline/tokens/refresh', relay);
}
