import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { startBot, lastSlot, type TestBot } from '../support/botServer.js';
import { Chat, fillByPrompts, LOCALES, newConversation, staffGet, STAFF_KEY, t, textsOf } from './support.js';

/**
 * Defects a black-box tester found in real conversation, through the HTTP server in fr, zh and
 * en: a language request with the answer in the same message. Pure tables for the same
 * behaviours: test/quote-domain/conversationTurns.test.ts.
 */

/** A new cloud subscription, opened in one language: its prompts up to the end user's name. */
const OPEN: Record<Lang, { open: string; answers: Record<string, string> }> = {
  fr: {
    open: 'bonjour, il me faut un devis pour un nouvel abonnement Jira Cloud, 50 utilisateurs, édition Standard',
    answers: { resellerName: 'Hugo Lambert', resellerEmail: 'hugo@lambert-it.fr', billingAddress: '4 quai des Chartrons, 33000 Bordeaux' },
  },
  zh: {
    open: '你好，客户还没有站点，我要一个新的Jira Cloud订阅报价，50个用户，标准版',
    answers: { resellerName: '陈静', resellerEmail: 'chenjing@huitong-it.cn', billingAddress: '杭州市西湖区文三路90号' },
  },
  en: {
    open: 'hi, I need a quote for a new Jira Cloud subscription, 50 users, Standard edition',
    answers: { resellerName: 'Nina Patel', resellerEmail: 'nina@patel-it.co.uk', billingAddress: '8 King Street, Leeds LS1 2HL, United Kingdom' },
  },
};

/** Switching to `to` at the end user's prompt, with the name in the same message. */
const SWITCH: Record<Lang, { from: Lang; text: string; name: string; email: string }> = {
  fr: { from: 'en', text: "on peut passer en français ? le contact c'est Marie Roux", name: 'Marie Roux', email: 'marie.roux@client-exemple.fr' },
  zh: { from: 'fr', text: '用中文吧，联系人是王芳', name: '王芳', email: 'wangfang@kehu-example.cn' },
  en: { from: 'zh', text: 'can we continue in English? the contact is Li Na', name: 'Li Na', email: 'li.na@customer-example.com' },
};

describe('Quote dialogs: defects found in real conversation', function () {
  this.timeout(120_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  for (const to of ['fr', 'zh', 'en'] as const) {
    const s = SWITCH[to];
    it(`${to}: "${s.text}" at the end user's prompt switches to ${to} and takes the name`, async () => {
      const chat = new Chat(bot, newConversation(`switch-${to}`), LOCALES[s.from]);
      const run = await fillByPrompts(chat, await chat.say(OPEN[s.from].open), OPEN[s.from].answers);
      assert.equal(run.asked.at(-1), 'endUserName', `reached the end user's prompt: ${run.asked.join(', ')}`);
      const replies = await chat.say(s.text);
      const said = textsOf(replies);
      assert.ok(said.includes(t(to)('common:language.switched')), `the switch is said: ${said}`);
      assert.equal(lastSlot(replies), 'endUserEmail', `the name was the answer: ${said}`);
      assert.ok(said.includes(t(to)('quote:ask.endUserEmail')), `asked in the new language: ${said}`);
      const done = await fillByPrompts(chat, await chat.say(s.email), { confirm: t(to)('quote:summary.confirm') });
      assert.ok(done.ref, `filed: ${textsOf(done.last)}`);
      const { body } = await staffGet(bot, `/api/quote-requests/${done.ref}`);
      assert.equal(body.endUserName, s.name);
      assert.equal(body.endUserEmail, s.email);
    });
  }
});
