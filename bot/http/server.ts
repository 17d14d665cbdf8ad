import restify, { type Request, type Response, type Next, type Server } from 'restify';
import type { Activity, ActivityHandler } from 'botbuilder';
import { AuthenticationFailed, type ChannelAdapter } from '../adapter.js';
import { retryAfterOf } from '../middleware/conversationRateLimit.js';
import type { Logger } from '../log.js';
import { guardActivity } from './activityGuard.js';
import type { LocalRelay } from './localRelay.js';
import { isLoopbackAddress } from './loopback.js';
import type { RateLimiter } from './rateLimiter.js';

export interface Readiness {
  /** Named checks; /readyz is 200 only when all are true. */
  checks: Record<string, boolean>;
  /** What was built in the background since (languages whose quote models are warm): told, never waited for. */
  warm?: () => string[];
}

export interface ServerDeps {
  logger: Logger;
  readiness: Readiness;
  maxBodyBytes: number;
  /** Requests per client address; what the local Direct Line forwards is counted at /directline instead. */
  addressLimit: { limiter: RateLimiter; loopback: boolean; relay: LocalRelay };
}

/** 429 with Retry-After, in the edge's JSON shape. */
export function sendTooMany(res: Response, retryAfterSeconds: number): void {
  res.header('retry-after', String(retryAfterSeconds));
  sendError(res, 429, 'TooManyRequests', `Too many requests; retry in ${retryAfterSeconds} s.`);
}

/** Methods that do work; reads (a Direct Line poll, /healthz) are not counted. */
const COUNTED = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sendError(res: Response, status: number, code: string, message: string, fields?: string[]): void {
  res.status(status);
  res.json({ error: { code, message, ...(fields ? { fields } : {}) } });
}

/** Counts requests being handled, so shutdown can wait for turns in flight. */
export class InFlight {
  private count = 0;
  private lastActivity = 0;
  private waiters: Array<() => void> = [];
  enter(): void {
    this.count++;
    this.lastActivity = Date.now();
  }
  leave(): void {
    this.count--;
    this.lastActivity = Date.now();
    if (this.count === 0) for (const w of this.waiters.splice(0)) w();
  }
  /**
   * Resolves once no request has been in flight for `quietMs`: background work
   * (building language models) waits for it so it never delays a user's turn.
   */
  async quiet(quietMs: number): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (this.count === 0 && Date.now() - this.lastActivity >= quietMs) return;
    }
  }
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * The HTTP edge. Everything a channel or a stranger can send is checked here,
 * before the SDK: compressed bodies (restify's decoder crashes the process on a
 * junk gzip body), size, JSON syntax and depth, and the activity's shape.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'reseller-assistant', handleUncaughtExceptions: false });

  server.pre((req: Request, res: Response, next: Next) => {
    const { limiter, loopback, relay } = deps.addressLimit;
    const address = req.socket.remoteAddress ?? '';
    if (limiter.enabled && COUNTED.has(req.method ?? '') && (loopback || !isLoopbackAddress(address)) && !relay.vouches(req.headers)) {
      const verdict = limiter.take(address);
      if (!verdict.ok) {
        deps.logger.debug({ path: req.path() }, 'client address over its rate limit');
        sendTooMany(res, verdict.retryAfterSeconds);
        return next(false);
      }
    }
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
    if (encoding !== 'identity' && encoding !== '') {
      sendError(res, 415, 'UnsupportedMediaType', 'Compressed request bodies are not accepted.');
      return next(false);
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > deps.maxBodyBytes) {
      sendError(res, 413, 'PayloadTooLarge', `The body is larger than ${deps.maxBodyBytes} bytes.`);
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes, mapParams: false, mapFiles: false }));

  server.get('/healthz', (_req: Request, res: Response, next: Next) => {
    res.json({ status: 'ok' });
    return next();
  });

  server.get('/readyz', (_req: Request, res: Response, next: Next) => {
    const ready = Object.values(deps.readiness.checks).every(Boolean);
    res.status(ready ? 200 : 503);
    res.json({ status: ready ? 'ready' : 'starting', checks: deps.readiness.checks, ...(deps.readiness.warm && { warm: deps.readiness.warm() }) });
    return next();
  });

  // restify answers parse and size errors itself; give them the same JSON shape as ours.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) deps.logger.error({ err: { message: err.message }, path: req.path() }, 'http error');
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({
      error: { code: err.body?.code ?? err.name, message: status >= 500 ? 'Internal error.' : err.message },
    });
    return callback();
  });

  return server;
}

export interface MessagesDeps {
  adapter: ChannelAdapter;
  bot: ActivityHandler;
  logger: Logger;
  localMode: boolean;
  localHosts: string[];
  relay: LocalRelay;
}

/** POST /api/messages: the channel endpoint, guarded, counted for graceful shutdown. */
export function registerMessages(server: Server, deps: MessagesDeps, inFlight: InFlight): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const verdict = guardActivity(req.body, {
      localMode: deps.localMode,
      localHosts: deps.localHosts,
      fromLoopback: isLoopbackAddress(req.socket.remoteAddress),
      relay: { names: (url) => deps.relay.names(url), vouched: deps.relay.vouches(req.headers) },
    });
    if (!verdict.ok) {
      deps.logger.debug({ code: verdict.code, fields: verdict.fields }, 'activity refused');
      return sendError(res, verdict.status, verdict.code, verdict.message, verdict.fields);
    }
    inFlight.enter();
    try {
      const activity = verdict.activity as unknown as Activity;
      const authHeader = String(req.headers.authorization ?? '');
      const response = await deps.adapter.run(activity, authHeader, (context) => deps.bot.run(context));
      const retryAfter = retryAfterOf(activity);
      if (retryAfter !== undefined) return sendTooMany(res, retryAfter);
      res.status(response?.status ?? 200);
      if (response?.body !== undefined) res.send(response.body);
      res.end();
    } catch (err) {
      if (err instanceof AuthenticationFailed) {
        // The reason (an expired token, unreachable signing keys) is for the log, not the caller.
        deps.logger.warn({ err: { message: err.message } }, 'channel token refused');
        if (!res.headersSent) sendError(res, 401, 'Unauthorized', 'The request could not be authenticated.');
        return;
      }
      deps.logger.error({ err: { message: (err as Error).message } }, 'activity processing failed');
      if (!res.headersSent) sendError(res, 500, 'InternalError', 'The message could not be processed.');
    } finally {
      inFlight.leave();
    }
  });
}
