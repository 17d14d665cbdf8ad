import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statusMessage } from '../../backend/quotes/index.js';
import { createI18n } from '../../bot/i18n.js';
import { statusText } from '../../dialogs/quote/statusSender.js';
import { startBot, lastSlot, type TestBot } from '../support/botServer.js';
import { ANSWERS, OPENINGS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, QR, staffGet, STAFF_KEY, t, textsOf } from './support.js';

const { confirm: _stop, ...UNTIL_SUMMARY_FR } = ANSWERS.fr;
const i18n = createI18n();

/** A stand-in Bot Connector on 127.0.0.1 that records the activities the bot posts. */
async function fakeConnector(): Promise<{ url: string; posts: Array<{ path: string; body: any }>; close(): Promise<void> }> {
  const posts: Array<{ path: string; body: any }> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) posts.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sent-${posts.length}` }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, posts, close: () => new Promise((ok) => server.close(() => ok())) };
}

async function until<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Quote dialogs: filing, status and notifications', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  it('a double-clicked Confirm files once: both clicks, and a later one, get the same reference', async () => {
    const chat = new Chat(bot, newConversation('double'), LOCALES.fr);
    await fillByPrompts(chat, await chat.say(OPENINGS['dc-renewal'].fr), UNTIL_SUMMARY_FR);
    const before = (await staffGet(bot, '/api/quote-requests?limit=500')).body.total as number;
    const [a, b] = await Promise.all([chat.say('oui'), chat.say('oui')]);
    const refA = QR.exec(textsOf(a))?.[0];
    const refB = QR.exec(textsOf(b))?.[0];
    assert.ok(refA);
    assert.equal(refB, refA);
    const third = await chat.say('confirmer');
    assert.ok(textsOf(third).includes(t('fr')('quoteDialog:filing.again', { ref: refA })));
    assert.equal((await staffGet(bot, '/api/quote-requests?limit=500')).body.total, before + 1);
  });

  it('a redelivered Confirm activity (same id) gets the same reference', async () => {
    const chat = new Chat(bot, newConversation('redeliver'), LOCALES.en);
    const { confirm: _c, ...answers } = ANSWERS.en;
    await fillByPrompts(chat, await chat.say(OPENINGS['cloud-renewal'].en), answers);
    const first = await chat.say('yes', { id: 'confirm-once' });
    const again = await chat.say('yes', { id: 'confirm-once' });
    const ref = QR.exec(textsOf(first))?.[0];
    assert.ok(ref && textsOf(again).includes(ref));
  });

  it('status lookup: the same conversation or user sees it; anybody else gets "not found"', async () => {
    const chat = new Chat(bot, newConversation('status'), LOCALES.fr);
    const run = await fillByPrompts(chat, await chat.say(OPENINGS['dc-upgrade'].fr), ANSWERS.fr);
    const ref = run.ref!;
    const mine = await chat.say(`où en est ${ref} ?`);
    assert.ok(textsOf(mine).includes(t('fr')('quote:status.submitted', { ref })));

    const stranger = new Chat(bot, newConversation('stranger'), LOCALES.zh, { from: { id: 'someone-else', name: 'X' } });
    const theirs = await stranger.say(`${ref} 的状态`);
    assert.ok(textsOf(theirs).includes(t('zh')('quote:status.notFound', { ref })));
    assert.ok(!textsOf(theirs).includes(ANSWERS.fr.resellerEmail));

    const sameUserElsewhere = new Chat(bot, newConversation('status-2'), LOCALES.en, { from: { id: `dl_user-${chat.conversationId}`, name: 'Reseller' } });
    const elsewhere = await sameUserElsewhere.say(`status of ${ref.toLowerCase()}`);
    // The user's language is remembered per user: the answer may come in French.
    const texts = textsOf(elsewhere);
    assert.ok(['en', 'fr'].some((l) => texts.includes(t(l as 'en')('quote:status.submitted', { ref }))), texts);
  });

  it('a staff status change reaches the reseller proactively, in their language, with the note', async () => {
    const connector = await fakeConnector();
    try {
      const chat = new Chat(bot, newConversation('proactive'), LOCALES.zh, { serviceUrl: connector.url });
      const run = await fillByPrompts(chat, await chat.say(OPENINGS['cloud-existing'].zh), ANSWERS.zh);
      const res = await fetch(`${bot.url}/api/quote-requests/${run.ref}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${STAFF_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'in_review', note: '价格已确认' }),
      });
      assert.equal(res.status, 200);
      const post = await until(() => connector.posts.find((p) => p.path.includes(encodeURIComponent(chat.conversationId)) || p.path.includes(chat.conversationId)));
      const expected = statusText(t('zh'), i18n, 'zh', statusMessage(run.ref!, 'in_review', '价格已确认'));
      assert.equal(post.body.text, expected);
      assert.ok(post.body.text.includes(run.ref) && post.body.text.includes('价格已确认'));
      assert.equal(post.body.locale, 'zh');
    } finally {
      await connector.close();
    }
  });
});

describe('Quote dialogs: a restart mid-dialog resumes at the same slot', function () {
  this.timeout(60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'qd-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps the draft and the open prompt across a restart, then files', async () => {
    const conversationId = newConversation('restart');
    const first = await startBot({ STAFF_API_KEY: STAFF_KEY }, { dataDir });
    const chat1 = new Chat(first, conversationId, LOCALES.en);
    await chat1.say(OPENINGS['dc-renewal'].en);
    assert.equal(lastSlot(await chat1.say('SEN-L1357924')), 'product');
    const atEmail = await chat1.say(ANSWERS.en.product!);
    assert.equal(lastSlot(atEmail), 'technicalContactEmail');
    await first.close();

    const second = await startBot({ STAFF_API_KEY: STAFF_KEY }, { dataDir });
    try {
      const chat2 = new Chat(second, conversationId, LOCALES.en);
      const run = await fillByPrompts(chat2, await chat2.say(ANSWERS.en.technicalContactEmail), ANSWERS.en);
      assert.ok(run.ref);
      assert.ok(!run.asked.includes('sen'), 'the SEN given before the restart is kept');
      const { body } = await staffGet(second, `/api/quote-requests/${run.ref}`);
      assert.equal(body.sen, 'SEN-L1357924');
    } finally {
      await second.close();
    }
  });
});
