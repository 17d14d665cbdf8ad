import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent to the channel, as it went over the wire. */
export interface SentActivity {
  type: string;
  text?: string;
  channelData?: { slot?: string } & Record<string, unknown>;
  suggestedActions?: { actions: Array<{ title?: string; value?: unknown }> };
  attachments?: Array<{ contentType: string; content?: unknown }>;
  [key: string]: unknown;
}

export interface WireRecorder {
  /** Give this to the channel as the bot's address (…/api/messages is appended by callers). */
  url: string;
  /** Everything the bot posted to the channel's connector, oldest first. */
  sent: SentActivity[];
  close(): Promise<void>;
}

const read = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', fail);
  });

/**
 * A loopback relay between a channel emulator and the bot, so a test can read
 * what the bot said even when the client does not show it (channelData.slot):
 * - POST /api/messages from the channel goes on to the bot, with the activity's
 *   serviceUrl pointed at this relay (the real one is remembered per conversation);
 * - the bot's connector calls (/v3/…) are recorded and passed on to the channel's
 *   real serviceUrl, the channel's answer returned as is.
 * Only the Bot Framework protocol is assumed, nothing about the emulator's internals.
 */
export async function startWireRecorder(botUrl: string): Promise<WireRecorder> {
  const sent: SentActivity[] = [];
  const channelUrls = new Map<string, string>();
  let lastChannelUrl = '';
  let self = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const path = req.url ?? '/';
      let target: string;
      let payload: Buffer = body;
      if (req.method === 'POST' && path === '/api/messages') {
        const activity = JSON.parse(body.toString('utf8')) as { serviceUrl?: string; conversation?: { id?: string } };
        if (activity.serviceUrl) {
          lastChannelUrl = activity.serviceUrl.replace(/\/$/, '');
          if (activity.conversation?.id) channelUrls.set(activity.conversation.id, lastChannelUrl);
          activity.serviceUrl = self;
        }
        payload = Buffer.from(JSON.stringify(activity));
        target = `${botUrl}${path}`;
      } else if (path.startsWith('/v3/')) {
        const conversationId = decodeURIComponent(/^\/v3\/conversations\/([^/]+)/.exec(path)?.[1] ?? '');
        const channel = channelUrls.get(conversationId) ?? lastChannelUrl;
        if (req.method === 'POST' && body.length) {
          try {
            sent.push(JSON.parse(body.toString('utf8')) as SentActivity);
          } catch {
            // not an activity (e.g. an upload): passed on unrecorded
          }
        }
        target = `${channel}${path}`;
      } else {
        res.writeHead(404).end();
        return;
      }
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'authorization', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(target, { method: req.method ?? 'POST', headers, ...(req.method !== 'GET' && req.method !== 'HEAD' ? { body: payload } : {}) });
      const text = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`wire recorder: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    sent,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
