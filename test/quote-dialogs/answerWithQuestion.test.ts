import assert from 'node:assert/strict';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * An answer and a question in one message, through the HTTP server (black-box round 11, F2 F11
 * F21 F5): the answer is stored, the question answered (the FAQ's answer, or that an advocate
 * will answer), then the next prompt — never the same question again. "the technical contact is
 * me" takes the reseller's name and email. A short Chinese FAQ question mid-form gets its answer.
 */

const faq = defaultFaqEngine();
const answerOf = (id: string, lang: Lang) => faq.entry(id)![lang].answer;

/** The email prompt of a new cloud subscription: an address, then a payment question. */
const AT_EMAIL: Record<Lang, { open: string; name: string; line: string; email: string }> = {
  fr: {
    open: 'je voudrais un devis pour un nouvel abonnement cloud',
    name: 'Odile Ferrand',
    line: "odile.ferrand@orbis-conseil.fr. Sinon, est-ce qu'on peut régler par virement bancaire ?",
    email: 'odile.ferrand@orbis-conseil.fr',
  },
  zh: {
    open: '要一个云端新订阅报价',
    name: '覃芳',
    line: 'qinfang@hengda-soft.cn。另外问一下，可以用银行转账付款吗？',
    email: 'qinfang@hengda-soft.cn',
  },
  en: {
    open: 'new cloud subscription quote please',
    name: 'Rhys Pember',
    line: 'rhys.pember@coastline-it.co.uk. By the way, can we pay by bank transfer?',
    email: 'rhys.pember@coastline-it.co.uk',
  },
};

/** The years prompt of a new Data Center licence: a number of years, then a question no FAQ answers for sure. */
const AT_YEARS: Record<Lang, { open: string; line: string; years: number }> = {
  fr: { open: 'devis nouvelle licence Data Center Confluence 500 utilisateurs', line: "2 ans. Vous pensez que c'est plus avantageux sur deux ans ?", years: 2 },
  zh: { open: '要一个Confluence Data Center新许可证报价，500用户', line: '2年。两年一起买会更划算吗？', years: 2 },
  en: { open: 'quote for a new Confluence Data Center licence, 500 users', line: '2 years. Is it better value to take two years at once?', years: 2 },
};

