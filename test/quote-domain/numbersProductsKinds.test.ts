import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import { extractQuoteSlots } from '../../dialogs/validators/extractSlots.js';
import { findMaintenanceYears, validateMaintenanceYears } from '../../dialogs/validators/maintenanceYears.js';
import { defaultsFor, missingSlots, unsaidSlots } from '../../dialogs/validators/quoteKinds.js';
import { toTier } from '../../dialogs/validators/tier.js';
import { validateProduct } from '../../dialogs/validators/product.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * Tester round 10 (Q10-2, 4, 7, 9, 10, 11, 19): numbers, products and kinds as resellers type
 * them. From tables, no bot; the same through the HTTP server in test/quote-dialogs/numbersProductsKinds.test.ts.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked, text, lang, now, lexicon });

describe('a site URL followed by Chinese punctuation (Q10-2)', () => {
  const cases: Array<[Lang, string, number]> = [
    ['zh', '帮客户续订 Confluence 云，站点 lanting-it.atlassian.net，100个用户', 100],
    ['zh', '续订JSM云版，站点是kaiyuan-ops.atlassian.net，25个坐席，高级版', 25],
    ['zh', '客户已有站点 huaxin.atlassian.net。年度报价，标准版，300 用户', 300],
    ['en', 'renewal for the cloud site tallis.atlassian.net, 200 users', 200],
  ];
  for (const [lang, text, tier] of cases) {
    it(`${lang}: "${text}" keeps the site and the ${tier} after it`, () => {
      const { slots } = extractQuoteSlots(text, lang, { now });
      assert.ok(slots.siteUrl?.includes('.atlassian.net'), JSON.stringify(slots));
      assert.equal(slots.tier, tier, JSON.stringify(slots));
    });
  }
  it('a page of the site stays one word ("https://x.atlassian.net/wiki/spaces/OPS" holds no count)', () => {
    const { slots } = extractQuoteSlots('renew https://ops-team.atlassian.net/wiki/spaces/OPS50 please', 'en', { now });
    assert.equal(slots.tier, undefined);
  });
});

describe('a renewal never filed without its term or its tier (Q10-2, Q10-4)', () => {
  it('a DC renewal with no years said takes the kind default of 1 year; one said is kept', () => {
    assert.deepEqual(defaultsFor('dc-renewal', {}), { maintenanceYears: 1 });
    assert.deepEqual(defaultsFor('dc-renewal', { maintenanceYears: 3 }), {});
    assert.deepEqual(defaultsFor('dc-new', {}), {});
  });
  it('a cloud renewal with no tier says so before the summary; the tier stays unasked', () => {
    assert.deepEqual(unsaidSlots('cloud-renewal', {}), ['tier']);
    assert.deepEqual(unsaidSlots('cloud-renewal', { tier: 250 }), []);
    assert.ok(!missingSlots('cloud-renewal', {}).includes('tier'));
  });
});

describe('shorthands: years, products, users (Q10-4)', () => {
  const years: Array<[Lang, string, number]> = [
    ['en', '1yr', 1],
    ['en', '1 yr', 1],
    ['en', '2yrs', 2],
    ['en', 'renewal of the bbkt DC, 3yrs pls', 3],
    ['fr', '2ans de maintenance', 2],
  ];
  for (const [lang, text, n] of years) {
    it(`${lang}: "${text}" is ${n} year(s)`, () => {
      assert.equal(findMaintenanceYears(text, lang), n);
      assert.deepEqual(validateMaintenanceYears(text, lang), { ok: true, value: n });
    });
  }
  it('a year number glued to nothing is no duration ("2027yr")', () => {
    assert.equal(findMaintenanceYears('ends 2027yr', 'en'), undefined);
  });
  const products: Array<[string, string]> = [
    ['conf', 'confluence'],
    ['Conf DC', 'confluence'],
    ['jira sw', 'jira'],
    ['bbkt', 'bitbucket'],
    ['JSM', 'jira-service-management'],
  ];
  for (const [text, id] of products) {
    it(`"${text}" at the product prompt is ${id}`, () => {
      assert.deepEqual(validateProduct(text, 'en', { deployment: 'data-center' }), { ok: true, value: [id] });
    });
  }
  it('shorthands are whole words: "confirm the configuration" names no product', () => {
    assert.equal(validateProduct('please confirm the configuration', 'en').ok, false);
  });
  it('"renewl for conf DC, SEN-…, 800 usrs, 2yrs" opens a DC renewal with product, count and years', () => {
    const request = detectQuoteRequest('renewl for conf DC, SEN-L7712034, 800 usrs, 2yrs, thx', 'en', now);
    assert.equal(request?.kind, 'dc-renewal');
    assert.deepEqual(request?.slots?.product, ['confluence']);
    assert.equal(request?.slots?.maintenanceYears, 2);
    // A DC renewal holds no tier: the count, rounded to a Data Center tier, goes to the notes.
    assert.equal(request?.slots?.tier, 1000);
  });
});

