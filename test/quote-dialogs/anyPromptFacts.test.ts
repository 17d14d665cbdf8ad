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

  const JSM: Record<Lang, { open: string; users: string; agents: string }> = {
    en: { open: 'I need a quote for a new Jira Service Management Data Center license, 2 years', users: '200 users', agents: 'actually 400 agents' },
    fr: { open: 'Il me faudrait un devis pour une nouvelle licence Jira Service Management Data Center, 2 ans', users: '200 utilisateurs', agents: 'en fait 400 agents' },
    zh: { open: '我需要Jira Service Management数据中心新许可证的报价，维护两年', users: '200个用户', agents: '改成400个坐席' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: JSM asks agents; users given are said to be counted as agents, agents are taken as they are`, async () => {
      const chat = new Chat(bot(), newConversation(`jsm-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const first = await chat.say(JSM[lang].open);
      assert.equal(lastSlot(first), 'tier', textsOf(first));
      assert.ok(textsOf(first).includes(t(lang)('quote:ask.tierAgents')), textsOf(first));
      const users = await chat.say(JSM[lang].users);
      assert.ok(textsOf(users).includes(t(lang)('quote:notice.agentsNotUsers', { count: 200, tier: 250 })), textsOf(users));
      const agents = await chat.say(JSM[lang].agents);
      assert.ok(!textsOf(agents).includes(t(lang)('quote:notice.agentsNotUsers', { count: 400, tier: 500 }).slice(0, 20)), textsOf(agents));
      const run = await fillByPrompts(chat, agents, answers);
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.items[0].tier, 500);
    });
  }

  const UPGRADE: Record<Lang, { open: string; tier: string; fix: string }> = {
    en: { open: "quote to upgrade our customer's Jira cloud site acme-up.atlassian.net", tier: '250, Standard', fix: 'edition Premium' },
    fr: { open: 'devis de mise à niveau du site Jira cloud acme-up.atlassian.net', tier: '250 utilisateurs en Standard', fix: 'édition Premium' },
    zh: { open: '客户的Jira云站点 acme-up.atlassian.net 要升级，出个升级报价', tier: '250，标准版', fix: '升级到Premium版' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a cloud upgrade asks its target edition with the tier; "${UPGRADE[lang].fix}" at the summary changes it`, async () => {
      const chat = new Chat(bot(), newConversation(`cloud-upgrade-edition-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      const toTier = await fillByPrompts(chat, await chat.say(UPGRADE[lang].open), { ...answers, tier: undefined as unknown as string });
      assert.equal(lastSlot(toTier.last), 'tier', textsOf(toTier.last));
      assert.ok(textsOf(toTier.last).includes(t(lang)('quote:ask.tierUpgradeCloud')), textsOf(toTier.last));
      const run = await fillByPrompts(chat, await chat.say(UPGRADE[lang].tier), answers);
      assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
      const fixed = await chat.say(UPGRADE[lang].fix);
      assert.equal(lastSlot(fixed), 'confirm', textsOf(fixed));
      assert.ok(textsOf(fixed).includes(t(lang)('quote:label.edition')), textsOf(fixed));
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.items[0].edition, 'premium');
      assert.equal(body.items[0].tier, 250);
    });
  }

  const CONTACT: Record<Lang, { text: string; name: string; email: string }> = {
    fr: { text: 'le contact technique est Paul Durand. son email est paul@durand.example', name: 'Paul Durand', email: 'paul@durand.example' },
    zh: { text: '技术联系人是周凯，邮箱 kevin@zhou.example', name: '周凯', email: 'kevin@zhou.example' },
    en: { text: 'Technical contact is Kevin Zhou, kevin@zhou.example', name: 'Kevin Zhou', email: 'kevin@zhou.example' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    for (const at of ['technicalContactName', 'billingAddress'] as const) {
      it(`${lang}: the technical contact with an email, sent at ${at}, sets both and says both`, async () => {
        const chat = new Chat(bot(), newConversation(`contact-${at}-${lang}`), LOCALES[lang]);
        const { confirm, ...answers } = ANSWERS[lang];
        const { [at]: _skip, ...before } = answers;
        const run = await fillByPrompts(chat, await chat.say(LABELLED[lang].open), before);
        assert.equal(lastSlot(run.last), at, textsOf(run.last));
        const said = await chat.say(CONTACT[lang].text);
        assert.ok(textsOf(said).includes(CONTACT[lang].name) && textsOf(said).includes(CONTACT[lang].email), textsOf(said));
        const rest = await fillByPrompts(chat, said, answers);
        assert.equal(lastSlot(rest.last), 'confirm', textsOf(rest.last));
        assert.ok(!rest.asked.includes('technicalContactName') && !rest.asked.includes('technicalContactEmail'), rest.asked.join(','));
        const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.equal(body.technicalContactName, CONTACT[lang].name);
        assert.equal(body.technicalContactEmail, CONTACT[lang].email);
      });
    }
  }

  const KIND_FIRST: Record<Lang, { open: string; text: string; product: string; org: string; name: string }> = {
    en: { open: 'I need a quote', text: 'Jira Software DC, 2000 users, 3 years, end customer Acme GmbH, tech contact Anna Berg anna@acme.example', product: 'Jira', org: 'Acme GmbH', name: 'Anna Berg' },
    fr: { open: 'je voudrais un devis', text: 'Confluence DC, 1000 utilisateurs, 2 ans, client final Durand SA, contact technique Paul Durand paul@durand.example', product: 'Confluence', org: 'Durand SA', name: 'Paul Durand' },
    zh: { open: '我需要报价', text: 'Jira数据中心，2000用户，3年维护，最终客户是上海云图科技，技术联系人周凯 kevin@zhou.example', product: 'Jira', org: '上海云图科技', name: '周凯' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: after the kind button, a long answer at the first prompt is taken whole and said back`, async () => {
      const chat = new Chat(bot(), newConversation(`kind-first-${lang}`), LOCALES[lang]);
      const { confirm, ...answers } = ANSWERS[lang];
      await chat.say(KIND_FIRST[lang].open);
      const first = await chat.say(t(lang)('quote:kind.dc-new'));
      assert.equal(lastSlot(first), 'product', textsOf(first));
      const said = await chat.say(KIND_FIRST[lang].text);
      const text = textsOf(said);
      for (const part of [KIND_FIRST[lang].product, KIND_FIRST[lang].org, KIND_FIRST[lang].name]) assert.ok(text.includes(part), `${part} said: ${text}`);
      const run = await fillByPrompts(chat, said, answers);
      assert.deepEqual(run.asked.filter((s) => ['product', 'tier', 'maintenanceYears', 'endUserOrganization', 'technicalContactName', 'technicalContactEmail'].includes(s)), []);
      const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.equal(body.endUserOrganization, KIND_FIRST[lang].org);
      assert.equal(body.technicalContactName, KIND_FIRST[lang].name);
    });
  }
});
