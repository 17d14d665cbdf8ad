import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn } from '../../dialogs/quote/interpret/formTurn.js';
import { detectStatusQuestion } from '../../dialogs/quote/interpret/statusQuestion.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft } from '../../dialogs/quote/quoteDraft.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * Tester round 9 (Q9-4, Q9-12, Q9-13): a new subscription with the site-to-be named, the request
 * type corrected at the summary, "not yet known" at a name prompt, a bare "status?". From tables.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const existing = toDraft({ kind: 'cloud-existing', slots: { siteUrl: 'https://brightwave.atlassian.net', product: ['jira'], tier: 200, resellerName: 'Ann Lee' } });

describe('a new cloud subscription, said as such', () => {
  const openings: Array<[Lang, string]> = [
    ['en', 'I need a quote for a new Jira Software Cloud Standard subscription for Brightwave Logistics, 200 users. Site would be brightwave-log.atlassian.net'],
    ['fr', "Devis pour un nouvel abonnement Jira Cloud, 200 utilisateurs, le site serait brightwave.atlassian.net"],
    ['zh', '需要Jira云的新订阅报价，200个用户，站点会是 brightwave.atlassian.net'],
  ];
  for (const [lang, text] of openings) {
    it(`${lang}: "${text.slice(0, 40)}…" is a new subscription even with the URL to be`, () => {
      assert.equal(detectQuoteRequest(text, lang, now)?.kind, 'cloud-new');
    });
  }
  it('an existing site stays an existing site', () => {
    assert.equal(detectQuoteRequest("annual quote for our customer's existing site acme.atlassian.net, 50 users", 'en', now)?.kind, 'cloud-existing');
  });
  const switches: Array<[Lang, string]> = [
    ['en', "wait, this is a NEW subscription, the site doesn't exist yet"],
    ['fr', "en fait c'est un nouvel abonnement, le site n'existe pas encore"],
    ['zh', '其实是新订阅，站点还不存在'],
  ];
  for (const [lang, text] of switches) {
    it(`${lang} at the summary: "${text}" changes the request type, keeping what was given`, () => {
      assert.deepEqual(interpretFormTurn({ draft: existing, asked: 'confirm', text, lang, now, lexicon }), { type: 'switchKind', kind: 'cloud-new' });
    });
  }
});

describe('not known yet, and a bare status question', () => {
  for (const [lang, text] of [
    ['fr', 'je sais pas encore, je dois demander au client'],
    ['en', "I don't know yet"],
    ['zh', '还不知道'],
  ] as const) {
    it(`${lang}: "${text}" at a name prompt is "I don't know", never a refused name`, () => {
      assert.equal(interpretFormTurn({ draft: existing, asked: 'authorizedContactName', text, lang, now, lexicon }).type, 'dontKnow');
    });
  }
  for (const [lang, text] of [
    ['en', 'status?'],
    ['fr', 'statut ?'],
    ['zh', '进度？'],
  ] as const) {
    it(`${lang}: "${text}" alone asks about the user's own requests`, () => {
      assert.deepEqual(detectStatusQuestion(text, lang), {});
    });
  }
  it('a status word inside another question is not one', () => {
    assert.equal(detectStatusQuestion('what does the status column mean in my.atlassian.com orders?', 'en'), undefined);
  });
});

describe('facts at a prompt they do not answer (Q9-7)', () => {
  const empty = toDraft({ kind: 'cloud-existing' });
  for (const [lang, text] of [
    ['zh', '客户站点 beichen-edu.atlassian.net，Confluence 标准版 月付转年付，大概300人左右吧'],
    ['fr', 'le site du client est beichen-edu.atlassian.net, Confluence Standard, passage du mensuel à l\'annuel, environ 300 utilisateurs'],
    ['en', 'their site is beichen-edu.atlassian.net, Confluence Standard, moving from monthly to annual, about 300 users'],
  ] as const) {
    it(`${lang} at the name prompt: the site, product, edition and users are all taken`, () => {
      const r = interpretFormTurn({ draft: empty, asked: 'resellerName', text, lang, now, lexicon });
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type !== 'correction') return;
      assert.equal(r.slots.siteUrl, 'https://beichen-edu.atlassian.net');
      assert.deepEqual(r.slots.product, ['confluence']);
      assert.equal(r.slots.edition, 'standard');
      assert.equal(r.slots.tier, 300);
      assert.ok(!('resellerName' in r.slots));
    });
  }
  it('asking for monthly billing is still refused with the rule', () => {
    const r = interpretFormTurn({ draft: empty, asked: 'resellerName', text: 'can they pay monthly?', lang: 'en', now, lexicon });
    assert.equal(r.type, 'refused');
  });
});

describe('lead-ins, copulas and role words are not part of a value (Q9-8)', () => {
  it('zh: "我是代理商的王磊" names the reseller, not a company called 代理商', async () => {
    const { extractQuoteSlots } = await import('../../dialogs/validators/index.js');
    const slots = extractQuoteSlots('续订客户的Jira云订阅 acme.atlassian.net，我是代理商的王磊，邮箱wanglei@huaxin.example', 'zh', { now }).slots;
    assert.equal(slots.resellerName, '王磊');
    assert.equal(slots.resellerCompany, undefined);
    assert.equal(extractQuoteSlots('我是上海云桥的张伟', 'zh', { now }).slots.resellerCompany, '上海云桥');
  });
  const draft = toDraft({ kind: 'dc-new', slots: { product: ['jira'], tier: 500, resellerName: '王磊', resellerCompany: '华信伙伴', resellerEmail: 'w@huaxin.example' } });
  for (const [lang, asked, text, slot, value] of [
    ['zh', 'confirm', '公司名写错了，我们公司叫华信伙伴科技有限公司', 'resellerCompany', '华信伙伴科技有限公司'],
    ['zh', 'endUserOrganization', '一开始就说了：成都蓝湾医疗科技有限公司', 'endUserOrganization', '成都蓝湾医疗科技有限公司'],
    ['en', 'endUserOrganization', 'like I said, Ferncastle Insurance DAC', 'endUserOrganization', 'Ferncastle Insurance DAC'],
    ['fr', 'endUserOrganization', "comme je l'ai dit, Transports Gaillac SAS", 'endUserOrganization', 'Transports Gaillac SAS'],
    ['fr', 'endUserOrganization', "je l'ai déjà dit : Transports Gaillac SAS", 'endUserOrganization', 'Transports Gaillac SAS'],
  ] as const) {
    it(`${lang} at ${asked}: "${text}" stores "${value}"`, () => {
      const r = interpretFormTurn({ draft, asked, text, lang, now, lexicon });
      assert.ok(r.type === 'answer' || r.type === 'correction', JSON.stringify(r));
      if (r.type === 'answer' || r.type === 'correction') assert.equal(r.slots[slot], value);
    });
  }
});
