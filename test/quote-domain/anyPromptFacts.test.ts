import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import { promptKey } from '../../dialogs/validators/quoteKinds.js';
import { findUserCounts } from '../../dialogs/validators/userCount.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import { validateTier } from '../../dialogs/validators/tier.js';
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

describe('Jira Service Management counts agents', () => {
  const said: Array<[Lang, string, 'users' | 'agents' | undefined]> = [
    ['en', '200 users', 'users'],
    ['en', '200 agents', 'agents'],
    ['fr', '200 utilisateurs', 'users'],
    ['fr', '200 agents', 'agents'],
    ['zh', '200个用户', 'users'],
    ['zh', '200个坐席', 'agents'],
    ['en', '200 people', undefined],
  ];
  for (const [lang, text, unit] of said) {
    it(`${lang}: "${text}" is said in ${unit ?? 'no named unit'}`, () => {
      assert.equal(findUserCounts(text, lang)[0]?.unit, unit);
    });
  }
  it('users for JSM are taken as agents, and said; agents or another product say nothing', () => {
    const jsm = { deployment: 'cloud' as const, productId: 'jira-service-management' };
    const users = validateTier('30 users', 'en', jsm);
    assert.ok(users.ok && users.value === 35 && users.notice?.key === 'quote:notice.agentsNotUsers', JSON.stringify(users));
    const agents = validateTier('30 agents', 'en', jsm);
    assert.ok(agents.ok && agents.notice?.key !== 'quote:notice.agentsNotUsers', JSON.stringify(agents));
    const jira = validateTier('30 users', 'en', { deployment: 'cloud', productId: 'jira' });
    assert.ok(jira.ok && jira.notice?.key !== 'quote:notice.agentsNotUsers', JSON.stringify(jira));
  });
  it('an opening with JSM and users carries the notice', () => {
    for (const [lang, text] of [
      ['en', 'I need a quote for a new Jira Service Management Data Center license, 200 users'],
      ['fr', 'devis pour une nouvelle licence Jira Service Management Data Center, 200 utilisateurs'],
      ['zh', '我需要Jira Service Management数据中心新许可证的报价，200个用户'],
    ] as const) {
      assert.ok(detectQuoteRequest(text, lang, now)?.notices?.some((n) => n.key === 'quote:notice.agentsNotUsers'), text);
    }
  });
  it('a correction in users at another prompt is taken as agents, and said', () => {
    const draft = toDraft({ kind: 'cloud-new', slots: { product: ['jira-service-management'], tier: 35 } });
    const r = read(draft, 'resellerName', 'en fait 60 utilisateurs', 'fr');
    assert.equal(r.type, 'correction', JSON.stringify(r));
    if (r.type !== 'correction') return;
    assert.equal(r.slots.tier, 75);
    assert.ok(r.notices.some((n) => n.key === 'quote:notice.agentsNotUsers'));
  });
});

