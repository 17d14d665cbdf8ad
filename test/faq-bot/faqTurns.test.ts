import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { startBot, textOf, webchatMessage, type Reply, type TestBot } from '../support/botServer.js';

/**
 * What resellers do in one turn or two, through the real HTTP server: two questions in one
 * message, a short follow-up to the last answer, a message in a language the bot does not speak.
 */
const i18n = createI18n();
const T = (lang: Lang) => i18n.getFixedT(lang);
const engine = defaultFaqEngine();
const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' };
let n = 0;
const conv = (name: string) => `faq-turns-${name}-${Date.now()}-${n++}`;

const answerStart = (id: string, lang: Lang) => engine.entry(id)![lang].answer.split('\n')[0]!.slice(0, 40);
const title = (id: string, lang: Lang) => engine.entry(id)![lang].title;
/** Topics whose answer (title and first line) is in the replies. */
const answered = (replies: Reply[], lang: Lang) =>
  engine.entries().filter((e) => textOf(replies).includes(`**${e[lang].title}**`) && textOf(replies).includes(answerStart(e.id, lang))).map((e) => e.id);

describe('FAQ turns: two questions, follow-ups, other languages', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(() => bot.close());

  const twoQuestions: Array<[Lang, string, [string, string]]> = [
    ['fr', 'Vous faites des remises aux associations ? Et quelle est votre politique de remboursement ?', ['discounts', 'refund-policy']],
    ['fr', 'tarifs académiques + politique de remboursement', ['academic-pricing', 'refund-policy']],
    ['zh', '学校能买学术版吗？另外退款政策是怎样的？', ['academic-pricing', 'refund-policy']],
    ['en', 'What is your refund policy, and which taxes apply to reseller orders?', ['refund-policy', 'tax-vat']],
    // Topics that list each other as follow-ups (qa10): the buttons must not offer the one just answered.
    ['en', 'Do charities get any discount? And what about us as a reseller, any discount?', ['discounts', 'reseller-discount']],
    ['fr', 'Les associations ont droit à une remise ? Et nous, en tant que revendeur, on a une remise ?', ['discounts', 'reseller-discount']],
    ['zh', '慈善机构有折扣吗？我们作为经销商有没有折扣？', ['discounts', 'reseller-discount']],
  ];
  for (const [lang, text, ids] of twoQuestions) {
    it(`answers both questions of "${text}" (${lang}), each with its title, feedback once`, async () => {
      const replies = await bot.send(webchatMessage(conv('two'), text, LOCALE[lang]));
      assert.deepEqual(answered(replies, lang).sort(), [...ids].sort(), textOf(replies).slice(0, 600));
      const feedback = replies.filter((r) => r.suggestedActions?.actions.some((a) => a.title === T(lang)('faq:feedback.up')));
      assert.equal(feedback.length, 1);
      const offered = feedback[0]!.suggestedActions!.actions.map((a) => a.title);
      for (const id of ids) assert.ok(!offered.includes(title(id, lang)), `"${title(id, lang)}" offered under its own answer: ${offered.join(' | ')}`);
      assert.ok(replies.every((r) => r.locale === LOCALE[lang]));
    });
  }

  it('answers one topic once when both halves of a message ask the same thing', async () => {
    const replies = await bot.send(webchatMessage(conv('same'), 'How do I renew and upgrade my customer\'s Data Center license?', 'en-US'));
    assert.deepEqual(answered(replies, 'en'), ['renew-upgrade-license']);
  });

  // A follow-up its last answer already covers ("et pour 12000 ?" after Net-30) is in faqChat.test.ts.
  const followUps: Array<[Lang, string, string, string, string]> = [
    ['fr', 'Comment renouveler la licence Data Center de mon client ?', 'renew-upgrade-license', 'et en cloud ?', 'cloud-renew-upgrade'],
    ['en', "How do I renew my customer's Data Center license?", 'renew-upgrade-license', 'and for cloud?', 'cloud-renew-upgrade'],
    ['zh', '怎么续订客户的Data Center许可证？', 'renew-upgrade-license', '那Cloud呢', 'cloud-renew-upgrade'],
  ];
  for (const [lang, first, firstId, followUp, followId] of followUps) {
    it(`reads "${followUp}" (${lang}) with the question before it: ${followId}`, async () => {
      const id = conv('follow');
      assert.deepEqual(answered(await bot.send(webchatMessage(id, first, LOCALE[lang])), lang), [firstId]);
      const replies = await bot.send(webchatMessage(id, followUp, LOCALE[lang]));
      assert.deepEqual(answered(replies, lang), [followId], textOf(replies).slice(0, 400));
    });
  }

  it('still reads a follow-up two messages after the answer, not three', async () => {
    const id = conv('window');
    await bot.send(webchatMessage(id, "How do I renew my customer's Data Center license?", 'en-US'));
    await bot.send(webchatMessage(id, 'What is the weather in Paris tomorrow?', 'en-US'));
    const second = await bot.send(webchatMessage(id, 'and for cloud?', 'en-US'));
    assert.deepEqual(answered(second, 'en'), ['cloud-renew-upgrade']);

    const late = conv('late');
    await bot.send(webchatMessage(late, "How do I renew my customer's Data Center license?", 'en-US'));
    for (const other of ['What is the weather in Paris tomorrow?', 'Tell me a joke about cats', 'Who won the game yesterday?']) {
      await bot.send(webchatMessage(late, other, 'en-US'));
    }
    const replies = await bot.send(webchatMessage(late, 'and for cloud?', 'en-US'));
    // Nothing left to follow: asked which topic, not answered at random.
    assert.deepEqual(answered(replies, 'en'), [], textOf(replies).slice(0, 300));
    assert.ok(replies.some((r) => r.text === T('en')('faq:clarify')), textOf(replies).slice(0, 300));
  });

  it('asks which topic when a follow-up opens the conversation, in every language', async () => {
    for (const lang of LANGS) {
      const text = { fr: 'et pour le Data Center ?', zh: '那Data Center呢', en: 'and for Data Center?' }[lang];
      const replies = await bot.send(webchatMessage(conv('orphan'), text, LOCALE[lang]));
      assert.deepEqual(answered(replies, lang), [], textOf(replies).slice(0, 300));
      assert.ok(replies.some((r) => r.text === T(lang)('faq:clarify')), textOf(replies).slice(0, 300));
    }
  });

  const others: Array<[Lang, string, string]> = [
    ['fr', 'Bonjour', 'Wie kann ich die Lizenz meines Kunden verlängern?'],
    ['zh', '你好', 'Hola, ¿cómo puedo renovar la licencia de mi cliente?'],
    ['en', 'Hello', 'Buongiorno, come posso rinnovare la licenza del cliente?'],
  ];
  for (const [lang, hello, text] of others) {
    it(`answers "${text}" in a ${lang} conversation with one short reply naming the three languages`, async () => {
      const id = conv('other');
      await bot.send(webchatMessage(id, hello, LOCALE[lang]));
      const replies = await bot.send(webchatMessage(id, text, LOCALE[lang]));
      const messages = replies.filter((r) => r.type === 'message');
      assert.equal(messages.length, 1, textOf(replies));
      for (const l of LANGS) assert.ok(messages[0]!.text?.includes(T(l)('faq:otherLanguage')), `${l}: ${messages[0]!.text}`);
      assert.ok(messages[0]!.text!.length < 400);
    });
  }

  it('keeps French questions with a foreign name or word for the FAQ', async () => {
    const replies = await bot.send(webchatMessage(conv('own'), 'Notre client est en Allemagne, quelle TVA pour une commande revendeur ?', 'fr-FR'));
    assert.deepEqual(answered(replies, 'fr'), ['tax-vat']);
  });

  it('offers "something else → an advocate" beside the topics of a clarification, in every language', async () => {
    for (const lang of LANGS) {
      // One word shared by many topics: the engine asks rather than guesses.
      const text = { fr: 'licence', zh: '许可证', en: 'license' }[lang];
      const replies = await bot.send(webchatMessage(conv('clarify'), text, LOCALE[lang]));
      const clarify = replies.find((r) => r.text === T(lang)('faq:clarify'));
      assert.ok(clarify, textOf(replies));
      const actions = clarify.suggestedActions?.actions ?? [];
      const other = actions.find((a) => a.title === T(lang)('faq:clarifyElse'));
      assert.ok(other, JSON.stringify(actions));
      assert.equal(other.value, T(lang)('common:menu.advocate'));
      assert.ok(actions.length >= 3 && actions.length <= 4);
    }
  });
});
