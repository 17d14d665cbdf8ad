import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf, type Channel } from './support.js';

/**
 * Tester round 11 (issue 10, quote10i) through the HTTP server on both channels: per-product tiers,
 * addresses, upgrade tiers and the labels of dates, read back from the staff API.
 * The interpreter's tables are in test/quote-domain/quoteUnderConversation.test.ts.
 */

const LANGS = ['fr', 'zh', 'en'] as const;
const CHANNEL: Record<Lang, Channel> = { fr: 'msteams', zh: 'webchat', en: 'msteams' };

async function file(chat: Chat, first: Awaited<ReturnType<Chat['say']>>, lang: Lang, extra: Record<string, string> = {}) {
  const { confirm, ...answers } = ANSWERS[lang];
  const run = await fillByPrompts(chat, first, { ...answers, ...extra });
  assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
  const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
  assert.ok(ref, textsOf(chat.transcript));
  const { body } = await staffGet(chat.bot, `/api/quote-requests/${ref}`);
  return { run, body };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('Quote dialogs under real conversation (qa11, quote10i)', function () {
  this.timeout(180_000);
  const bot = staffBot();

  const TWO_COUNTS: Record<Lang, string> = {
    en: 'Jira + JSM, Standard, 200 users on jira and 18 agents on jsm',
    fr: 'Jira + JSM, Standard, 200 utilisateurs sur Jira et 18 agents sur JSM',
    zh: 'Jira 和 JSM，标准版，Jira 200 个用户，JSM 18 个坐席',
  };
  for (const lang of LANGS) {
    it(`${lang} (${CHANNEL[lang]}): a cloud-new product answer with a count per product files each product at its own tier, the rounding said once in agents`, async () => {
      const chat = new Chat(bot(), newConversation(`two-counts-${lang}`), LOCALES[lang], {}, CHANNEL[lang]);
      await chat.say(t(lang)('common:menu.quote'));
      const first = await chat.say(t(lang)('quote:kind.cloud-new'));
      const { run, body } = await file(chat, first, lang, { product: TWO_COUNTS[lang] });
      assert.ok(!run.asked.includes('tier'), run.asked.join(','));
      const all = textsOf(chat.transcript);
      assert.equal(count(all, t(lang)('quote:notice.tierRounded', { count: 18, tier: 20, context: 'agents' })), 1, all);
      assert.ok(!all.includes(t(lang)('quote:notice.tierRounded', { count: 18, tier: 25 })), all);
      const tiers = Object.fromEntries(body.items.map((i: { product: string; tier: number }) => [i.product, i.tier]));
      assert.deepEqual(tiers, { jira: 200, 'jira-service-management': 20 });
    });
  }
});
