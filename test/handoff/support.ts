import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { FeatureFactory } from '../../bot/feature.js';
import { createHandoffFeature } from '../../bot/handoff/feature.js';
import { offerHandoff } from '../../dialogs/handoffOffer.js';
import type { KnowledgeSearch } from '../../bot/handoff/knowledge.js';
import { startBot, webchatMessage, type Reply, type TestBot } from '../support/botServer.js';

export const KEYS = { marie: 'marie-key-0123456789abcdef', li: 'li-key-0123456789abcdefgh' };
export const ADVOCATES = `Marie:${KEYS.marie},Li:${KEYS.li}`;

/** Polls until `probe` returns a value, or fails naming what was awaited. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Plays the channel's connector: records what the bot sends outside a turn (proactive messages). */
export interface FakeConnector {
  serviceUrl: string;
  received: Reply[];
  /** Messages received since the last call to `take`. */
  take(count: number, what: string): Promise<Reply[]>;
  close(): Promise<void>;
}

export async function startConnector(): Promise<FakeConnector> {
  const received: Reply[] = [];
  let taken = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const ok = req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(req.url ?? '');
      if (ok) received.push(JSON.parse(body) as Reply);
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { id: `sent-${received.length}` } : { error: 'unexpected' }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const messages = () => received.filter((a) => a.type === 'message');
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    received,
    async take(count, what) {
      const all = await waitFor(what, () => messages().length >= taken + count && messages());
      const out = all.slice(taken, taken + count);
      taken += count;
      return out;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
  /** Milliseconds since the stream opened, to measure relay latency. */
  at: number;
}

/** The console's event stream, read the way the console reads it (fetch + Authorization header). */
export async function openEvents(url: string, key: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/handoff/events`, { headers: { authorization: `Bearer ${key}` }, signal: abort.signal });
  const events: SseEvent[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const fields = Object.fromEntries(
              block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
            );
            if (fields.event && fields.data) events.push({ event: fields.event, data: JSON.parse(fields.data) as Record<string, unknown>, at: performance.now() });
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: res.status,
    events,
    next(what: string, match: (e: SseEvent) => boolean) {
      return waitFor(what, () => events.find(match));
    },
    close: () => abort.abort(),
  };
}

/** The console's JSON API as an advocate calls it. */
export function consoleApi(url: string, key: string | undefined) {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/api/handoff${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  return {
    call,
    tickets: () => call('GET', '/tickets'),
    ticket: (id: string) => call('GET', `/tickets/${id}`),
    accept: (id: string) => call('POST', `/tickets/${id}/accept`),
    send: (id: string, text: string) => call('POST', `/tickets/${id}/messages`, { text }),
    close: (id: string) => call('POST', `/tickets/${id}/close`),
  };
}

/** Stands in for the FAQ's "two misses": typing this makes the bot offer an advocate. */
export const OFFER_TRIGGER = 'fakeoffer';

export const FAKE_QUOTE = { start: 'fakequote', askCompany: 'ASK_COMPANY', askUsers: 'ASK_USERS', done: 'QUOTE_DONE' };

/**
 * A stand-in for a quote dialog (test only, so its prompts are not localized):
 * two questions and a draft in its options, to be parked by a handoff.
 */
class FakeQuoteDialog extends ComponentDialog {
  constructor() {
    super('fakeQuote');
    this.addDialog(new TextPrompt('fakeQuote.text'));
    this.addDialog(
      new WaterfallDialog('fakeQuote.flow', [
        async (step: WaterfallStepContext) => step.prompt('fakeQuote.text', FAKE_QUOTE.askCompany),
        async (step: WaterfallStepContext) => {
          // An email typed here is kept as the reseller's own (only that field is offered back by the handoff).
          (step.values as Record<string, unknown>)[String(step.result).includes('@') ? 'resellerEmail' : 'company'] = step.result;
          return step.prompt('fakeQuote.text', FAKE_QUOTE.askUsers);
        },
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity(FAKE_QUOTE.done);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'fakeQuote.flow';
  }
}

const fakeQuoteFeature: FeatureFactory = () => ({
  name: 'fakeQuote',
  routes: [
    { dialog: new FakeQuoteDialog(), detect: (text) => (text === FAKE_QUOTE.start ? { draft: { kind: 'cloud', product: 'jira' } } : undefined) },
    {
      dialog: new WaterfallDialog('fakeOffer', [
        async (step: WaterfallStepContext) => {
          await offerHandoff(step.context, 'unanswered');
          return step.endDialog();
        },
      ]),
      detect: (text) => (text === OFFER_TRIGGER ? {} : undefined),
    },
  ],
});

/** The bot with only the fake quote and the handoff features, so other features cannot change replies. */
export function startHandoffBot(env: Record<string, string>, knowledge?: KnowledgeSearch, dataDir?: string): Promise<TestBot> {
  return startBot(env, { features: [fakeQuoteFeature, createHandoffFeature(knowledge ? { knowledge } : {})], ...(dataDir ? { dataDir } : {}) });
}

let conversations = 0;

/** A user in one conversation whose replies come back in the HTTP response and proactive ones go to `serviceUrl`. */
export function user(bot: TestBot, serviceUrl: string, locale: string, extra: Record<string, unknown> = {}) {
  const conversationId = `handoff-${process.pid}-${++conversations}`;
  return {
    conversationId,
    say: (text: string) => bot.send(webchatMessage(conversationId, text, locale, { serviceUrl, ...extra })),
    event: (name: string, value: unknown) =>
      bot.send({ ...webchatMessage(conversationId, '', locale, { serviceUrl }), type: 'event', name, value, text: undefined }),
  };
}

export const texts = (replies: Reply[]): string[] => replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
/** The titles of a reply's suggested actions (its buttons). */
export const titles = (reply: Reply | undefined): string[] => (reply?.suggestedActions?.actions ?? []).map((a) => String(a.title));

/** Hours that are closed right now: a one-hour window starting two hours from now (UTC). */
export function closedHours(now = new Date()): string {
  const start = (now.getUTCHours() + 2) % 24;
  const end = start + 1;
  const pad = (h: number) => String(h).padStart(2, '0');
  return end === 24 ? `Mon-Sun ${pad(start)}:00-24:00 UTC` : `Mon-Sun ${pad(start)}:00-${pad(end)}:00 UTC`;
}
