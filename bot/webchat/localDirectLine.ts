import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

/**
 * A Direct Line the browser can talk to without Azure. Anything that speaks the
 * Direct Line 3.0 client protocol (POST /conversations, GET/POST
 * /conversations/:id/activities) under `clientUrl` and forwards activities to
 * the bot with a loopback `serviceUrl` fits, so the offline-directline package
 * can be swapped for another implementation behind this interface.
 */
export interface LocalDirectLine {
  /** Listens on 127.0.0.1 and starts forwarding to `botUrl` (…/api/messages). */
  start(botUrl: string): Promise<void>;
  /** Base URL of the client routes, e.g. http://127.0.0.1:PORT/directline. */
  readonly clientUrl: string;
  close(): Promise<void>;
}

export interface LocalDirectLineOptions {
  port: number;
  /** The channel id the bot sees (offline-directline says "emulator"; the page is Web Chat). */
  channelId: string;
  /** The bot's account, which offline-directline leaves out of user activities. */
  botAccount: { id: string; name: string };
  onError(message: string, err?: unknown): void;
}

// offline-directline and express ship CommonJS without usable types here: type only what is used.
type Handler = (req: IncomingMessage & { body?: unknown; path?: string; method?: string }, res: ServerResponse, next: (err?: unknown) => void) => void;
interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse): void;
  use(...handlers: Array<Handler | string>): void;
  post(path: string, handler: Handler): void;
}
interface ExpressModule {
  (): ExpressApp;
  json(opts: { limit: string }): Handler;
}
interface OfflineDirectLine {
  getRouter(serviceUrl: string, botUrl: string, conversationInitRequired?: boolean): Handler;
}

const require = createRequire(import.meta.url);
const FORWARD_PATH = '/_forward-to-bot';

/**
 * offline-directline behind the interface. Only its router is used: its
 * `initializeRoutes` calls `listen` itself on all interfaces and starts a
 * never-cleared timer, which would keep the process alive and expose the port.
 * Here the HTTP server is ours (127.0.0.1 only, closed on shutdown), and the
 * router posts to the bot through a local forwarder, which
 * - catches a refused connection (offline-directline does not, and an
 *   unhandled rejection would end the process),
 * - sets the channel id, the recipient and a timestamp the package leaves out.
 * Known limits (fine for a developer's machine): polling only, state in memory.
 */
export function createOfflineDirectLine(opts: LocalDirectLineOptions): LocalDirectLine {
  const express = require('express') as ExpressModule;
  const { getRouter } = require('offline-directline') as OfflineDirectLine;
  const app = express();
  const server: Server = createServer(app);
  let baseUrl = '';

  return {
    get clientUrl() {
      return `${baseUrl}/directline`;
    },

    async start(botUrl: string) {
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(opts.port, '127.0.0.1', () => ok());
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      // Parsed here first (the package's own body parser then skips), so activities can be stamped.
      app.use(express.json({ limit: '256kb' }));
      app.use(stampTimestamps);
      app.post(FORWARD_PATH, (req, res) => {
        const activity: Record<string, unknown> = { ...(req.body as Record<string, unknown>), channelId: opts.channelId };
        activity.recipient ??= { ...opts.botAccount, role: 'bot' };
        forward(botUrl, activity, res, opts.onError);
      });
      app.use(getRouter(baseUrl, `${baseUrl}${FORWARD_PATH}`));
    },

    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** Web Chat orders activities by timestamp; the package sets none on what it stores. */
const stampTimestamps: Handler = (req, _res, next) => {
  const body = req.body as { timestamp?: string } | undefined;
  if (req.method === 'POST' && body && typeof body === 'object' && !Array.isArray(body)) body.timestamp ??= new Date().toISOString();
  next();
};

function forward(botUrl: string, activity: unknown, res: ServerResponse, onError: LocalDirectLineOptions['onError']): void {
  fetch(botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) })
    .then(async (answer) => {
      res.statusCode = answer.status;
      res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
      res.end(await answer.text());
    })
    .catch((err: unknown) => {
      onError('local Direct Line could not reach the bot', err);
      res.statusCode = 502;
      res.end();
    });
}
