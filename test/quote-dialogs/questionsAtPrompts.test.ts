import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, staffBot, t, textsOf } from './support.js';

/**
 * A question at a prompt that shares one word with another field ("licence key" and "licensee
 * organisation") is answered from the FAQ, not with that field's explanation; then the same prompt.
 */

const OPEN: Record<Lang, string> = {
  fr: 'devis pour une nouvelle licence Jira Data Center, 500 utilisateurs, 1 an de maintenance',
  zh: '我要报价：新的 Jira 数据中心许可证，500用户，维护1年',
  en: 'I need a quote for a new Jira Data Center licence, 500 users, 1 year of maintenance',
};
const QUESTION: Record<Lang, string> = {
  fr: 'au fait, où est-ce que je télécharge la clé de licence Data Center ?',
  zh: '顺便问一下，数据中心的许可证密钥在哪里下载？',
  en: 'by the way where do I download the licence key for Data Center?',
};

describe('Quote dialogs: a question sharing a word with another field', function () {
  this.timeout(60_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: the FAQ answers, the prompt comes back`, async () => {
        const chat = new Chat(bot(), newConversation(`q-field-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const slot = lastSlot(await chat.say(OPEN[lang]));
        assert.ok(slot);
        const replies = await chat.say(QUESTION[lang]);
        assert.equal(lastSlot(replies), slot, 'the same prompt again');
        const explanation = t(lang)('quote:explain.endUserOrganization');
        assert.ok(!textsOf(replies).includes(explanation.slice(0, 20)), `not the organisation's explanation: ${textsOf(replies)}`);
        assert.match(textsOf(replies), /my\.atlassian\.com|Customers|客户|licen[cs]e/iu);
      });
    }
  }
});

/**
 * QA10 Q10-12: a tax question at the billing-address prompt ("…pour un client en Belgique ?")
 * shares only "client" with the field's label. The FAQ's tax answer, not the field's explanation;
 * then the address prompt again.
 */
const CLOUD_NEW: Record<Lang, string> = {
  fr: 'Nouvel abonnement cloud : Confluence Standard, 200 utilisateurs, pour notre client Brasserie Aubrac. Je suis Marion Teyssier, Nordéa Services, m.teyssier@nordea-services.fr',
  zh: '新订阅 Confluence 云标准版，200用户，客户是青禾农业。我是经销商郭晓峰，guoxf@yunfan-it.cn，公司是云帆信息',
  en: "New cloud subscription: Confluence Standard, 200 users, for our customer Harbour Lane Foods. I'm Nina Kowalski from Brightpath IT, nina.k@brightpath-it.com",
};
const TAX_QUESTION: Record<Lang, string> = {
  fr: 'et la TVA, elle se calcule comment pour un client basé en Espagne ?',
  zh: '客户在西班牙的话，增值税怎么算？',
  en: 'how does VAT work for a client based in Spain?',
};

describe('Quote dialogs: a tax question at the billing-address prompt (Q10-12)', function () {
  this.timeout(60_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: the tax answer, then the address prompt again`, async () => {
        const chat = new Chat(bot(), newConversation(`q-vat-${channel}-${lang}`), LOCALES[lang], {}, channel);
        assert.equal(lastSlot(await chat.say(CLOUD_NEW[lang])), 'billingAddress');
        const replies = await chat.say(TAX_QUESTION[lang]);
        assert.equal(lastSlot(replies), 'billingAddress', 'the same prompt again');
        const explanation = t(lang)('quote:explain.billingAddressBoth');
        assert.ok(!textsOf(replies).includes(explanation.slice(0, 20)), `not the field's explanation: ${textsOf(replies)}`);
        assert.match(textsOf(replies), /TVA|VAT|增值税/u);
      });
    }
  }
});
