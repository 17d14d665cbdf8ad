import assert from 'node:assert/strict';
import { startBot, type TestBot } from '../support/botServer.js';
import { createI18n } from '../../bot/i18n.js';

const en = createI18n().getFixedT('en');

interface Activity {
  type: string;
  id?: string;
  text?: string;
  from?: { id?: string; name?: string; role?: string };
  serviceUrl?: string;
}

/** A Web Chat user of the local Direct Line, through the bot's /directline proxy. */
class DirectLineUser {
  constructor(readonly base: string, readonly conversationId: string, public token: string) {}

  static async start(base: string): Promise<DirectLineUser> {
    const res = await fetch(`${base}/directline/conversations`, { method: 'POST', headers: { authorization: 'Bearer local' } });
    assert.equal(res.status, 201);
    const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
    return new DirectLineUser(base, conversationId, token);
  }

  /** `null`: no Authorization header at all. */
  read(token: string | null = this.token, conversationId = this.conversationId) {
    return fetch(`${this.base}/directline/conversations/${conversationId}/activities?watermark=0`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  }

  async activities(): Promise<Activity[]> {
    const res = await this.read();
    assert.equal(res.status, 200);
    return ((await res.json()) as { activities: Activity[] }).activities;
  }

  post(activity: Record<string, unknown>, token: string | null = this.token, conversationId = this.conversationId) {
    return fetch(`${this.base}/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(activity),
    });
  }

  say(text: string, extra: Record<string, unknown> = {}) {
    return this.post({ type: 'message', text, locale: 'en-US', from: { id: 'chosen-by-the-page', role: 'user' }, ...extra });
  }

  /** Polls until `done` holds, as Web Chat does every 200 ms. */
  async until(done: (all: Activity[]) => boolean): Promise<Activity[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const all = await this.activities();
      if (done(all)) return all;
      if (Date.now() > deadline) throw new Error(`not yet: ${JSON.stringify(all.map((a) => a.text))}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
}

describe('Local Direct Line: a token per conversation, server-set user ids, bounded memory', function () {
  this.timeout(30_000);
  let bot: TestBot;
  // The history test sends 200 activities in a few seconds on one conversation: no rate limit here.
  before(async () => (bot = await startBot({ RATE_LIMIT_PER_CONVERSATION: '0' })));
  after(() => bot.close());

  it('refuses reads and writes without a token (401) or with a wrong one (403), and leaks nothing', async () => {
    const victim = await DirectLineUser.start(bot.url);
    assert.equal((await victim.say('my SEN is SEN-L7654321')).status, 200);
    const other = await DirectLineUser.start(bot.url);
    const attempts = [
      await victim.read(null),
      await victim.read('wrong-token'),
      await victim.read(other.token),
      await victim.read(`${victim.conversationId}.9999999999.forged`),
      await victim.post({ type: 'message', text: 'pay now at https://evil.example' }, null),
      await victim.post({ type: 'message', text: 'pay now at https://evil.example' }, other.token),
    ];
    assert.deepEqual(attempts.map((r) => r.status), [401, 403, 403, 403, 401, 403]);
    for (const res of attempts) assert.ok(!(await res.text()).includes('SEN-L7654321'));
    assert.ok((await victim.activities()).every((a) => !a.text?.includes('evil.example')));
  });

  it('refresh needs a valid token and gives a new one; the old one keeps working until it expires', async () => {
    const u = await DirectLineUser.start(bot.url);
    const forged = await fetch(`${bot.url}/directline/tokens/refresh`, { method: 'POST', headers: { authorization: 'Bearer anything-at-all' } });
    assert.equal(forged.status, 403);
    assert.ok(!(await forged.text()).includes('anything-at-all'), 'no echo of the token');
    const refreshed = await fetch(`${bot.url}/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${u.token}` } });
    assert.equal(refreshed.status, 200);
    const body = (await refreshed.json()) as { token: string; conversationId: string };
    assert.equal(body.conversationId, u.conversationId);
    assert.equal((await u.read(body.token)).status, 200);
    assert.equal((await u.read(u.token)).status, 200);
  });

  it('the server sets from.id: a page cannot speak as another user', async () => {
    const u = await DirectLineUser.start(bot.url);
    await u.say('hello', { from: { id: 'someone-else', name: 'Mallory', role: 'bot' } });
    const all = await u.until((list) => list.some((a) => a.from?.role === 'bot'));
    const echo = all.find((a) => a.text === 'hello')!;
    assert.match(echo.from!.id!, /^webchat-[0-9a-f-]{36}$/);
    assert.equal(echo.from!.role, 'user');
    assert.equal(echo.from!.name, 'Mallory', 'a display name is kept');
    const second = await DirectLineUser.start(bot.url);
    await second.say('hi');
    const theirs = (await second.until((list) => list.some((a) => a.text === 'hi'))).find((a) => a.text === 'hi')!;
    assert.notEqual(theirs.from!.id, echo.from!.id, 'each conversation its own user');
  });

  it('only message, event and typing activities can be sent', async () => {
    const u = await DirectLineUser.start(bot.url);
    assert.equal((await u.post({ type: 'conversationUpdate', membersAdded: [{ id: 'x' }] })).status, 400);
    assert.equal((await u.post({ type: 'invoke', name: 'adaptiveCard/action' })).status, 400);
  });

  it('keeps a shortened echo of a text the bot refuses as too long, and the bot says so', async () => {
    const u = await DirectLineUser.start(bot.url);
    assert.equal((await u.say('x'.repeat(200_000))).status, 200);
    const tooLong = en('common:limits.tooLong', { length: '200,000', max: '4,000' });
    const all = await u.until((list) => list.some((a) => a.text === tooLong));
    const echo = all.find((a) => a.from?.role === 'user')!;
    assert.equal(echo.text!.length, 4001);
    assert.ok(JSON.stringify(all).length < 20_000);
  });

  it('caps each history: the oldest activities go first', async () => {
    const u = await DirectLineUser.start(bot.url);
    for (let i = 0; i < 210; i++) assert.equal((await u.post({ type: 'typing' })).status, 200);
    for (let i = 0; i < 3; i++) await u.say(`message ${i}`);
    const all = await u.until((list) => list.filter((a) => a.from?.role === 'bot').length >= 3);
    assert.equal(all.length, 200);
    assert.ok(!all.some((a) => a.id === `${u.conversationId}|0000001`), 'the oldest is gone');
    assert.ok(all.some((a) => a.text === 'message 2'), 'the newest is kept');
  });

  it('"delete my data" empties the conversation kept for the page: a reload shows nothing said before, and memory holds none of it', async () => {
    const u = await DirectLineUser.start(bot.url);
    const email = 'juniper.ashdown@local-dl.example';
    await u.say('talk to a human');
    await u.until((all) => all.some((a) => a.text === en('handoff:followUp.askEmail')));
    // What it is about first: the reply to the email is then the promise that names it.
    await u.say("it's about an unpaid invoice");
    await u.say(email);
    await u.until((all) => all.some((a) => a.from?.role === 'bot' && a.text?.includes(email)));
    await u.say('delete my data');
    await u.until((all) => all.some((a) => a.text === en('privacy:confirm')));
    const before = (await u.activities()).length;
    await u.say('yes');
    // The page, still polling from its watermark, gets the confirmation.
    const after = await u.until((all) => all.some((a) => a.text?.startsWith(en('privacy:done'))));
    assert.ok(after.length < before, `${after.length} activities kept of ${before}`);
    assert.ok(!JSON.stringify(after).includes(email), JSON.stringify(after));
    assert.ok(!JSON.stringify(bot.app.privacy.inMemory()).includes(email));
  });
});

describe('Local Direct Line: idle conversations expire, and its logs carry no ids', function () {
  this.timeout(30_000);

  it('drops a conversation nobody polls (the sweep timer runs by itself), then answers 404', async () => {
    const bot = await startBot({ DIRECT_LINE_IDLE_MIN: '0.02' });
    try {
      const u = await DirectLineUser.start(bot.url);
      await u.say('hello');
      const before = bot.logs.length;
      await new Promise((ok) => setTimeout(ok, 3500));
      assert.ok(bot.logs.slice(before).some((l) => l.includes('idle conversations dropped')), 'the sweep ran with no request');
      assert.equal((await u.read()).status, 404);
      assert.equal((await u.say('anyone?')).status, 404);
    } finally {
      await bot.close();
    }
  });

  it('at info level no conversation or user id is logged', async () => {
    const bot = await startBot({ LOG_LEVEL: 'info' });
    try {
      const u = await DirectLineUser.start(bot.url);
      await u.say('hello');
      const all = await u.until((list) => list.some((a) => a.from?.role === 'bot'));
      const userId = all.find((a) => a.from?.role === 'user')!.from!.id!;
      const logs = bot.logs.join('\n');
      assert.ok(!logs.includes(u.conversationId) && !logs.includes(userId), logs);
    } finally {
      await bot.close();
    }
  });
});
