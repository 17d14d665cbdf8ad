import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createI18n } from '../../bot/i18n.js';
import { RateLimiter } from '../../bot/http/rateLimiter.js';
import { LANGS } from '../../knowledge/lang.js';
import { lastSlot, startBot, textOf, webchatMessage, type Reply, type TestBot } from '../support/botServer.js';
import { OPENINGS } from '../quote-dialogs/answers.js';
import { LOCALES } from '../quote-dialogs/support.js';

const i18n = createI18n();
const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

const post = (base: string, body: unknown) =>
  fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const repliesOf = async (res: Response): Promise<Reply[]> => ((await res.json()) as { activities?: Reply[] }).activities?.filter((a) => a.type === 'message') ?? [];
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('Rate limits', function () {
  this.timeout(60_000);

  it('a token bucket: N at once, then one every 60/N s, per key, with the wait in whole seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 100, () => now);
    assert.ok(limiter.take('a').ok && limiter.take('a').ok);
    const refused = limiter.take('a');
    assert.deepEqual(refused, { ok: false, retryAfterSeconds: 30, firstRefusal: true });
    assert.deepEqual(limiter.take('a'), { ok: false, retryAfterSeconds: 30, firstRefusal: false });
    assert.ok(limiter.take('b').ok, 'another key has its own allowance');
    now += 30_000;
    assert.ok(limiter.take('a').ok);
    assert.equal(new RateLimiter(0).take('x').ok, true, '0 turns it off');
  });

  describe('per conversation', () => {
    // 12 a minute: one more every 5 s, so a burst cannot be refilled while it is being sent.
    let bot: TestBot;
    before(async () => (bot = await startBot({ RATE_LIMIT_PER_CONVERSATION: '12' })));
    after(() => bot.close());

    it('in fr, zh and en: one over the limit gets "please slow down", the next ones 429 with Retry-After; others are unaffected', async () => {
      const say = (lang: (typeof LANGS)[number], text: string, id = `flood-${lang}`) =>
        post(bot.url, { ...webchatMessage(id, text, LOCALES[lang]), deliveryMode: 'expectReplies' });
      await Promise.all(
        LANGS.map(async (lang) => {
          const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => say(lang, `hello ${i}`)));
          assert.ok(burst.every((r) => r.status === 200));
          const notice = await say(lang, 'one more');
          assert.equal(notice.status, 200);
          assert.deepEqual((await repliesOf(notice)).map((r) => r.text), [i18n.getFixedT(lang)('common:limits.slowDown')]);
          for (let i = 0; i < 3; i++) {
            const refused = await say(lang, 'and more');
            assert.equal(refused.status, 429);
            assert.ok(Number(refused.headers.get('retry-after')) >= 1 && Number(refused.headers.get('retry-after')) <= 5);
            assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'TooManyRequests');
          }
          assert.equal((await say(lang, 'hello', `flood-${lang}-other`)).status, 200, 'another conversation');
        }),
      );
      await sleep(5100);
      for (const lang of LANGS) {
        const again = await say(lang, 'hello again');
        assert.equal(again.status, 200);
        assert.ok((await repliesOf(again)).length > 0);
      }
    });

    it('a prompt refused for speed keeps waiting, and takes the answer once the user slows down', async () => {
      const say = (text: string) => post(bot.url, { ...webchatMessage('flood-prompt', text, LOCALES.en), deliveryMode: 'expectReplies' });
      await Promise.all(Array.from({ length: 11 }, () => say('hi')));
      assert.equal(lastSlot(await repliesOf(await say(OPENINGS['dc-new'].en))), 'product');
      assert.deepEqual((await repliesOf(await say('Confluence'))).map((r) => r.text), [i18n.getFixedT('en')('common:limits.slowDown')]);
      await sleep(5100);
      assert.equal(lastSlot(await repliesOf(await say('Confluence'))), 'tier', 'the same prompt took the answer');
    });
  });

  describe('per client address', () => {
    it('over RATE_LIMIT_PER_ADDRESS a minute, any POST is 429 with Retry-After; reads are not counted', async () => {
      const bot = await startBot({ RATE_LIMIT_PER_ADDRESS: '10', RATE_LIMIT_LOOPBACK: 'true', RATE_LIMIT_PER_CONVERSATION: '0' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) statuses.push((await post(bot.url, { ...webchatMessage(`addr-${i}`, 'hi'), deliveryMode: 'expectReplies' })).status);
        assert.deepEqual(statuses, Array(10).fill(200));
        const refused = await post(bot.url, { ...webchatMessage('addr-x', 'hi'), deliveryMode: 'expectReplies' });
        assert.equal(refused.status, 429);
        assert.equal(refused.headers.get('retry-after'), '6');
        assert.equal((await fetch(`${bot.url}/directline/conversations`, { method: 'POST' })).status, 429, 'the Direct Line too');
        assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
      } finally {
        await bot.close();
      }
    });

    it('what the local Direct Line forwards counts once, at /directline, not again at /api/messages', async () => {
      const bot = await startBot({ RATE_LIMIT_PER_ADDRESS: '4', RATE_LIMIT_LOOPBACK: 'true', RATE_LIMIT_PER_CONVERSATION: '0' });
      try {
        const created = await fetch(`${bot.url}/directline/conversations`, { method: 'POST' });
        assert.equal(created.status, 201);
        const { conversationId, token } = (await created.json()) as { conversationId: string; token: string };
        const send = () =>
          fetch(`${bot.url}/directline/conversations/${conversationId}/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ type: 'message', text: 'hello' }),
          });
        assert.deepEqual([(await send()).status, (await send()).status, (await send()).status], [200, 200, 200]);
        assert.equal((await send()).status, 429);
      } finally {
        await bot.close();
      }
    });

    it('by default loopback clients are exempt, a client from the network is not', async function () {
      if (!lanAddress) return this.skip();
      const bot = await startBot({ HOST: '0.0.0.0', RATE_LIMIT_PER_ADDRESS: '5', RATE_LIMIT_PER_CONVERSATION: '0' });
      try {
        const remote = `http://${lanAddress}:${(bot.app.server.address() as AddressInfo).port}`;
        const body = (i: number) => ({ ...webchatMessage(`net-${i}`, 'hi'), deliveryMode: 'expectReplies' });
        const local = await Promise.all(Array.from({ length: 8 }, (_, i) => post(bot.url, body(i))));
        assert.ok(local.every((r) => r.status === 200));
        const fromNetwork: number[] = [];
        for (let i = 0; i < 7; i++) fromNetwork.push((await post(remote, body(i))).status);
        assert.deepEqual(fromNetwork, [200, 200, 200, 200, 200, 429, 429]);
      } finally {
        await bot.close();
      }
    });
  });

  it('RATE_LIMIT_PER_CONVERSATION=0 turns the conversation limit off', async () => {
    const bot = await startBot({ RATE_LIMIT_PER_CONVERSATION: '0' });
    try {
      const all = await Promise.all(Array.from({ length: 80 }, () => post(bot.url, { ...webchatMessage('no-limit', 'hi'), deliveryMode: 'expectReplies' })));
      assert.ok(all.every((r) => r.status === 200));
      const texts = await Promise.all(all.map(async (r) => textOf(await repliesOf(r))));
      assert.ok(!texts.some((t) => t.includes(i18n.getFixedT('en')('common:limits.slowDown'))));
    } finally {
      await bot.close();
    }
  });
});
