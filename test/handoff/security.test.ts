import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../bot/paths.js';
import { createI18n } from '../../bot/i18n.js';
import { loadConfig } from '../../bot/config.js';
import { AdvocateDirectory, parseAdvocates } from '../../backend/handoff/index.js';
import type { TestBot } from '../support/botServer.js';
import { ADVOCATES, consoleApi, KEYS, openEvents, startConnector, startHandoffBot, texts, user, waitFor, type FakeConnector } from './support.js';

describe('handoff console security', () => {
  let bot: TestBot;
  let connector: FakeConnector;
  before(async () => {
    connector = await startConnector();
    bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '60' });
  });
  after(async () => {
    await bot.close();
    await connector.close();
  });

  async function waitingTicket(): Promise<string> {
    const u = user(bot, connector.serviceUrl, 'en-US');
    await u.say('talk to a human');
    const rows = (await consoleApi(bot.url, KEYS.marie).tickets()).json.tickets as Array<{ id: string; status: string; createdAt: string }>;
    return rows.filter((r) => r.status === 'waiting').at(-1)!.id;
  }

  it('every API route refuses a missing, malformed or unknown key', async () => {
    const id = await waitingTicket();
    for (const key of [undefined, 'wrong-key-0123456789abcdef', `${KEYS.marie}x`, KEYS.marie.slice(0, -1)]) {
      const api = consoleApi(bot.url, key);
      for (const [method, path] of [
        ['POST', '/session'],
        ['GET', '/tickets'],
        ['GET', `/tickets/${id}`],
        ['POST', `/tickets/${id}/accept`],
        ['POST', `/tickets/${id}/close`],
        ['GET', '/knowledge?q=renewal'],
      ] as const) {
        const res = await api.call(method, path);
        assert.equal(res.status, 401, `${method} ${path} with ${key ?? 'no key'}`);
      }
      assert.equal((await api.call('POST', `/tickets/${id}/messages`, { text: 'hi' })).status, 401);
      assert.equal((await openEvents(bot.url, key ?? '')).status, 401);
    }
    const basic = await fetch(`${bot.url}/api/handoff/tickets`, { headers: { authorization: `Basic ${Buffer.from(`x:${KEYS.marie}`).toString('base64')}` } });
    assert.equal(basic.status, 401);
    assert.equal((await consoleApi(bot.url, KEYS.marie).call('POST', '/session')).json.name, 'Marie');
  });

  it('an advocate may only write to conversations they accepted', async () => {
    const id = await waitingTicket();
    const marie = consoleApi(bot.url, KEYS.marie);
    const li = consoleApi(bot.url, KEYS.li);
    assert.equal((await li.send(id, 'before accept')).status, 403, 'nobody writes to a waiting ticket');
    assert.equal((await marie.accept(id)).status, 200);
    await connector.take(1, 'accepted message');
    assert.equal((await li.accept(id)).status, 409, 'a ticket is accepted once');
    assert.equal((await li.send(id, 'hijack')).status, 403);
    assert.equal((await li.close(id)).status, 403);
    assert.equal((await li.ticket(id)).status, 200, 'other advocates may still read it');
    assert.equal((await marie.send(id, '')).status, 400);
    assert.equal((await marie.send(id, 'x'.repeat(4001))).status, 400);
    assert.equal((await marie.call('POST', '/tickets/nope/accept')).status, 404);
    assert.equal((await marie.close(id)).status, 200);
    assert.equal((await marie.send(id, 'after close')).status, 403);
    await connector.take(2, 'close messages');
    assert.ok(!connector.received.some((a) => a.text?.includes('hijack')));
  });

  it('an injected <script> travels as text: JSON strings to the console, textContent in the page, a CSP forbidding inline script', async () => {
    const injected = '<img src=x onerror=alert(1)><script>alert(document.cookie)</script>';
    const id = await waitingTicket();
    const sse = await openEvents(bot.url, KEYS.li);
    try {
      const u = user(bot, connector.serviceUrl, 'en-US');
      await u.say('agent please');
      const rows = (await consoleApi(bot.url, KEYS.li).tickets()).json.tickets as Array<{ id: string; status: string }>;
      const mine = rows.filter((r) => r.status === 'waiting').at(-1)!.id;
      assert.notEqual(mine, id);
      const position = rows.filter((r) => r.status === 'waiting').length;
      assert.deepEqual(texts(await u.say(injected)), [createI18n().getFixedT('en')('handoff:waiting.added', { position })]);
      const event = await sse.next('message event', (e) => e.event === 'message' && e.data.ticketId === mine && e.data.from === 'user');
      assert.equal(event.data.text, injected);
      const ticket = (await consoleApi(bot.url, KEYS.li).ticket(mine)).json.ticket;
      assert.equal(ticket.transcript.at(-1).text, injected);
    } finally {
      sse.close();
    }
    const page = await fetch(`${bot.url}/advocate`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /unsafe-inline/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const script = readFileSync(fromRoot('web', 'advocate', 'app.js'), 'utf8');
    assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    assert.doesNotMatch(readFileSync(fromRoot('web', 'advocate', 'index.html'), 'utf8'), /<script>|\son\w+=/i, 'no inline script or handlers');
  });

  it('keys: parsed from ADVOCATES, too-short or duplicate keys refused at start-up, compared whole', () => {
    assert.deepEqual(parseAdvocates('A:aaaaaaaaaaaaaaaa, B:bbbbbbbbbbbbbbbb').map((a) => a.name), ['A', 'B']);
    assert.throws(() => loadConfig({ ADVOCATES: 'A:short' }), /ADVOCATES: entry 1 \(A\): the key needs at least 16 characters/);
    assert.throws(() => loadConfig({ ADVOCATES: 'A:aaaaaaaaaaaaaaaa,B:aaaaaaaaaaaaaaaa' }), /same key/);
    assert.throws(() => loadConfig({ ADVOCATES: 'nokey' }), /expected name:key/);
    const dir = new AdvocateDirectory(parseAdvocates('A:aaaaaaaaaaaaaaaa'));
    assert.equal(dir.authenticate('aaaaaaaaaaaaaaaa')?.name, 'A');
    assert.equal(dir.authenticate('aaaaaaaaaaaaaaa'), undefined);
    assert.equal(dir.authenticate(''), undefined);
    assert.equal(dir.authenticate(undefined), undefined);
    assert.equal(new AdvocateDirectory([]).authenticate(''), undefined);
  });

  it('shutdown does not wait for an open event stream', async () => {
    const other = await startHandoffBot({ ADVOCATES });
    const sse = await openEvents(other.url, KEYS.marie);
    assert.equal(sse.status, 200);
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 2000, `close took ${Date.now() - started} ms`);
    await waitFor('stream end', () => true);
    sse.close();
  });
});
