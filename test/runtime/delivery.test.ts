import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createI18n } from '../../bot/i18n.js';
import { statusMessage } from '../../backend/quotes/index.js';
import { statusText } from '../../dialogs/quote/statusSender.js';
import { ADVOCATES, consoleApi, KEYS, startHandoffBot, user, waitFor } from '../handoff/support.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, STAFF_KEY, t } from '../quote-dialogs/support.js';
import { startBot, type TestBot } from '../support/botServer.js';

const i18n = createI18n();

/**
 * A channel connector that refuses the first `failures` messages as the Bot Framework does for a
 * conversation it no longer knows (404 ConversationNotFound), then accepts; it records both.
 */
async function flakyConnector(failures: number) {
  const attempts: Array<{ ok: boolean; body: { type?: string; text?: string } }> = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as { type?: string; text?: string };
      const ok = body.type !== 'message' || attempts.filter((a) => !a.ok).length >= failures;
      if (body.type === 'message') attempts.push({ ok, body });
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { id: `sent-${attempts.length}` } : { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe('Truthful delivery: a proactive message the channel refuses is not delivered', function () {
  this.timeout(60_000);

  it('a status change is retried by the outbox until the channel takes it, and no apology is sent instead', async () => {
    const connector = await flakyConnector(2);
    const bot: TestBot = await startBot({ STAFF_API_KEY: STAFF_KEY });
    try {
      const chat = new Chat(bot, newConversation('flaky'), LOCALES.fr, { serviceUrl: connector.serviceUrl });
      const run = await fillByPrompts(chat, await chat.say(OPENINGS['dc-renewal'].fr), ANSWERS.fr);
      assert.ok(run.ref);
      const res = await fetch(`${bot.url}/api/quote-requests/${run.ref}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${STAFF_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'in_review' }),
      });
      assert.equal(res.status, 200);
      const expected = statusText(t('fr'), i18n, 'fr', statusMessage(run.ref!, 'in_review'));
      await waitFor('the status message to be delivered', () => connector.attempts.some((a) => a.ok), 15_000);
      assert.deepEqual(connector.attempts.map((a) => [a.ok, a.body.text]), [[false, expected], [false, expected], [true, expected]]);
      assert.ok(bot.logs.some((l) => l.includes('proactive message not delivered')));
    } finally {
      await bot.close();
      await connector.close();
    }
  });

  it("the console's accept says the user was not reached, and an advocate message is refused with 502", async () => {
    const connector = await flakyConnector(Number.POSITIVE_INFINITY);
    const bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '60' });
    try {
      const u = user(bot, connector.serviceUrl, 'en-US');
      await u.say('talk to a human');
      const marie = consoleApi(bot.url, KEYS.marie);
      const ticket = (await marie.tickets()).json.tickets.find((x: { status: string }) => x.status === 'waiting');
      assert.ok(ticket);
      const accepted = await marie.accept(ticket.id);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.json.delivered, false);
      assert.equal(connector.attempts.length, 1);
      assert.equal(connector.attempts[0]!.body.text, i18n.getFixedT('en')('handoff:accepted', { name: 'Marie' }));
      const sent = await marie.send(ticket.id, 'hello?');
      assert.equal(sent.status, 502);
    } finally {
      await bot.close();
      await connector.close();
    }
  });
});
