import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * What a message at any prompt holds beyond the answer, through the HTTP server (black-box
 * round 10): a count named by its label corrects the tier (and its rounding is said), a tier per
 * product at the address prompt updates each order line, says each change and asks the address
 * again — never filed as the address.
 */

const LABELLED: Record<Lang, { open: string; fix: string; rounded: string; later: string }> = {
  zh: { open: '我需要一个Jira Data Center新许可证的报价，2000个用户，维护两年', fix: '用户数是120个，不要2000', rounded: '500', later: '用户数改成 3000' },
  fr: { open: "Il me faudrait un devis pour une nouvelle licence Jira Data Center, 2000 utilisateurs, 2 ans", fix: "le nombre d'utilisateurs est de 120, pas 2000", rounded: '500', later: "le nombre d'utilisateurs passe à 3000" },
  en: { open: 'I need a quote for a new Jira Data Center licence, 2000 users, 2 years', fix: 'the user count is 120, not 2000', rounded: '500', later: 'user count should be 3000' },
};

const PER_PRODUCT: Record<Lang, { open: string; fix: string }> = {
  en: { open: "Cloud quote for Jira and Confluence, 50 users, the customer doesn't have a site yet", fix: 'Jira = 75 users, Confluence = 100 users' },
  fr: { open: "Devis cloud Jira et Confluence, 50 utilisateurs, le client n'a pas encore de site", fix: 'Jira = 75 utilisateurs, Confluence = 100 utilisateurs' },
  zh: { open: '客户还没有云站点，需要Jira和Confluence的云报价，50个用户', fix: 'Jira = 75个用户，Confluence = 100个用户' },
};