describe('Quote dialogs: an answer and a question in one message (qa11 F2, F11, F21)', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: an email and a payment question: the email kept, the FAQ answered, the next prompt`, async () => {
        const c = AT_EMAIL[lang];
        const chat = new Chat(bot(), newConversation(`ans-q-email-${channel}-${lang}`), LOCALES[lang], {}, channel);
        assert.equal(lastSlot(await chat.say(c.open)), 'resellerName');
        assert.equal(lastSlot(await chat.say(c.name)), 'resellerEmail');
        const replies = await chat.say(c.line);
        const asked = lastSlot(replies);
        assert.ok(asked && asked !== 'resellerEmail', `the next prompt: ${textsOf(replies)}`);
        assert.ok(textsOf(replies).includes(answerOf('payment-methods', lang)) || textsOf(replies).includes(answerOf('pay-invoice', lang)), `the payment answer: ${textsOf(replies)}`);
        const { confirm, ...answers } = ANSWERS[lang];
        const run = await fillByPrompts(chat, replies, answers);
        assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
        const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
        assert.ok(ref, 'filed');
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.equal(body.resellerEmail, c.email, JSON.stringify(body));
      });
    }
  }

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a number of years and a question: the years kept, the question answered, the next prompt`, async () => {
      const c = AT_YEARS[lang];
      const chat = new Chat(bot(), newConversation(`ans-q-years-${lang}`), LOCALES[lang]);
      assert.equal(lastSlot(await chat.say(c.open)), 'maintenanceYears');
      const replies = await chat.say(c.line);
      assert.equal(lastSlot(replies), 'resellerName', textsOf(replies));
      const said = textsOf(replies);
      // The FAQ's nearest topic or "an advocate will answer": something before the prompt, never the years field explained.
      assert.ok(replies.length >= 2 && (replies[0]?.text ?? '').length > 20, `the question answered: ${said}`);
      assert.ok(!said.includes(t(lang)('quote:explain.maintenanceYears')), `not the years explained: ${said}`);
      const { confirm, ...answers } = ANSWERS[lang];
      const run = await fillByPrompts(chat, replies, answers);
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref, textsOf(run.last));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.items[0].maintenanceYears ?? body.maintenanceYears, c.years, JSON.stringify(body));
    });
  }

  /** The authorized contact of a cloud renewal: a name, a role, an email, then the licence-key question. */
  const AT_CONTACT: Record<Lang, { open: string; line: string; name: string; email: string }> = {
    zh: {
      open: '云端续订报价，站点 yunhe-bio.atlassian.net，Jira 高级版 100 用户',
      line: '谭磊，站点管理员，tanlei@yunhe-bio.com。顺便问一下，许可证密钥在哪里可以查到？',
      name: '谭磊',
      email: 'tanlei@yunhe-bio.com',
    },
    fr: {
      open: 'devis de renouvellement cloud pour le site brivet-bois.atlassian.net, Jira Premium 100 utilisateurs',
      line: 'Gaël Brivet, admin du site, gael@brivet-bois.fr. Au passage, où est-ce que je trouve la clé de licence ?',
      name: 'Gaël Brivet',
      email: 'gael@brivet-bois.fr',
    },
    en: {
      open: 'cloud renewal quote for tallow-labs.atlassian.net, Jira Premium 100 users',
      line: 'Nina Tallow, site admin, nina@tallow-labs.io. Also, where do I find the licence key?',
      name: 'Nina Tallow',
      email: 'nina@tallow-labs.io',
    },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a contact with name and email and a licence-key question: the contact kept, the FAQ answered`, async () => {
      const c = AT_CONTACT[lang];
      const chat = new Chat(bot(), newConversation(`ans-q-contact-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const { authorizedContactName: _n, authorizedContactEmail: _e, ...others } = answers;
      const start = await fillByPrompts(chat, await chat.say(c.open), others);
      assert.equal(lastSlot(start.last), 'authorizedContactName', textsOf(start.last));
      const replies = await chat.say(c.line);
      const asked = lastSlot(replies);
      assert.ok(asked !== 'authorizedContactName' && asked !== 'authorizedContactEmail', `the next prompt: ${textsOf(replies)}`);
      assert.ok(textsOf(replies).includes(answerOf('license-key-access', lang)), `the licence-key answer: ${textsOf(replies)}`);
      const run = await fillByPrompts(chat, replies, answers);
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref, textsOf(run.last));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.authorizedContactName, c.name, JSON.stringify(body));
      assert.equal(body.authorizedContactEmail, c.email, JSON.stringify(body));
    });
  }

  /** "the technical contact is me" at the technical contact's prompt, with a question after it. */
  const SELF: Record<Lang, { open: string; line: string }> = {
    zh: { open: '我是深蓝软件的陆明，lu.ming@shenlan-soft.cn。要一个Jira Data Center新许可证报价，1000用户，维护1年，客户是华岳物流', line: '技术联系人就是我。对了，价格有折扣吗？' },
    fr: { open: "Je suis Basile Ournac de Opale Logiciels, basile@opale-logiciels.fr. Devis nouvelle licence Jira Data Center, 1000 utilisateurs, 1 an, client Minoterie Vidal", line: "le contact technique c'est moi. Au fait, Atlassian fait des remises ?" },
    en: { open: "I'm Tessa Quill from Brightfern IT, tessa@brightfern.io. Quote for a new Jira Data Center licence, 1000 users, 1 year, customer Holloway Mills", line: 'the tech contact is me. By the way, does Atlassian offer any discounts?' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "the technical contact is me" takes the reseller's name and email; the discount question is answered`, async () => {
      const chat = new Chat(bot(), newConversation(`ans-q-self-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const { technicalContactName: _n, technicalContactEmail: _e, ...others } = answers;
      const start = await fillByPrompts(chat, await chat.say(SELF[lang].open), others);
      assert.match(lastSlot(start.last) ?? '', /^technicalContact/u, textsOf(start.last));
      const replies = await chat.say(SELF[lang].line);
      assert.ok(!/^technicalContact/u.test(lastSlot(replies) ?? ''), `no technical contact asked again: ${textsOf(replies)}`);
      assert.ok(textsOf(replies).includes(answerOf('discounts', lang)), `the discounts answer: ${textsOf(replies)}`);
      const run = await fillByPrompts(chat, replies, answers);
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref, textsOf(run.last));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.technicalContactName, body.resellerName, JSON.stringify(body));
      assert.equal(body.technicalContactEmail, body.resellerEmail, JSON.stringify(body));
    });
  }

  const DISCOUNT: Record<Lang, string> = { zh: '能打折吗？', fr: 'il y a des remises ?', en: 'any discounts?' };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a short discount question mid-form gets the FAQ answer, then the same prompt`, async () => {
      const chat = new Chat(bot(), newConversation(`ans-q-discount-${lang}`), LOCALES[lang]);
      const asked = lastSlot(await chat.say(AT_YEARS[lang].open));
      const replies = await chat.say(DISCOUNT[lang]);
      assert.ok(textsOf(replies).includes(answerOf('discounts', lang)), textsOf(replies));
      assert.equal(lastSlot(replies), asked);
    });
  }
});
