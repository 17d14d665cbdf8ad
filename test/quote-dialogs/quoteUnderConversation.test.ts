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

describe('Quote dialogs: the customer\'s address is never its organisation (qa11 F15)', function () {
  this.timeout(180_000);
  const bot = staffBot();
  const OPENING: Record<Lang, string> = {
    en: 'new cloud subscription quote: Confluence Standard, 50 users, end customer Hollins Freight Ltd',
    fr: 'devis nouvel abonnement cloud : Confluence Standard, 50 utilisateurs, client final Transports Vidal SARL',
    zh: '云端新订阅报价：Confluence 标准版，50个用户，客户是杭州青禾物流有限公司',
  };
  const ORG: Record<Lang, string> = { en: 'Hollins Freight Ltd', fr: 'Transports Vidal SARL', zh: '杭州青禾物流有限公司' };
  const ADDRESSES: Record<Lang, string> = {
    en: 'ours: 8 King Street, Leeds LS1 2HL, UK; customer: 40 Harbour Road, Bristol BS1 4QA, UK',
    fr: 'nous : 8 rue Colbert, 13001 Marseille, France ; client : 5 avenue Foch, 69006 Lyon, France',
    zh: '我们：上海市徐汇区漕溪北路18号，200030，中国；客户：杭州市西湖区文三路90号，310012，中国',
  };
  for (const lang of LANGS) {
    it(`${lang} (${CHANNEL[lang]}): "customer: <address>" at the address prompt is the customer's address; the organisation given before stays`, async () => {
      const chat = new Chat(bot(), newConversation(`address-not-org-${lang}`), LOCALES[lang], {}, CHANNEL[lang]);
      const { body } = await file(chat, await chat.say(OPENING[lang]), lang, { billingAddress: ADDRESSES[lang] });
      assert.equal(body.endUserOrganization, ORG[lang], JSON.stringify(body));
      const address = JSON.stringify(body.billingAddress ?? body);
      assert.ok(address.includes(lang === 'zh' ? '文三路90号' : lang === 'fr' ? '5 avenue Foch' : '40 Harbour Road'), address);
    });
  }
});

describe('Quote dialogs: in an upgrade "currently N" is the tier they have (qa11 F16)', function () {
  this.timeout(180_000);
  const bot = staffBot();
  const OPENING: Record<Lang, string> = {
    en: 'upgrade quote - Jira DC SEN-L4455667 currently 1000 users -> 2000 users',
    fr: 'devis de mise à niveau - Jira DC SEN-L4455667 actuellement 1000 utilisateurs -> 2000 utilisateurs',
    zh: '升级报价：Jira 数据中心 SEN-L4455667，目前1000个用户，升级到2000个用户',
  };
  const REMARK: Record<Lang, string> = {
    en: 'Maintenance runs out in the autumn (no co-term here). Currently 1000 users.',
    fr: "La maintenance se termine à l'automne (pas de co-term ici). Actuellement 1000 utilisateurs.",
    zh: '维护秋天到期（这里不是条款关联）。目前1000个用户。',
  };
  for (const lang of LANGS) {
    it(`${lang} (${CHANNEL[lang]}): the current tier is a fact, and "currently N" typed into Notes never becomes the target`, async () => {
      const tr = t(lang);
      const chat = new Chat(bot(), newConversation(`currently-${lang}`), LOCALES[lang], {}, CHANNEL[lang]);
      const first = await chat.say(OPENING[lang]);
      assert.ok(textsOf(first).includes(tr('quoteDialog:opening.currentTier')), textsOf(first));
      const { confirm, ...answers } = ANSWERS[lang];
      const run = await fillByPrompts(chat, first, answers);
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      await chat.say(tr('quote:summary.edit'));
      assert.equal(lastSlot(await chat.say(tr('quote:label.notes'))), 'notes');
      const noted = await chat.say(REMARK[lang]);
      assert.equal(noted[0]?.text, tr('quoteDialog:notes.added', { note: REMARK[lang] }), textsOf(noted));
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref, textsOf(chat.transcript));
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.items[0].tier, 2000, JSON.stringify(body.items));
      assert.ok(String(body.notes).includes(tr('quoteDialog:opening.currentTier')), JSON.stringify(body.notes));
    });
  }
});

describe('Quote dialogs: a renewal or maintenance end is labelled as such, not as a co-term date (qa11 F14, F17, F19)', function () {
  this.timeout(180_000);
  const bot = staffBot();
  const CASES: Record<Lang, { text: string; key: string }> = {
    en: { text: 'cloud renewal quote for orchard-hq.atlassian.net, Confluence Standard 100 users, renews 4 Apr 2027', key: 'quoteDialog:opening.renewalDate' },
    fr: { text: 'devis de mise à niveau Confluence DC SEN-L5566778 de 500 à 1000 utilisateurs. Échéance le 20/10/2027', key: 'quoteDialog:opening.maintenanceEnd' },
    zh: { text: '云端续订报价，站点 qinghe-it.atlassian.net，Confluence 标准版 100 用户，续订日期2027年4月4日', key: 'quoteDialog:opening.renewalDate' },
  };
  for (const lang of LANGS) {
    it(`${lang} (${CHANNEL[lang]}): the date is filed under its own label`, async () => {
      const tr = t(lang);
      const chat = new Chat(bot(), newConversation(`date-label-${lang}`), LOCALES[lang], {}, CHANNEL[lang]);
      const first = await chat.say(CASES[lang].text);
      assert.ok(textsOf(first).includes(tr(CASES[lang].key)), textsOf(first));
      const { body } = await file(chat, first, lang);
      assert.ok(String(body.notes).includes(tr(CASES[lang].key)), JSON.stringify(body.notes));
      assert.ok(!String(body.notes).includes(tr('quote:label.targetDate')), JSON.stringify(body.notes));
      assert.equal(body.coterm, undefined);
    });
  }
});
