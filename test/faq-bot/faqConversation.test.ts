import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { FaqLog } from '../../backend/faq/faqLog.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';
import { startBot, textOf, webchatMessage, type Reply, type TestBot } from '../support/botServer.js';

const i18n = createI18n();
const T = (lang: Lang) => i18n.getFixedT(lang);
const engine = defaultFaqEngine();
const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' };
let n = 0;
const conv = (name: string) => `faq-${name}-${Date.now()}-${n++}`;
const titles = (replies: Reply[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title ?? '') ?? []);

/** The first line of an entry's answer in a language: distinctive enough to recognise it. */
const answerStart = (id: string, lang: Lang) => engine.entry(id)![lang].answer.split('\n')[0]!.slice(0, 40);

describe('FAQ in the conversation', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(() => bot.close());

  const questions: Array<[Lang, string, string]> = [
    ['fr', 'Quels moyens de paiement acceptez-vous pour une commande ?', 'payment-methods'],
    ['zh', '退款政策是什么？', 'refund-policy'],
    ['en', 'Can I see the license key of my customer?', 'license-key-access'],
    ['fr', 'Peut-on encore acheter une licence Server ?', 'server-end-of-life'],
    ['zh', '还能续订Server许可证吗？', 'server-end-of-life'],
    ['en', 'Can I still renew a Server license?', 'server-end-of-life'],
  ];
  for (const [lang, question, id] of questions) {
    it(`answers "${question}" with ${id}, in ${lang}, with follow-ups and feedback buttons`, async () => {
      const replies = await bot.send(webchatMessage(conv(id), question, LOCALE[lang]));
      const text = textOf(replies);
      assert.ok(text.includes(answerStart(id, lang)), text.slice(0, 300));
      assert.ok(titles(replies).includes(T(lang)('faq:feedback.up')) && titles(replies).includes(T(lang)('faq:feedback.down')));
      assert.ok(replies.every((r) => r.locale === LOCALE[lang]));
    });
  }

  it('answers in the user language even when the question matches through another language', async () => {
    const id = conv('cross');
    await bot.send(webchatMessage(id, 'Bonjour, je suis revendeur en France', 'fr-FR'));
    const replies = await bot.send(webchatMessage(id, 'Net-30 ?', 'fr-FR'));
    assert.ok(replies.every((r) => r.locale === 'fr-FR'));
  });

  it('stores a 👎 with the question and offers an advocate; a second tap is not counted again', async () => {
    const id = conv('vote');
    await bot.send(webchatMessage(id, 'What is the refund policy?', 'en-US'));
    const down = await bot.send(webchatMessage(id, T('en')('faq:feedback.down'), 'en-US'));
    assert.ok(titles(down).includes(T('en')('common:menu.advocate')));
    await bot.send(webchatMessage(id, T('en')('faq:feedback.down'), 'en-US'));
    const log = await openLog(bot);
    const votes = [];
    for await (const v of log.feedback.values()) votes.push(v);
    await log.close();
    const mine = votes.filter((v) => v.question === 'What is the refund policy?');
    assert.equal(mine.length, 1);
    assert.deepEqual({ entryId: mine[0]!.entryId, vote: mine[0]!.vote, lang: mine[0]!.lang }, { entryId: 'refund-policy', vote: 'down', lang: 'en' });
  });

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`declines out-of-scope questions in ${lang}, logs them, and offers an advocate after two`, async () => {
      const oos: Record<Lang, [string, string]> = {
        fr: ['Quel temps fera-t-il demain à Lyon ?', 'Tu connais une bonne recette de crêpes ?'],
        zh: ['明天北京天气怎么样？', '推荐一部好看的电影吧'],
        en: ["What's the weather like in Sydney tomorrow?", 'Tell me a joke about cats'],
      };
      const id = conv(`oos-${lang}`);
      const first = await bot.send(webchatMessage(id, oos[lang][0], LOCALE[lang]));
      assert.ok(textOf(first).includes(T(lang)('faq:none')), textOf(first));
      const second = await bot.send(webchatMessage(id, oos[lang][1], LOCALE[lang]));
      assert.ok(textOf(second).includes(T(lang)('handoff:offer.unanswered')), textOf(second));
      assert.ok(titles(second).includes(T(lang)('common:menu.advocate')));
      const log = await openLog(bot);
      const texts = [];
      for await (const u of log.unanswered.values()) texts.push(u.text);
      await log.close();
      assert.ok(texts.includes(oos[lang][0]) && texts.includes(oos[lang][1]));
    });
  }

  it('a "did you mean" button (a topic title) leads to that answer', async () => {
    const title = engine.entry('coterm-maintenance')!.zh.title;
    const replies = await bot.send(webchatMessage(conv('title'), title, 'zh-CN'));
    assert.ok(textOf(replies).includes(answerStart('coterm-maintenance', 'zh')));
  });

  it('a follow-up quote action leads into the quote request, not back to the FAQ', async () => {
    const replies = await bot.send(webchatMessage(conv('action'), T('fr')('faq:action.quote.cloud-new'), 'fr-FR'));
    assert.ok(replies.some((r) => r.inputHint === 'expectingInput' && r.channelData?.slot), textOf(replies));
  });
});

/** The journals are append-only files: a second reader sees what the bot wrote. */
async function openLog(bot: TestBot): Promise<FaqLog> {
  return FaqLog.open(bot.dataDir);
}
