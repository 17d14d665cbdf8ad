import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import { findUserCounts } from '../../dialogs/validators/userCount.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * What a message at any prompt holds beyond the answer asked (black-box round 10): a count
 * named by its label ("用户数是120个，不要150"), a tier per product ("Jira = 75 users,
 * Confluence = 100 users" at the address prompt). From tables, no bot.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked, text, lang, now, lexicon });

const dcJira = toDraft({ kind: 'dc-new', slots: { product: ['jira'], tier: 2000 }, answered: ['product', 'tier'] });
const cloudTwo = toDraft({ kind: 'cloud-new', slots: { product: ['jira', 'confluence'], tier: 50, resellerName: 'Ann Lee', resellerEmail: 'ann@resell.example' } });

describe('user counts named by their label', () => {
  const cases: Array<[Lang, string, number]> = [
    ['zh', '用户数是120个，不要150', 120],
    ['zh', '用户数改成 300', 300],
    ['zh', '用户数量为2000', 2000],
    ['en', 'the user count is 3000', 3000],
    ['en', 'number of users should be 1000', 1000],
    ['fr', "le nombre d'utilisateurs est de 3000", 3000],
  ];
  for (const [lang, text, value] of cases) {
    it(`${lang}: "${text}" is a count of ${value}`, () => {
      const count = findUserCounts(text, lang).find((c) => c.value === value);
      assert.ok(count?.withUnit && count.labelled, JSON.stringify(findUserCounts(text, lang)));
    });
  }
  it('a number after a non-unit word is no labelled count', () => {
    assert.ok(!findUserCounts('commande numéro est 300', 'fr').some((c) => c.labelled));
  });

  const corrections: Array<[Lang, SlotName, string, number]> = [
    ['zh', 'maintenanceYears', '用户数改成 3000', 3000],
    ['zh', 'resellerName', '用户数是1000个，不要2000', 1000],
    ['en', 'resellerName', 'the user count is 3000, not 2000', 3000],
    ['fr', 'billingAddress', "le nombre d'utilisateurs est de 1000, pas 2000", 1000],
  ];
  for (const [lang, asked, text, tier] of corrections) {
    it(`${lang} at ${asked}: "${text}" corrects the tier, nothing else`, () => {
      const r = read(dcJira, asked, text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      assert.deepEqual(r.type === 'correction' && r.slots, { tier });
    });
  }
  it('zh: a count below the smallest Data Center tier is said, never filed as an address', () => {
    const r = read(toDraft({ kind: 'dc-new', slots: { product: ['jira'], tier: 500 } }), 'maintenanceYears', '用户数是120个，不要150', 'zh');
    assert.equal(r.type, 'correction', JSON.stringify(r));
    if (r.type !== 'correction') return;
    assert.deepEqual(r.slots, {});
    assert.deepEqual(r.notices.map((n) => n.key), ['quote:notice.tierMinimum']);
  });
});

describe('a tier per product at any prompt', () => {
  const cases: Array<[Lang, SlotName, string]> = [
    ['en', 'billingAddress', 'Jira = 75 users, Confluence = 100 users'],
    ['fr', 'billingAddress', 'Jira = 75 utilisateurs, Confluence = 100 utilisateurs'],
    ['zh', 'billingAddress', 'Jira 75个用户，Confluence 100个用户'],
    ['en', 'endUserName', 'Jira 75 users and Confluence 100 users'],
  ];
  for (const [lang, asked, text] of cases) {
    it(`${lang} at ${asked}: "${text}" sets each product's tier, and is no ${asked}`, () => {
      const r = read(cloudTwo, asked, text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type !== 'correction') return;
      assert.deepEqual(r.draft.itemTiers, { jira: 75, confluence: 100 });
      assert.deepEqual(r.changes.map((c) => [c.product, c.to]), [['jira', 75], ['confluence', 100]]);
      assert.ok(!(asked in r.slots));
    });
  }
  it('an address with a product-like street name is still the address', () => {
    const r = read(cloudTwo, 'billingAddress', '12 Jira Road, 75001 Paris', 'en');
    assert.equal(r.type, 'answer');
  });
});

describe('"can I come back later?" inside a form', () => {
  const cases: Array<[Lang, string]> = [
    ['fr', 'je peux revenir plus tard ?'],
    ['fr', 'on peut finir ça plus tard ?'],
    ['en', 'can I come back later?'],
    ['en', 'can I finish this later'],
    ['zh', '我可以晚点再来吗？'],
    ['zh', '明天再填可以吗'],
  ];
  for (const [lang, text] of cases) {
    it(`${lang}: "${text}" is answered as the draft kept, not as a question for the FAQ`, () => {
      for (const asked of ['resellerName', 'billingAddress', 'tier', 'confirm'] as const) assert.equal(read(dcJira, asked, text, lang).type, 'comeBackLater', asked);
    });
  }
  it('"later" alone at a prompt is still "I don\'t know"', () => {
    assert.equal(read(dcJira, 'billingAddress', 'later', 'en').type, 'dontKnow');
  });
});

describe('a Data Center purchase said without "quote"', () => {
  const quotes: Array<[Lang, string, string, number]> = [
    ['fr', 'On a un client qui veut passer sur Confluence Data Center pour 3000 utilisateurs sur 2 ans', 'confluence', 3000],
    ['fr', 'Le client part sur Jira Data Center, 1000 utilisateurs', 'jira', 1000],
    ['en', 'Our customer is moving to Confluence Data Center, 3000 users, 2 years', 'confluence', 3000],
    ['zh', '客户想迁移到Confluence数据中心，3000个用户', 'confluence', 3000],
  ];
  for (const [lang, text, product, tier] of quotes) {
    it(`${lang}: "${text}" starts a Data Center quote, prefilled`, () => {
      const r = detectQuoteRequest(text, lang, now);
      assert.equal(r?.kind, 'dc-new', JSON.stringify(r));
      assert.deepEqual(r?.slots?.product, [product]);
      assert.equal(r?.slots?.tier, tier);
    });
  }
  const faq: Array<[Lang, string]> = [
    ['fr', 'comment commander une licence Data Center ?'],
    ['fr', 'comment passer sur Confluence Data Center pour 3000 utilisateurs ?'],
    ['fr', 'mon client veut passer sur Jira'],
    ['en', 'how do I move to Data Center with 3000 users?'],
    ['zh', '怎么迁移到数据中心？'],
  ];
  for (const [lang, text] of faq) {
    it(`${lang}: "${text}" stays a question for the FAQ`, () => {
      assert.equal(detectQuoteRequest(text, lang, now), undefined);
    });
  }
});

describe('a how-to question that holds SENs', () => {
  const i18n = createI18n();
  const HOW: Array<[Lang, string]> = [
    ['zh', '我有两个SEN，SEN-L1234567和SEN-L7654321，怎么做条款关联？'],
    ['en', 'how do I co-term SEN-L1234567 and SEN-L7654321?'],
    ['fr', 'comment harmoniser les échéances de SEN-L1234567 et SEN-L7654321 ?'],
  ];
  for (const [lang, text] of HOW) {
    it(`${lang}: "${text}" is for the FAQ, and the prefilled button starts the co-term with both SENs`, () => {
      assert.equal(detectQuoteRequest(text, lang, now), undefined);
      const button = i18n.getFixedT(lang)('faq:action.quoteSens.coterm', { sens: 'SEN-L1234567, SEN-L7654321' });
      const started = detectQuoteRequest(button, lang, now);
      assert.equal(started?.kind, 'coterm', button);
      assert.deepEqual(started?.slots?.sen, ['SEN-L1234567', 'SEN-L7654321']);
    });
  }
  it('a request worded as a question with SENs is still a request', () => {
    assert.equal(detectQuoteRequest('can you co-term SEN-L1234567 and SEN-L7654321 to 31 March 2027?', 'en', now)?.kind, 'coterm');
    assert.equal(detectQuoteRequest('续订 SEN-L1234567', 'zh', now)?.kind, 'dc-renewal');
  });
  it('the renewal button with a SEN starts a Data Center renewal', () => {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const button = i18n.getFixedT(lang)('faq:action.quoteSens.dc-renewal', { sens: 'SEN-L1234567' });
      assert.equal(detectQuoteRequest(button, lang, now)?.kind, 'dc-renewal', button);
    }
  });
});