describe('a new subscription said with words between (Q10-7)', () => {
  const cases: Array<[Lang, string]> = [
    ['en', 'our customer needs a new Confluence Cloud Premium subscription for 250 users, site will be fenwick-labs.atlassian.net'],
    ['fr', 'il faut un nouvel abonnement Jira Cloud Standard, 150 utilisateurs, site souhaité valmont.atlassian.net'],
    ['zh', '客户要一个新的 Jira 云订阅报价，高级版，200用户'],
    ['zh', '新的 Jira 云订阅，高级版，200用户'],
    // A quote said new, no site (QA11 F37).
    ['fr', 'devis cloud nouveau : Jira Standard, cent cinquante utilisateurs'],
    ['en', 'new cloud quote please, Confluence Premium 300 users'],
    ['zh', '要一个新的云报价，Confluence 标准版，80用户'],
  ];
  for (const [lang, text] of cases) {
    it(`${lang}: "${text}" is a new cloud subscription`, () => {
      assert.equal(detectQuoteRequest(text, lang, now)?.kind, 'cloud-new');
    });
  }
  const notNew: Array<[Lang, string, string]> = [
    ['en', 'please renew the Jira subscription of drayton.atlassian.net, 100 users', 'cloud-renewal'],
    ['en', 'annual quote for their existing site drayton.atlassian.net, the new subscription year starts in May', 'cloud-existing'],
  ];
  for (const [lang, text, kind] of notNew) {
    it(`${lang}: "${text}" stays ${kind}`, () => {
      assert.equal(detectQuoteRequest(text, lang, now)?.kind, kind);
    });
  }
});

