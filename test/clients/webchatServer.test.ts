import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBot, type TestBot } from '../support/botServer.js';
import { localeText } from './fixtures.js';

interface PolledActivity {
  type: string;
  text?: string;
  from?: { id?: string; role?: string };
}

/** Polls the local Direct Line like Web Chat does, until `done` says the replies are there. */
async function pollUntil(base: string, conversationId: string, token: string, done: (all: PolledActivity[]) => boolean): Promise<PolledActivity[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${base}/directline/conversations/${conversationId}/activities?watermark=0`, { headers: { authorization: `Bearer ${token}` } });
    const { activities } = (await res.json()) as { activities: PolledActivity[] };
    if (done(activities)) return activities;
    if (Date.now() > deadline) throw new Error(`no reply yet: ${JSON.stringify(activities.map((a) => a.text))}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

describe('Web chat page and local Direct Line', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(async () => bot.close());

  it('serves the page at / and /chat with a content security policy', async () => {
    for (const path of ['/', '/chat']) {
      const res = await fetch(`${bot.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const html = await res.text();
      assert.match(html, /<script src="\/chat\/webchat.js">/);
      assert.match(html, /Français[\s\S]*中文[\s\S]*English/);
    }
  });

  it('serves the Web Chat bundle from node_modules, gzipped when asked, and nothing else', async () => {
    const res = await fetch(`${bot.url}/chat/webchat.js`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.ok((await res.text()).length > 1_000_000, 'the full bundle (fetch inflates it)');
    for (const path of ['/chat/stats.json', '/chat/..%2F..%2Fpackage.json', '/chat/constructor']) {
      assert.equal((await fetch(`${bot.url}${path}`)).status, 404, path);
    }
  });

  it('tells the page to use the local Direct Line when no secret is set', async () => {
    const config = (await (await fetch(`${bot.url}/chat/config.json`)).json()) as Record<string, unknown>;
    assert.deepEqual(config, { mode: 'local', domain: '/directline' });
    assert.equal((await fetch(`${bot.url}/api/directline/token`, { method: 'POST' })).status, 404);
  });

  it('a Direct Line conversation on /directline gets its token, and the welcome after webchat/join', async () => {
    // Web Chat starts with a placeholder token, then uses the one the conversation comes with.
    const created = await fetch(`${bot.url}/directline/conversations`, { method: 'POST', headers: { authorization: 'Bearer local' } });
    assert.equal(created.status, 201);
    const { conversationId, token, expires_in } = (await created.json()) as { conversationId: string; token: string; expires_in: number };
    assert.ok(token.startsWith(`${conversationId}.`));
    assert.equal(expires_in, 1800);
    const posted = await fetch(`${bot.url}/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'event', name: 'webchat/join', value: { lang: 'zh' }, locale: 'zh-CN', from: { id: 'local-dl-test', role: 'user' } }),
    });
    assert.equal(posted.status, 200);
    const prompt = localeText('zh', 'common:welcome.prompt');
    const all = await pollUntil(bot.url, conversationId, token, (list) => list.some((a) => a.text === prompt));
    assert.ok(all.every((a) => 'timestamp' in a), 'Web Chat orders by timestamp');
    assert.ok(all.every((a) => !('serviceUrl' in a)), 'clients never see where the bot replies');
  });
});

describe('Web chat with the Direct Line service (DIRECT_LINE_SECRET set)', () => {
  const secret = 'dl-secret-never-in-the-browser';
  let service: Server;
  let seen: { authorization?: string; body: string } | undefined;
  let bot: TestBot;

  before(async () => {
    // A stand-in for directline.botframework.com on loopback.
    service = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        seen = { authorization: req.headers.authorization, body };
        if (req.url !== '/v3/directline/tokens/generate') {
          res.statusCode = 404;
          return void res.end();
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ conversationId: 'c1', token: 'tok-123', expires_in: 3600 }));
      });
    });
    await new Promise<void>((ok) => service.listen(0, '127.0.0.1', ok));
    const endpoint = `http://127.0.0.1:${(service.address() as AddressInfo).port}/v3/directline`;
    bot = await startBot({ DIRECT_LINE_SECRET: secret, DIRECT_LINE_ENDPOINT: endpoint });
  });
  after(async () => {
    await bot.close();
    service.close();
  });

  it('exchanges the secret for a token bound to a fresh dl_ user id', async () => {
    const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { token: string; userId: string };
    assert.equal(body.token, 'tok-123');
    assert.match(body.userId, /^dl_[0-9a-f-]{36}$/);
    assert.equal(seen?.authorization, `Bearer ${secret}`);
    assert.deepEqual(JSON.parse(seen!.body), { user: { id: body.userId } });
    assert.ok(!JSON.stringify(body).includes(secret));
  });

  it('the page config points at the service and never carries the secret', async () => {
    const text = await (await fetch(`${bot.url}/chat/config.json`)).text();
    assert.ok(!text.includes(secret));
    assert.equal((JSON.parse(text) as { mode: string }).mode, 'service');
    assert.equal((await fetch(`${bot.url}/directline/conversations`, { method: 'POST' })).status, 404, 'no local Direct Line');
  });

  it('answers 502 without details when the service refuses', async () => {
    service.removeAllListeners('request');
    service.on('request', (_req, res) => {
      res.statusCode = 403;
      res.end('{"error":{"message":"bad secret dl-secret"}}');
    });
    const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
    assert.equal(res.status, 502);
    assert.ok(!(await res.text()).includes('secret'));
  });
});
