import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { LocalRelay } from '../../bot/http/localRelay.js';
import { startBot, webchatMessage, type TestBot } from '../support/botServer.js';

/** This machine's first non-loopback IPv4 address: requests to it come from a non-loopback peer. */
const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

/** A listener that is not a channel: nothing the bot does may reach it. */
async function foreignListener(): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"x"}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: (server.address() as AddressInfo).port, hits, close: () => new Promise((ok) => server.close(() => ok())) };
}

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('Local mode is local', function () {
  this.timeout(30_000);

  it('listens on 127.0.0.1 by default: not reachable from the network', async function () {
    const bot = await startBot({ HOST: '' });
    try {
      assert.equal((bot.app.server.address() as AddressInfo).address, '127.0.0.1');
      assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
      if (!lanAddress) return this.skip();
      const port = (bot.app.server.address() as AddressInfo).port;
      await assert.rejects(fetch(`http://${lanAddress}:${port}/healthz`, { signal: AbortSignal.timeout(3000) }));
    } finally {
      await bot.close();
    }
  });

  describe('exposed on purpose (HOST=0.0.0.0): a request from the network cannot make the bot post to this machine', () => {
    let bot: TestBot;
    before(async () => (bot = await startBot({ HOST: '0.0.0.0' })));
    after(() => bot.close());

    it('refuses loopback serviceUrls, however spelled, from a non-loopback client; nothing reaches the listener', async function () {
      if (!lanAddress) return this.skip();
      const listener = await foreignListener();
      try {
        const port = (bot.app.server.address() as AddressInfo).port;
        const remote = `http://${lanAddress}:${port}`;
        for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
          const res = await post(remote, webchatMessage('ssrf', 'hello', 'en-US', { serviceUrl: `http://${host}:${listener.port}/ssrf-path` }));
          assert.equal(res.status, 403, host);
        }
        // Answers in the HTTP response still work for such a client.
        const inBody = await post(remote, { ...webchatMessage('ssrf-2', 'hello', 'en-US', { serviceUrl: `http://127.0.0.1:${listener.port}/ssrf-path` }), deliveryMode: 'expectReplies' });
        assert.equal(inBody.status, 200);
        await new Promise((ok) => setTimeout(ok, 300));
        assert.deepEqual(listener.hits, []);
      } finally {
        await listener.close();
      }
    });

    it('still replies to a loopback serviceUrl for a client on this machine (the Emulator, the Agents Playground)', async () => {
      const listener = await foreignListener();
      try {
        const res = await post(bot.url, webchatMessage('emulator', 'hello', 'en-US', { serviceUrl: `http://127.0.0.1:${listener.port}/emulator` }));
        assert.equal(res.status, 200);
        assert.ok(listener.hits.some((h) => h.startsWith('POST /emulator/v3/conversations/emulator/activities')), listener.hits.join(' '));
      } finally {
        await listener.close();
      }
    });
  });

  describe("nobody can post into a web chat user's conversation as the bot", () => {
    let bot: TestBot;
    before(async () => (bot = await startBot()));
    after(() => bot.close());

    /** The local Direct Line's port, as a port scan would find it. */
    const directLinePort = () => {
      const line = bot.logs.find((l) => l.includes('local Direct Line listening'))!;
      return Number(/127\.0\.0\.1:(\d+)/.exec(line)![1]);
    };

    it('refuses activities that name the local Direct Line without its secret, whatever the delivery mode', async () => {
      const created = await fetch(`${bot.url}/directline/conversations`, { method: 'POST', headers: { authorization: 'Bearer local' } });
      const victim = (await created.json()) as { conversationId: string; token: string };
      const port = directLinePort();
      const fake = 'Your quote is ready: pay now at https://evil.example';
      for (const serviceUrl of [`http://127.0.0.1:${port}/`, `http://localhost:${port}`, `http://[::1]:${port}/v3`]) {
        for (const extra of [{}, { deliveryMode: 'expectReplies' }]) {
          const body = webchatMessage(victim.conversationId, `I need a quote for 2000 users of Jira; company: ${fake}`, 'en-US', { serviceUrl, ...extra });
          assert.equal((await post(bot.url, body)).status, 403, serviceUrl);
          assert.equal((await post(bot.url, body, { [LocalRelay.HEADER]: 'guessed-secret' })).status, 403, serviceUrl);
        }
      }
      const transcript = await fetch(`${bot.url}/directline/conversations/${victim.conversationId}/activities`, { headers: { authorization: `Bearer ${victim.token}` } });
      assert.ok(!(await transcript.text()).includes('evil.example'));
    });
  });
});
