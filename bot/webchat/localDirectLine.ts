import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PersonalDataStore } from '../../backend/privacy/index.js';
import { LocalRelay } from '../http/localRelay.js';
import type { Logger } from '../log.js';
import { DirectLineConversations, type Conversation, type ConversationLimits } from './directLineConversations.js';
import { bearerToken, DirectLineTokens } from './directLineTokens.js';

/**
 * A Direct Line the browser can talk to without Azure: the Direct Line 3.0 client protocol
 * (POST /conversations, GET/POST /conversations/:id/activities, POST /tokens/refresh) under
 * `clientUrl`, polling only, and the Bot Connector routes the bot replies to under `serviceUrl`.
 */
export interface LocalDirectLine {
  /** Listens on 127.0.0.1 and starts forwarding to `botUrl` (…/api/messages). */
  start(botUrl: string): Promise<void>;
  /** Base URL of the client routes, e.g. http://127.0.0.1:PORT/directline. */
  readonly clientUrl: string;
  /** What the bot sees as `serviceUrl`, where its replies go. */
  readonly serviceUrl: string;
  /** Live conversations (for tests and logs). */
  readonly conversations: number;
  /** The conversations' histories as personal data: emptied by "delete my data". */
  personalData(): PersonalDataStore;
  close(): Promise<void>;
}

export interface LocalDirectLineOptions {
  port: number;
  /** The channel id the bot sees: the page is Web Chat. */
  channelId: string;
  botAccount: { id: string; name: string };
  /** Adds its secret to what is forwarded, so the bot accepts activities naming this Direct Line. */
  relay: LocalRelay;
  limits: ConversationLimits;
  /** A user's text longer than this is forwarded whole (the bot refuses it) but kept shortened. */
  maxStoredChars: number;
  maxBodyBytes: number;
  logger: Logger;
}

/** Fields a client may set on what it sends; the server sets who, where, when and the ids. */
const CLIENT_FIELDS = ['type', 'text', 'textFormat', 'locale', 'localTimezone', 'value', 'name', 'channelData', 'attachments', 'entities', 'replyToId'] as const;
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);
const BOT_REPLY = /^\/v3\/conversations\/([^/]{1,200})\/activities(?:\/[^/]{1,400})?$/;
const CLIENT_ACTIVITIES = /^\/directline\/conversations\/([^/]{1,200})\/activities$/;

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/**
 * Our own Direct Line, replacing the offline-directline package: that one kept every
 * conversation for ever in a module-private object (its cleanup timer only ran if it also
 * listened on every interface), accepted any token, served any conversation's transcript to
 * whoever knew its id, let clients pick their `from.id`, and logged each conversation id.
 * Here every conversation has its own token, checked on every read, write and refresh; the
 * server sets `from.id`; conversations expire when idle and their history is capped; the sweep
 * timer runs (unref'd, stopped on close); logs carry no ids above debug.
 */