describe('an upgrade answer at the SEN prompt (Q10-9)', () => {
  const dcUpgrade = toDraft({ kind: 'dc-upgrade', slots: {} });
  const cases: Array<[Lang, string, string, number, number]> = [
    ['fr', "SEN-L4410298, c'est un JSM DC chez le client, ils passent de 100 à 1000 agents", 'jira-service-management', 100, 1000],
    ['en', 'SEN-L4410298, their Confluence DC, going from 500 to 2000 users', 'confluence', 500, 2000],
    ['zh', 'SEN-L4410298，是客户的Bitbucket DC，从500用户升级到1000用户', 'bitbucket', 500, 1000],
  ];
  for (const [lang, text, product, from, to] of cases) {
    it(`${lang}: product, target ${to}, current ${from} as a fact, no edition`, () => {
      const reading = read(dcUpgrade, 'sen', text, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      if (reading.type !== 'answer') return;
      assert.deepEqual(reading.slots.product, [product]);
      assert.equal(reading.slots.tier, to);
      assert.equal(reading.slots.edition, undefined, JSON.stringify(reading.slots));
      assert.deepEqual(reading.draft.facts, [{ key: 'quoteDialog:opening.currentTier', params: { count: from } }]);
      assert.ok(reading.notices.some((n) => n.key === 'quoteDialog:changed.currentTierAdded'), JSON.stringify(reading.notices));
    });
  }
  it('a cloud upgrade opening keeps the current edition and tier as facts', () => {
    const request = detectQuoteRequest('our customer has a Jira cloud site at corvid.atlassian.net on Standard with 50 users and wants to move to Premium and up to 100 users', 'en', now);
    assert.equal(request?.kind, 'cloud-upgrade');
    assert.equal(request?.slots?.edition, 'premium');
    assert.deepEqual(request?.facts, [
      { key: 'quoteDialog:opening.currentTier', params: { count: 50 } },
      { key: 'quoteDialog:opening.currentEdition', params: { edition: 'standard' } },
    ]);
  });
  const kept: Array<[Lang, string, number]> = [
    ['zh', '客户的Confluence云站点 qinghe.atlassian.net 目前是标准版，想升级到高级版，用户数保持 300', 300],
    ['en', 'upgrade the Confluence cloud site qinghe.atlassian.net from Standard to Premium, users stay at 300', 300],
    ['fr', 'mise à niveau du site cloud Confluence qinghe.atlassian.net de Standard à Premium, le nombre d\'utilisateurs reste à 300', 300],
  ];
  for (const [lang, text, tier] of kept) {
    it(`${lang}: a count said to stay the same is the upgrade's tier, and Standard its current edition`, () => {
      const request = detectQuoteRequest(text, lang, now);
      assert.equal(request?.kind, 'cloud-upgrade');
      assert.equal(request?.slots?.tier, tier, JSON.stringify(request?.slots));
      assert.equal(request?.slots?.edition, 'premium');
      assert.deepEqual(request?.facts, [{ key: 'quoteDialog:opening.currentEdition', params: { edition: 'standard' } }]);
    });
  }
  it('a cloud upgrade at a prompt: "目前是标准版" is the current edition, kept once', () => {
    const cloudUpgrade = toDraft({ kind: 'cloud-upgrade', slots: { siteUrl: 'https://corvid.atlassian.net' } });
    const reading = read(cloudUpgrade, 'product', 'Confluence，目前是标准版，要升级到高级版', 'zh');
    assert.equal(reading.type, 'answer');
    if (reading.type !== 'answer') return;
    assert.deepEqual(reading.draft.facts, [{ key: 'quoteDialog:opening.currentEdition', params: { edition: 'standard' } }]);
    const again = read({ ...cloudUpgrade, facts: reading.draft.facts ?? [] }, 'product', 'Confluence，目前是标准版，要升级到高级版', 'zh');
    assert.ok(again.type === 'answer' && again.draft.facts === undefined, JSON.stringify(again));
  });
});

describe('a co-term target after per-licence end dates (Q10-10)', () => {
  const cases: Array<[Lang, string, string]> = [
    ['en', 'Jira DC SEN-L5120001 (ends 3 Feb 2027) and Confluence DC SEN-L5120002 (ends 9 Jul 2027). They want both co-termed to 9 Jul 2027.', '2027-07-09'],
    ['en', 'SEN-L5120001 expires 3 Feb 2027, SEN-L5120002 expires 9 Jul 2027; please co-term them to 31 Dec 2027', '2027-12-31'],
    ['fr', "SEN-L5120001 (échéance 03/02/2027) et SEN-L5120002 (échéance 09/07/2027), à harmoniser au 09/07/2027", '2027-07-09'],
  ];
  for (const [lang, text, date] of cases) {
    it(`${lang}: "${text.slice(0, 50)}…" targets ${date}, each licence's end stays a current end`, () => {
      const request = detectQuoteRequest(text, lang, now);
      assert.equal(request?.kind, 'coterm');
      assert.equal(request?.slots?.targetDate, date);
      assert.equal(request?.facts?.filter((f) => f.key === 'quoteDialog:opening.currentEnd').length, 2);
    });
  }
});

describe('monthly said with other facts (Q10-11)', () => {
  const cloudNew = toDraft({ kind: 'cloud-new', slots: {} });
  const cases: Array<[Lang, string]> = [
    ['en', 'Lena Brook, Halyard IT, lena.brook@halyard-it.example. Confluence Premium, 60 users, billed monthly please, end customer Marlow Foods Ltd'],
    ['fr', 'Lena Brook, Halyard IT, lena.brook@halyard-it.example. Confluence Premium, 60 utilisateurs, facturé au mois, client final Marlow Foods SAS'],
    ['zh', '我是Halyard IT的Lena Brook，lena.brook@halyard-it.example。Confluence 高级版，60个用户，按月付费，最终用户单位是马洛食品有限公司'],
  ];
  for (const [lang, text] of cases) {
    it(`${lang}: the rule is said and the rest of the message is kept`, () => {
      const reading = read(cloudNew, 'resellerName', text, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      if (reading.type !== 'answer') return;
      assert.equal(reading.notices[0]?.key, 'quote:rule.annualCloudOnly');
      assert.equal(reading.slots.resellerEmail, 'lena.brook@halyard-it.example');
      assert.deepEqual(reading.slots.product, ['confluence']);
      assert.equal(reading.slots.edition, 'premium');
      assert.equal(reading.slots.tier, 75);
    });
  }
  it('a monthly question alone is still refused with the rule', () => {
    assert.deepEqual(read(cloudNew, 'resellerName', 'can it be paid monthly?', 'en'), { type: 'refused', reason: { key: 'quote:rule.annualCloudOnly' }, rule: true });
  });
});

describe('rounding notices in agents for JSM (Q10-19)', () => {
  it('40 agents on cloud JSM: the notice is worded in agents', () => {
    const tier = toTier(40, { deployment: 'cloud', productId: 'jira-service-management' }, 'agents');
    assert.deepEqual(tier, { ok: true, value: 50, notice: { key: 'quote:notice.tierRounded', params: { count: 40, tier: 50, context: 'agents' } } });
    const t = createI18n().getFixedT('en');
    assert.match(t(tier.ok ? tier.notice!.key : '', tier.ok ? tier.notice!.params : {}), /40 agents .* 50 agents/u);
  });
  it('users on Jira keep the users wording', () => {
    assert.deepEqual(toTier(40, { deployment: 'cloud', productId: 'jira' }), { ok: true, value: 50, notice: { key: 'quote:notice.tierRounded', params: { count: 40, tier: 50 } } });
  });
});
