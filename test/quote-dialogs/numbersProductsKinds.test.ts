import assert from 'node:assert/strict';
import { formatNumber } from '../../dialogs/quote/summaryCard.js';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * Tester round 10 through the HTTP server (Q10-2, 4, 7, 9, 10, 11, 19): the filed request read
 * back from the staff API. The interpreter's tables are in test/quote-domain/numbersProductsKinds.test.ts.
 */

const LANGS = ['fr', 'zh', 'en'] as const;

async function file(chat: Chat, first: Awaited<ReturnType<Chat['say']>>, lang: Lang, extra: Record<string, string> = {}) {
  const { confirm, ...answers } = ANSWERS[lang];
  const run = await fillByPrompts(chat, first, { ...answers, ...extra });
  assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
  const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
  assert.ok(ref);
  const { body } = await staffGet(chat.bot, `/api/quote-requests/${ref}`);
  return { run, body };
}

describe('Quote dialogs: numbers, products and kinds (qa10)', function () {
  this.timeout(180_000);
  const bot = staffBot();

  const CLOUD_RENEWAL: Record<Lang, { text: string; tier: number }> = {
    zh: { text: '续订客户的 Confluence 云，站点 songhe-edu.atlassian.net，150个用户，标准版', tier: 150 },
    fr: { text: 'Renouvellement cloud Confluence pour le site songhe-edu.atlassian.net, 150 utilisateurs, Standard', tier: 150 },
    en: { text: 'Cloud renewal of Confluence for songhe-edu.atlassian.net, 150 users, Standard', tier: 150 },
  };
  for (const lang of LANGS) {
    it(`${lang}: a cloud renewal keeps the count said after the site URL and files it`, async () => {
      const chat = new Chat(bot(), newConversation(`url-count-${lang}`), LOCALES[lang]);
      const { run, body } = await file(chat, await chat.say(CLOUD_RENEWAL[lang].text), lang);
      assert.ok(!run.asked.includes('tier'), run.asked.join(','));
      assert.equal(body.items[0].tier, CLOUD_RENEWAL[lang].tier);
    });

    it(`${lang}: a cloud renewal with no tier says it keeps the current tier, and the request says so`, async () => {
      const chat = new Chat(bot(), newConversation(`no-tier-${lang}`), LOCALES[lang]);
      const opening = lang === 'zh' ? '续订客户的 Confluence 云，站点 songhe-edu.atlassian.net' : lang === 'fr' ? 'Renouvellement cloud Confluence pour le site songhe-edu.atlassian.net' : 'Cloud renewal of Confluence for songhe-edu.atlassian.net';
      const { run, body } = await file(chat, await chat.say(opening), lang);
      assert.ok(textsOf(chat.transcript).includes(t(lang)('quote:notice.tierMissing')), textsOf(run.last));
      assert.ok(String(body.notes).includes(t(lang)('quoteDialog:opening.tierMissingValue')), JSON.stringify(body.notes));
    });
  }

  const DC_RENEWAL: Record<Lang, string> = {
    en: 'renewl for conf DC pls, SEN-L6612087, 2yrs',
    fr: 'renouvellement conf DC, SEN-L6612087, 2 ans',
    zh: '续订 conf 数据中心，SEN-L6612087，续两年',
  };
  for (const lang of LANGS) {
    it(`${lang}: "${DC_RENEWAL[lang]}" is Confluence for 2 years, never asked again`, async () => {
      const chat = new Chat(bot(), newConversation(`dc-renew-${lang}`), LOCALES[lang]);
      const { run, body } = await file(chat, await chat.say(DC_RENEWAL[lang]), lang);
      assert.ok(!run.asked.includes('product') && !run.asked.includes('maintenanceYears'), run.asked.join(','));
      assert.equal(body.items[0].product, 'confluence');
      assert.equal(body.items[0].maintenanceYears, 2);
    });

    it(`${lang}: a DC renewal with no term said is filed for 1 year, said before the summary`, async () => {
      const chat = new Chat(bot(), newConversation(`dc-default-${lang}`), LOCALES[lang]);
      const opening = lang === 'zh' ? '续订 Bitbucket 数据中心，SEN-L6612088' : lang === 'fr' ? 'Renouvellement Bitbucket Data Center, SEN-L6612088' : 'Bitbucket Data Center renewal, SEN-L6612088';
      const { body } = await file(chat, await chat.say(opening), lang);
      assert.ok(textsOf(chat.transcript).includes(t(lang)('quote:notice.maintenanceYearsDefault', { count: 1 })), textsOf(chat.transcript));
      assert.equal(body.items[0].maintenanceYears, 1);
    });
  }

  const NEW_SUB: Record<Lang, string> = {
    en: 'we need a new Confluence Cloud Premium subscription for 250 users, site will be fenwick-labs.atlassian.net',
    fr: 'il faut un nouvel abonnement Confluence Cloud Premium pour 250 utilisateurs, site souhaité fenwick-labs.atlassian.net',
    zh: '新的 Confluence 云订阅，高级版，250个用户',
  };
  for (const lang of LANGS) {
    it(`${lang}: a new subscription with words between is filed as a new subscription`, async () => {
      const chat = new Chat(bot(), newConversation(`new-sub-${lang}`), LOCALES[lang]);
      const first = await chat.say(NEW_SUB[lang]);
      assert.ok(textsOf(first).includes(t(lang)('quote:kind.cloud-new')), textsOf(first));
      const { body } = await file(chat, first, lang);
      assert.equal(body.kind, 'cloud-new');
      assert.equal(body.items[0].tier, 250);
    });
  }

  const SEN_ANSWER: Record<Lang, string> = {
    fr: "SEN-L4410298, c'est un JSM DC chez le client, ils passent de 100 à 1000 agents",
    en: 'SEN-L4410298, their JSM DC, going from 100 to 1000 agents',
    zh: 'SEN-L4410298，是客户的JSM数据中心，从100个坐席升级到1000个坐席',
  };
  for (const lang of LANGS) {
    it(`${lang}: at the DC upgrade's SEN prompt, product, target and current tier; no edition filed`, async () => {
      const chat = new Chat(bot(), newConversation(`dc-upgrade-${lang}`), LOCALES[lang]);
      await chat.say(t(lang)('common:menu.renew'));
      const asked = await chat.say(t(lang)('quote:kind.dc-upgrade'));
      assert.equal(lastSlot(asked), 'sen', textsOf(asked));
      const said = await chat.say(SEN_ANSWER[lang]);
      assert.ok(textsOf(said).includes(t(lang)('quoteDialog:changed.currentTierAdded', { count: 100 })), textsOf(said));
      // The tier said back is in agents, as JSM is priced (the product came in the same message).
      assert.ok(textsOf(said).includes(t(lang)('quoteDialog:summary.agents', { count: 1000, n: formatNumber(lang, 1000) })), textsOf(said));
      const { run, body } = await file(chat, said, lang);
      assert.ok(!run.asked.includes('product') && !run.asked.includes('tier'), run.asked.join(','));
      assert.equal(body.items[0].product, 'jira-service-management');
      assert.equal(body.items[0].tier, 1000);
      assert.equal(body.items[0].edition, undefined, JSON.stringify(body.items));
      assert.equal(body.edition, undefined);
      assert.ok(String(body.notes).includes(t(lang)('quoteDialog:opening.currentTier')), JSON.stringify(body.notes));
    });
  }

  const COTERM: Record<Lang, string> = {
    en: 'Jira DC SEN-L5120001 (ends 3 Feb 2027) and Confluence DC SEN-L5120002 (ends 9 Jul 2027). They want both co-termed to 9 Jul 2027.',
    fr: 'Jira DC SEN-L5120001 (échéance 03/02/2027) et Confluence DC SEN-L5120002 (échéance 09/07/2027), à harmoniser au 09/07/2027.',
    zh: 'Jira DC SEN-L5120001（2027年2月3日到期）和 Confluence DC SEN-L5120002（2027年7月9日到期），统一到2027年7月9日。',
  };
  for (const lang of LANGS) {
    it(`${lang}: a co-term opening with per-licence ends takes the stated target date`, async () => {
      const chat = new Chat(bot(), newConversation(`coterm-${lang}`), LOCALES[lang]);
      const { run, body } = await file(chat, await chat.say(COTERM[lang]), lang);
      assert.ok(!run.asked.includes('targetDate'), run.asked.join(','));
      assert.equal(body.coterm.targetDate, '2027-07-09');
    });
  }

  const MONTHLY: Record<Lang, string> = {
    en: 'Lena Brook, Halyard IT, lena.brook@halyard-it.example. Confluence Premium, 60 users, billed monthly please',
    fr: 'Lena Brook, Halyard IT, lena.brook@halyard-it.example. Confluence Premium, 60 utilisateurs, facturé au mois',
    zh: '我是Halyard IT的Lena Brook，lena.brook@halyard-it.example。Confluence 高级版，60个用户，按月付费',
  };
  for (const lang of LANGS) {
    it(`${lang}: "monthly" at the name prompt: the rule is said and the other facts are filed`, async () => {
      const chat = new Chat(bot(), newConversation(`monthly-${lang}`), LOCALES[lang]);
      await chat.say(t(lang)('common:menu.quote'));
      const asked = await chat.say(t(lang)('quote:kind.cloud-new'));
      assert.equal(lastSlot(asked), 'resellerName', textsOf(asked));
      const said = await chat.say(MONTHLY[lang]);
      assert.ok(textsOf(said).includes(t(lang)('quote:rule.annualCloudOnly')), textsOf(said));
      const { run, body } = await file(chat, said, lang);
      assert.ok(!['resellerName', 'resellerEmail', 'product', 'tier'].some((s) => run.asked.includes(s)), run.asked.join(','));
      assert.equal(body.resellerEmail, 'lena.brook@halyard-it.example');
      assert.equal(body.items[0].product, 'confluence');
      assert.equal(body.items[0].tier, 75);
    });
  }

  const AGENTS: Record<Lang, string> = {
    en: 'annual quote for the existing JSM cloud site kestrel-help.atlassian.net, Standard, 40 agents',
    fr: 'devis annuel pour le site cloud JSM existant kestrel-help.atlassian.net, Standard, 40 agents',
    zh: '客户现有的 JSM 云站点 kestrel-help.atlassian.net 需要年度报价，标准版，40个坐席',
  };
  for (const lang of LANGS) {
    it(`${lang}: JSM rounding is said in agents`, async () => {
      const chat = new Chat(bot(), newConversation(`agents-${lang}`), LOCALES[lang]);
      const said = await chat.say(AGENTS[lang]);
      assert.ok(textsOf(said).includes(t(lang)('quote:notice.tierRounded', { count: 40, tier: 50, context: 'agents' })), textsOf(said));
      assert.ok(!textsOf(said).includes(t(lang)('quote:notice.tierRounded', { count: 40, tier: 50 })), textsOf(said));
    });
  }
});