describe('a cloud upgrade and its target edition', () => {
  const upgrade = toDraft({
    kind: 'cloud-upgrade',
    slots: { siteUrl: 'https://acme.atlassian.net', authorizedContactName: 'Bob Smith', authorizedContactEmail: 'bob@acme.example', product: ['jira'], tier: 200, resellerName: 'Ann Lee', resellerEmail: 'ann@resell.example' },
  });
  it('the tier prompt asks the target edition too, and reads both', () => {
    assert.equal(promptKey('cloud-upgrade', 'tier'), 'quote:ask.tierUpgradeCloud');
    const open = toDraft({ kind: 'cloud-upgrade', slots: { siteUrl: 'https://acme.atlassian.net', product: ['jira'] } });
    for (const [lang, text] of [['en', '250, Premium'], ['fr', '250 utilisateurs en Premium'], ['zh', '250，高级版']] as const) {
      const r = read(open, 'tier', text, lang);
      assert.ok(r.type === 'answer' && r.slots.tier === 250 && r.slots.edition === 'premium', `${text}: ${JSON.stringify(r)}`);
    }
    const count = read(open, 'tier', '250', 'en');
    assert.ok(count.type === 'answer' && count.slots.edition === undefined);
  });
  const named: Array<[Lang, SlotName, string]> = [
    ['en', 'confirm', 'edition Premium'],
    ['en', 'confirm', 'Premium edition please'],
    ['fr', 'confirm', 'édition Premium'],
    ['zh', 'confirm', '升级到Premium版'],
    ['en', 'resellerName', 'edition Premium'],
    ['fr', 'resellerEmail', 'édition Premium'],
  ];
  for (const [lang, asked, text] of named) {
    it(`${lang} at ${asked}: "${text}" sets the edition without a correction word`, () => {
      const r = read({ ...upgrade, slots: { ...upgrade.slots, edition: 'standard' } }, asked, text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      assert.deepEqual(r.type === 'correction' && r.slots, { edition: 'premium' });
    });
  }
  it('a question about an edition, or the current one, changes nothing', () => {
    assert.equal(read(upgrade, 'confirm', 'is Premium more expensive?', 'en').type, 'question');
    const current = read(upgrade, 'confirm', "they're currently on Standard", 'en');
    assert.ok(current.type !== 'correction', JSON.stringify(current));
  });
});

describe('a contact named by role with an email, at any prompt', () => {
  const base = toDraft({ kind: 'dc-new', slots: { product: ['jira'], tier: 1000, maintenanceYears: 2, resellerName: 'Ann Lee', resellerEmail: 'ann@resell.example', resellerCompany: 'Resell SARL' } });
  const withContact = { ...base, slots: { ...base.slots, technicalContactName: 'Bob Stone', technicalContactEmail: 'bob@stone.example' } };
  const cases: Array<[Lang, string, string, string]> = [
    ['fr', 'le contact technique est Paul Durand. son email est paul@durand.example', 'Paul Durand', 'paul@durand.example'],
    ['zh', '技术联系人是周凯，邮箱 kevin@zhou.example', '周凯', 'kevin@zhou.example'],
    ['en', 'Technical contact is Kevin Zhou, kevin@zhou.example', 'Kevin Zhou', 'kevin@zhou.example'],
  ];
  for (const [lang, text, name, email] of cases) {
    for (const [asked, draft] of [['technicalContactName', base], ['billingAddress', withContact], ['resellerName', toDraft({ kind: 'dc-new', slots: { product: ['jira'], tier: 1000 } })]] as const) {
      it(`${lang} at ${asked}: "${text}" sets the name and the email, both said`, () => {
        const r = read(draft, asked, text, lang);
        assert.ok(r.type === 'answer' || r.type === 'correction', JSON.stringify(r));
        if (r.type !== 'answer' && r.type !== 'correction') return;
        assert.equal(r.slots.technicalContactName, name, JSON.stringify(r));
        assert.equal(r.slots.technicalContactEmail, email, JSON.stringify(r));
        assert.deepEqual(new Set(r.changes.map((c) => c.slot)), new Set(['technicalContactName', 'technicalContactEmail']));
      });
    }
  }
});

describe('a long answer at the first prompt takes all it holds', () => {
  const empty = toDraft({ kind: 'dc-new' });
  const cases: Array<[Lang, string, Record<string, unknown>]> = [
    ['en', 'Jira Software DC, 2000 users, 3 years, end customer Acme GmbH, tech contact Anna Berg anna@acme.example', { product: ['jira'], tier: 2000, maintenanceYears: 3, endUserOrganization: 'Acme GmbH', technicalContactName: 'Anna Berg', technicalContactEmail: 'anna@acme.example' }],
    ['fr', 'Confluence DC, 1000 utilisateurs, 2 ans, client final Durand SA, contact technique Paul Durand paul@durand.example', { product: ['confluence'], tier: 1000, maintenanceYears: 2, endUserOrganization: 'Durand SA', technicalContactName: 'Paul Durand', technicalContactEmail: 'paul@durand.example' }],
    ['zh', 'Jira数据中心，2000用户，3年维护，最终客户是上海云图科技，技术联系人周凯 kevin@zhou.example', { product: ['jira'], tier: 2000, maintenanceYears: 3, endUserOrganization: '上海云图科技', technicalContactName: '周凯', technicalContactEmail: 'kevin@zhou.example' }],
  ];
  for (const [lang, text, expected] of cases) {
    it(`${lang}: every field of "${text.slice(0, 30)}…" is taken and said, the product included`, () => {
      const r = read(empty, 'product', text, lang);
      assert.equal(r.type, 'answer', JSON.stringify(r));
      if (r.type !== 'answer') return;
      for (const [slot, value] of Object.entries(expected)) assert.deepEqual(r.slots[slot as SlotName], value, slot);
      assert.deepEqual(new Set(r.changes.map((c) => c.slot)), new Set(Object.keys(expected)));
    });
  }
  it('a short answer is only the answer', () => {
    const r = read(empty, 'product', 'Jira', 'en');
    assert.ok(r.type === 'answer' && r.changes.length === 0, JSON.stringify(r));
  });
});
