import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * Tester round 9 through the HTTP server: a new subscription with its site-to-be is filed as a new
 * subscription (Q9-4), the request type can be corrected at the summary, "not known yet" at a
 * name prompt gets the way forward (Q9-12), and "status?" right after filing lists the request (Q9-13).
 */

const OPEN: Record<Lang, { open: string; fix: string }> = {
  en: { open: "Annual quote for our customer's Jira cloud site brightwave.atlassian.net, 200 users", fix: "wait, this is a NEW subscription, the site doesn't exist yet" },
  fr: { open: 'Devis annuel pour le site cloud Jira existant brightwave.atlassian.net, 200 utilisateurs', fix: "en fait c'est un nouvel abonnement, le site n'existe pas encore" },
  zh: { open: '客户现有的Jira云站点 brightwave.atlassian.net 需要年度报价，200个用户', fix: '其实是新订阅，站点还不存在' },
};
const NEW: Record<Lang, string> = {
  en: 'I need a quote for a new Jira Cloud subscription, 200 users. Site would be brightwave-new.atlassian.net',
  fr: 'Devis pour un nouvel abonnement Jira Cloud, 200 utilisateurs, le site serait brightwave-new.atlassian.net',
  zh: '需要Jira云的新订阅报价，200个用户，站点会是 brightwave-new.atlassian.net',
};
const UNKNOWN: Record<Lang, string> = { fr: 'je sais pas encore, je dois demander au client', en: "I don't know yet", zh: '还不知道' };
const STATUS: Record<Lang, string> = { en: 'status?', fr: 'statut ?', zh: '进度？' };

describe('Quote dialogs: request type, not known yet, bare status', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a new subscription with its site-to-be starts as a new subscription`, async () => {
      const chat = new Chat(bot(), newConversation(`new-sub-${lang}`), LOCALES[lang]);
      const replies = await chat.say(NEW[lang]);
      assert.ok(textsOf(replies).includes(t(lang)('quote:kind.cloud-new')), textsOf(replies));
    });

    it(`${lang}: the request type corrected at the summary, "not known yet" at a name prompt, then "status?" after filing`, async () => {
      const chat = new Chat(bot(), newConversation(`kind-fix-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const first = await fillByPrompts(chat, await chat.say(OPEN[lang].open), {}, 1);
      const asked = lastSlot(first.last)!;
      const unknown = await chat.say(UNKNOWN[lang]);
      assert.equal(lastSlot(unknown), asked);
      assert.ok(textsOf(unknown).includes(t(lang)('quoteDialog:dontKnow', { field: '' }).slice(0, 8)), textsOf(unknown));
      const run = await fillByPrompts(chat, await chat.say(answers[asked]!), answers);
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      const switched = await chat.say(OPEN[lang].fix);
      assert.ok(textsOf(switched).includes(t(lang)('quote:kind.cloud-new')), textsOf(switched));
      const done = await fillByPrompts(chat, switched, answers);
      assert.equal(lastSlot(done.last), 'confirm', textsOf(done.last));
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.kind, 'cloud-new');
      const status = await chat.say(STATUS[lang]);
      assert.ok(textsOf(status).includes(ref), textsOf(status));
    });
  }

  const FACTS: Record<Lang, { kindStart: string; text: string }> = {
    zh: { kindStart: '申请报价', text: '客户站点 beichen-edu.atlassian.net，Confluence 标准版 月付转年付，大概300人左右吧' },
    fr: { kindStart: 'je voudrais un devis', text: "le site du client est beichen-edu.atlassian.net, Confluence Standard, passage du mensuel à l'annuel, environ 300 utilisateurs" },
    en: { kindStart: 'I need a quote', text: 'their site is beichen-edu.atlassian.net, Confluence Standard, moving from monthly to annual, about 300 users' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: site, product, edition and users typed at the name prompt are kept and said; the name is asked again`, async () => {
      const chat = new Chat(bot(), newConversation(`facts-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      await chat.say(FACTS[lang].kindStart);
      const first = await chat.say(t(lang)('quote:kind.cloud-existing'));
      const asked = lastSlot(first);
      const said = await chat.say(FACTS[lang].text);
      assert.equal(lastSlot(said), asked, textsOf(said));
      assert.ok(textsOf(said).includes('beichen-edu') && textsOf(said).includes('Confluence') && textsOf(said).includes('300'), textsOf(said));
      const run = await fillByPrompts(chat, said, answers);
      assert.ok(!run.asked.some((s) => ['siteUrl', 'product', 'tier'].includes(s)), run.asked.join(','));
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.items[0].edition, 'standard');
      assert.equal(body.items[0].product, 'confluence');
    });
  }

  const LEAD_IN: Record<Lang, { text: string; value: string }> = {
    zh: { text: '一开始就说了：成都蓝湾医疗科技有限公司', value: '成都蓝湾医疗科技有限公司' },
    en: { text: 'like I said, Ferncastle Insurance DAC', value: 'Ferncastle Insurance DAC' },
    fr: { text: "je l'ai déjà dit : Transports Gaillac SAS", value: 'Transports Gaillac SAS' },
  };
  const DC_OPEN: Record<Lang, string> = { fr: 'Je voudrais un devis pour une nouvelle licence Jira Data Center', zh: '我要报价：新的 Jira 数据中心许可证', en: 'I need a quote for a new Jira Data Center licence' };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "${LEAD_IN[lang].text}" at the licensee prompt stores only the organisation`, async () => {
      const chat = new Chat(bot(), newConversation(`lead-in-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const run = await fillByPrompts(chat, await chat.say(DC_OPEN[lang]), { ...answers, tier: '500', endUserOrganization: LEAD_IN[lang].text });
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.endUserOrganization, LEAD_IN[lang].value);
    });
  }
});