describe('Quote dialogs: facts a message gives at any prompt', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a count named by its label corrects the tier, its rounding said, never an address`, async () => {
      const chat = new Chat(bot(), newConversation(`labelled-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const start = await fillByPrompts(chat, await chat.say(LABELLED[lang].open), {}, 1);
      const asked = lastSlot(start.last);
      assert.ok(asked && asked !== 'tier', `a later prompt: ${textsOf(start.last)}`);
      const fixed = await chat.say(LABELLED[lang].fix);
      assert.equal(lastSlot(fixed), asked, `the same prompt again: ${textsOf(fixed)}`);
      assert.ok(textsOf(fixed).includes('120') && textsOf(fixed).includes(LABELLED[lang].rounded), `rounding said: ${textsOf(fixed)}`);
      const run = await fillByPrompts(chat, fixed, answers);
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      const later = await chat.say(LABELLED[lang].later);
      assert.ok(textsOf(later).includes('3000'), `said back: ${textsOf(later)}`);
      const filed = await chat.say(confirm!);
      const ref = QR.exec(textsOf(filed))?.[0];
      assert.ok(ref, textsOf(filed));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.items[0].tier, 3000);
      assert.ok(!String(body.billingAddress).includes('120'), body.billingAddress);
    });

    it(`${lang}: two products' tiers at the address prompt update each line and ask the address again`, async () => {
      const chat = new Chat(bot(), newConversation(`per-product-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const { billingAddress, ...beforeAddress } = answers;
      const run = await fillByPrompts(chat, await chat.say(PER_PRODUCT[lang].open), beforeAddress);
      assert.equal(lastSlot(run.last), 'billingAddress', textsOf(run.last));
      const fixed = await chat.say(PER_PRODUCT[lang].fix);
      const said = textsOf(fixed);
      assert.equal(lastSlot(fixed), 'billingAddress', `the address again: ${said}`);
      assert.ok(said.includes('75') && said.includes('100'), `each change said: ${said}`);
      assert.ok(said.split('\n').filter((l) => /75|100/u.test(l)).length >= 2, `one line each: ${said}`);
      const rest = await fillByPrompts(chat, await chat.say(billingAddress!), answers);
      assert.equal(lastSlot(rest.last), 'confirm', textsOf(rest.last));
      const filed = await chat.say(confirm!);
      const ref = QR.exec(textsOf(filed))?.[0];
      assert.ok(ref, textsOf(filed));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      const tiers = Object.fromEntries(body.items.map((i: { product: string; tier: number }) => [i.product, i.tier]));
      assert.deepEqual(tiers, { jira: 75, confluence: 100 });
      assert.ok(!/Jira/iu.test(body.billingAddress), body.billingAddress);
    });
  }

  const LATER: Record<Lang, string> = { fr: 'je peux revenir plus tard ?', en: 'can I come back later?', zh: '我可以晚点再来吗？' };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "${LATER[lang]}" in a form says the draft is kept and asks the same prompt; the form goes on`, async () => {
      const chat = new Chat(bot(), newConversation(`later-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const start = await fillByPrompts(chat, await chat.say(LABELLED[lang].open), {}, 1);
      const asked = lastSlot(start.last);
      const later = await chat.say(LATER[lang]);
      assert.ok(textsOf(later).includes(t(lang)('quoteDialog:comeBackLater')), textsOf(later));
      assert.equal(lastSlot(later), asked);
      const run = await fillByPrompts(chat, await chat.say(answers[asked!]!), answers);
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      const atSummary = await chat.say(LATER[lang]);
      assert.ok(textsOf(atSummary).includes(t(lang)('quoteDialog:comeBackLater')), textsOf(atSummary));
      assert.equal(lastSlot(atSummary), 'confirm');
      assert.ok(QR.test(textsOf(await chat.say(confirm!))));
    });
  }

  const ADOPT: Record<Lang, string> = {
    fr: 'On a un client qui veut passer sur Confluence Data Center pour 3000 utilisateurs sur 2 ans',
    en: 'We have a customer moving to Confluence Data Center, 3000 users for 2 years',
    zh: '有个客户想迁移到Confluence数据中心，3000个用户，维护两年',
  };
  const HOW: Record<Lang, string> = { fr: 'comment commander une licence Data Center ?', en: 'how do I order a Data Center license?', zh: '怎么订购数据中心许可证？' };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a Data Center purchase without the word quote starts a prefilled quote; the how-to stays an FAQ answer`, async () => {
      const chat = new Chat(bot(), newConversation(`adopt-${lang}`), LOCALES[lang]);
      const replies = await chat.say(ADOPT[lang]);
      assert.ok(textsOf(replies).includes(t(lang)('quoteDialog:prefill.noted')), textsOf(replies));
      assert.ok(textsOf(replies).includes('Confluence') && /3[\s,\u202f\u00a0]?000/u.test(textsOf(replies)), textsOf(replies));
      assert.equal(lastSlot(replies), 'resellerName');
      const how = await new Chat(bot(), newConversation(`adopt-how-${lang}`), LOCALES[lang]).say(HOW[lang]);
      assert.equal(lastSlot(how), undefined, `no form: ${textsOf(how)}`);
    });
  }

  const HOW_SENS: Record<Lang, string> = {
    zh: '我有两个SEN，SEN-L1234567和SEN-L7654321，怎么做条款关联？',
    en: 'how do I co-term SEN-L1234567 and SEN-L7654321?',
    fr: 'comment harmoniser les échéances de SEN-L1234567 et SEN-L7654321 ?',
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a how-to with SENs gets the FAQ answer and a button that starts the co-term with those SENs`, async () => {
      const chat = new Chat(bot(), newConversation(`how-sens-${lang}`), LOCALES[lang]);
      const answer = await chat.say(HOW_SENS[lang]);
      assert.equal(lastSlot(answer), undefined, `no form: ${textsOf(answer)}`);
      const titles = answer.flatMap((r) => r.suggestedActions?.actions.map((a) => String(a.title)) ?? []);
      const button = titles.find((b) => b.includes('SEN-L1234567') && b.includes('SEN-L7654321'));
      assert.ok(button, titles.join(' | '));
      const form = await chat.say(button);
      assert.equal(lastSlot(form), 'targetDate', textsOf(form));
      assert.ok(textsOf(form).includes('SEN-L1234567') && textsOf(form).includes('SEN-L7654321'), textsOf(form));
    });
  }
});