export function createLocalDirectLine(opts: LocalDirectLineOptions): LocalDirectLine {
  const tokens = new DirectLineTokens();
  const store = new DirectLineConversations(opts.limits);
  let baseUrl = '';
  let botUrl = '';
  let sweeper: NodeJS.Timeout | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (method === 'POST' && path === '/directline/conversations') return send(res, 201, await startConversation());
    if (method === 'POST' && path === '/directline/tokens/refresh') return send(res, 200, refresh(req));
    const client = CLIENT_ACTIVITIES.exec(path);
    if (client) {
      const conversation = authorize(req, decodeURIComponent(client[1]!));
      if (method === 'GET') return send(res, 200, store.since(conversation, url.searchParams.get('watermark')));
      if (method === 'POST') return send(res, 200, await fromClient(conversation, await readJson(req)));
    }
    const reply = BOT_REPLY.exec(path);
    if (reply && method === 'POST') return send(res, 200, fromBot(decodeURIComponent(reply[1]!), await readJson(req)));
    throw new HttpError(404, 'No such route.');
  };

  /** The conversation the request's token opens, if it is the one in the path. */
  const authorize = (req: IncomingMessage, conversationId: string): Conversation => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new HttpError(401, 'A conversation token is required (Authorization: Bearer <token>).');
    if (tokens.conversationOf(token) !== conversationId) throw new HttpError(403, 'The token does not open this conversation.');
    const conversation = store.get(conversationId);
    if (!conversation) throw new HttpError(404, 'The conversation has ended.');
    return conversation;
  };

  const startConversation = async () => {
    const conversation = store.create();
    opts.logger.debug({ conversationId: conversation.id, conversations: store.size }, 'local Direct Line: conversation started');
    // Direct Line announces no members to the bot: the page asks for the welcome (webchat/join).
    await forward(conversation, { type: 'conversationUpdate', membersAdded: [], membersRemoved: [] });
    return { conversationId: conversation.id, token: tokens.issue(conversation.id), expires_in: tokens.lifetimeSeconds };
  };

  const refresh = (req: IncomingMessage) => {
    const conversationId = tokens.conversationOf(bearerToken(req.headers.authorization));
    if (!conversationId) throw new HttpError(403, 'The token is not valid.');
    if (!store.get(conversationId)) throw new HttpError(404, 'The conversation has ended.');
    return { conversationId, token: tokens.issue(conversationId), expires_in: tokens.lifetimeSeconds };
  };

  const fromClient = async (conversation: Conversation, body: unknown) => {
    const incoming = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
    const activity: Record<string, unknown> = {};
    for (const field of CLIENT_FIELDS) if (incoming[field] !== undefined) activity[field] = incoming[field];
    if (typeof activity.type !== 'string' || !CLIENT_TYPES.has(activity.type)) throw new HttpError(400, 'Only message, event and typing activities can be sent.');
    const from = incoming.from as { name?: unknown } | undefined;
    const name = typeof from?.name === 'string' ? from.name.slice(0, 100) : undefined;
    activity.from = { id: conversation.userId, ...(name ? { name } : {}), role: 'user' };
    activity.conversation = { id: conversation.id };
    activity.channelId = opts.channelId;
    activity.timestamp = new Date().toISOString();
    // The echo Web Chat shows in the transcript; a text the bot will refuse as too long is kept shortened.
    const text = activity.text;
    const shown = typeof text === 'string' && text.length > opts.maxStoredChars ? { ...activity, text: `${text.slice(0, opts.maxStoredChars)}…` } : activity;
    const id = store.append(conversation, shown);
    try {
      await forward(conversation, { ...activity, id });
    } catch (err) {
      store.remove(conversation, id);
      throw err;
    }
    return { id };
  };

  const fromBot = (conversationId: string, body: unknown) => {
    const conversation = store.get(conversationId);
    if (!conversation) throw new HttpError(404, 'The conversation does not exist.');
    const { serviceUrl: _hidden, ...activity } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    activity.from ??= { ...opts.botAccount, role: 'bot' };
    activity.timestamp ??= new Date().toISOString();
    return { id: store.append(conversation, activity) };
  };

  /** Posts to the bot as the channel would, with the relay secret; a refusal is passed on. */
  const forward = async (conversation: Conversation, activity: Record<string, unknown>): Promise<void> => {
    const full = {
      ...activity,
      channelId: opts.channelId,
      serviceUrl: `${baseUrl}/`,
      conversation: { id: conversation.id },
      from: activity.from ?? { id: conversation.userId, role: 'user' },
      recipient: { ...opts.botAccount, role: 'bot' },
      timestamp: activity.timestamp ?? new Date().toISOString(),
    };
    let answer: Response;
    try {
      answer = await fetch(botUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [LocalRelay.HEADER]: opts.relay.headerValue },
        body: JSON.stringify(full),
        signal: AbortSignal.timeout(30_000),
      });
      await answer.arrayBuffer();
    } catch (err) {
      opts.logger.warn({ err: { message: (err as Error).message } }, 'local Direct Line could not reach the bot');
      throw new HttpError(502, 'The bot could not be reached.');
    }
    if (answer.status === 429) throw new HttpError(429, 'Too many messages.', { 'retry-after': answer.headers.get('retry-after') ?? '5' });
    if (!answer.ok) throw new HttpError(502, `The bot answered ${answer.status}.`);
  };

  const readJson = (req: IncomingMessage): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is read and dropped, so the 413 still reaches the client.
        if (size <= opts.maxBodyBytes) chunks.push(chunk);
      });
      req.on('error', reject);
      req.on('end', () => {
        if (size > opts.maxBodyBytes) return reject(new HttpError(413, 'The body is too large.'));
        try {
          resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
        } catch {
          reject(new HttpError(400, 'The body is not JSON.'));
        }
      });
    });

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) opts.logger.error({ err: { message: (err as Error).message } }, 'local Direct Line failed');
      if (!res.headersSent) send(res, status, { error: { code: String(status), message: err instanceof HttpError ? err.message : 'Internal error.' } }, err instanceof HttpError ? err.headers : {});
    });
  });

  return {
    get clientUrl() {
      return `${baseUrl}/directline`;
    },
    get serviceUrl() {
      return `${baseUrl}/`;
    },
    get conversations() {
      return store.size;
    },
    personalData: () => ({
      name: 'localDirectLine',
      erase: async ({ channelId, userId }) => {
        if (channelId === opts.channelId) store.forgetUser(userId);
        return {};
      },
      inMemory: () => store.inMemory(),
    }),

    async start(target: string) {
      botUrl = target;
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(opts.port, '127.0.0.1', () => ok());
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      opts.relay.register(this.serviceUrl);
      const every = Math.max(1000, Math.min(60_000, opts.limits.idleMs / 2));
      sweeper = setInterval(() => {
        const dropped = store.sweep();
        if (dropped) opts.logger.debug({ dropped, conversations: store.size }, 'local Direct Line: idle conversations dropped');
      }, every);
      sweeper.unref();
    },

    async close() {
      clearInterval(sweeper);
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
