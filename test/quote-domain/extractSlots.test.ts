import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import './warmUp.js';
import type { Lang } from '../../knowledge/lang.js';
import { isSlotName, type QuoteKind } from '../../knowledge/quoteTypes.js';
import { extractQuoteSlots } from '../../dialogs/validators/extractSlots.js';
import { detectQuoteIntent } from '../../dialogs/validators/quoteIntent.js';
import { deploymentOf, missingSlots, slotsOf } from '../../dialogs/validators/quoteKinds.js';
import { validateSlot } from '../../dialogs/validators/slotValidators.js';

const now = new Date('2026-11-22T10:00:00Z');

describe('one-sentence prefill', () => {
  const examples: [Lang, string, QuoteKind | undefined, Record<string, unknown>][] = [
    ['fr', 'je voudrais un devis Confluence Data Center pour 2000 utilisateurs', 'dc-new', { product: ['confluence'], tier: 2000 }],
    ['zh', '续订 SEN-L1234567', 'dc-renewal', { sen: ['SEN-L1234567'] }],
    ['en', 'quote for acme.atlassian.net', 'cloud-existing', { siteUrl: 'https://acme.atlassian.net' }],
    ['en', "We need to upgrade our customer's Jira Data Center from 1000 to 2000 users", 'dc-upgrade', { product: ['jira'], tier: 2000 }],
    ['fr', "Bonjour, je dois renouveler l'abonnement Cloud annuel d'un client", 'cloud-renewal', {}],
    ['zh', '你好，我要给客户续订Jira数据中心许可证', 'dc-renewal', { product: ['jira'] }],
    ['fr', 'Je souhaite harmoniser les échéances de SEN-L1234567 et SEN-L7654321 au 15 mars 2027', 'coterm', { sen: ['SEN-L1234567', 'SEN-L7654321'], targetDate: '2027-03-15' }],
    ['zh', '我们要把Jira数据中心从1000升级到2000用户，技术联系人 liu@minghua.cn', 'dc-upgrade', { product: ['jira'], tier: 2000, technicalContactEmail: 'liu@minghua.cn' }],
    ['fr', 'Devis Jira Cloud Premium pour environ 600 utilisateurs, mon e-mail : p.girard@numeriq.fr', 'cloud-existing', { product: ['jira'], edition: 'premium', tier: 600, resellerEmail: 'p.girard@numeriq.fr' }],
    ['en', 'Our customer has no site yet, they need Jira and Confluence cloud for 250 users', 'cloud-new', { product: ['jira', 'confluence'], tier: 250 }],
    ['fr', 'Devis pour Jira Data Center, 3000 utilisateurs, 3 ans de maintenance', 'dc-new', { product: ['jira'], tier: 3000, maintenanceYears: 3 }],
    ['en', 'Upgrade the cloud site acme.atlassian.net to 500 users', 'cloud-upgrade', { siteUrl: 'https://acme.atlassian.net', tier: 500 }],
  ];
  for (const [lang, text, kind, slots] of examples) {
    it(`${lang}: "${text}" → ${kind}`, () => {
      const result = extractQuoteSlots(text, lang, { now });
      assert.equal(result.kind, kind);
      assert.deepEqual(result.slots, slots);
    });
  }

  // Articles and pronouns are not user counts; durations in words fill maintenance years.
  const numbers: [Lang, string, Record<string, unknown>][] = [
    ['fr', 'Il me faudrait un devis pour une nouvelle licence Jira Software Data Center pour un client', { product: ['jira'] }],
    ['en', 'We need a Data Center quote for one of our clients, a customer in retail, Jira', { product: ['jira'] }],
    ['zh', '你好，我想给一家客户报一个Jira Software Data Center的新许可证', { product: ['jira'] }],
    ['zh', '你好，我想给一家客户报一个Jira Software Data Center的新许可证，维护两年', { product: ['jira'], maintenanceYears: 2 }],
    ['fr', 'Devis Confluence Data Center, deux ans de maintenance, 2 000 utilisateurs', { product: ['confluence'], tier: 2000, maintenanceYears: 2 }],
    ['fr', 'Devis Jira Data Center, trois années de maintenance', { product: ['jira'], maintenanceYears: 3 }],
    ['en', 'New Jira Data Center licence, two years of maintenance', { product: ['jira'], maintenanceYears: 2 }],
    ['zh', 'Jira 数据中心 三年维护 2000用户', { product: ['jira'], tier: 2000, maintenanceYears: 3 }],
    ['zh', '续两年 Jira 数据中心 SEN-L1234567', { sen: ['SEN-L1234567'], product: ['jira'], maintenanceYears: 2 }],
    ['fr', 'client depuis 3 ans, devis Jira Data Center 1000 utilisateurs', { product: ['jira'], tier: 1000 }],
    // A numbered list's item numbers are no counts; a unit label before a number is its unit.
    ['zh', '请帮忙出一份数据中心升级报价：\n1. 产品：Confluence数据中心版\n2. 现有：500用户\n3. 升级到：1000用户\n4. SEN：SEN-L7712004', { sen: ['SEN-L7712004'], product: ['confluence'], tier: 1000 }],
    ['en', 'New Jira Data Center licence\n- Users: twelve hundred\n- Maintenance: 2 years', { product: ['jira'], tier: 2000, maintenanceYears: 2 }],
    ['fr', "JSM Cloud : il a 10 agents et veut monter à une vingtaine d'agents", { product: ['jira-service-management'], tier: 20 }],
  ];
  for (const [lang, text, slots] of numbers) {
    it(`${lang}: "${text}" → ${JSON.stringify(slots)}`, () => assert.deepEqual(extractQuoteSlots(text, lang, { now }).slots, slots));
  }

  it('says when a count is rounded to a tier (50 users on Data Center → its smallest, 500)', () => {
    const result = extractQuoteSlots('jira data center 50个用户 新许可证', 'zh', { now });
    assert.equal(result.slots.tier, 500);
    assert.deepEqual(result.notices, [{ key: 'quote:notice.tierMinimum', params: { count: 50, tier: 500, deployment: 'data-center' } }]);
  });

  it('refuses a product in a deployment it is not sold in, with the reason', () => {
    const result = extractQuoteSlots('Devis pour une nouvelle licence Loom Data Center', 'fr', { now });
    assert.equal(result.slots.product, undefined);
    assert.equal(result.notices[0]?.key, 'quote:invalid.productDeployment');
  });

  it('takes names and companies after their role words, and each email by its owner', () => {
    const fr = extractQuoteSlots(
      "Je voudrais un devis Confluence Data Center, 2000 utilisateurs, 3 ans, contact technique Pierre Martin pierre.martin@acme.fr, moi c'est Julien Moreau de Softeam",
      'fr',
      { now },
    );
    assert.deepEqual(
      { ...fr.slots },
      { product: ['confluence'], tier: 2000, maintenanceYears: 3, technicalContactName: 'Pierre Martin', technicalContactEmail: 'pierre.martin@acme.fr', resellerName: 'Julien Moreau', resellerCompany: 'Softeam' },
    );
    const en = extractQuoteSlots("Hi, I'm Priya Sharma from Northgate Solutions (priya@northgate.co.uk), DC quote for my client Kestrel Logistics Ltd", 'en', { now });
    assert.equal(en.slots.resellerName, 'Priya Sharma');
    assert.equal(en.slots.resellerCompany, 'Northgate Solutions');
    assert.equal(en.slots.resellerEmail, 'priya@northgate.co.uk');
    assert.equal(en.slots.endUserOrganization, 'Kestrel Logistics Ltd');
    const zh = extractQuoteSlots('我是王磊，客户是晨光制药有限公司，技术联系人是刘芳 liufang@chenguang-pharma.cn，Jira 数据中心新许可证', 'zh', { now });
    assert.equal(zh.slots.resellerName, '王磊');
    assert.equal(zh.slots.endUserOrganization, '晨光制药有限公司');
    assert.equal(zh.slots.technicalContactName, '刘芳');
    assert.equal(zh.slots.technicalContactEmail, 'liufang@chenguang-pharma.cn');
  });

  it('a description of the company is not its name: "一家位于上海的合作伙伴", "a partner based in Lyon"', () => {
    const zh = extractQuoteSlots('我们公司是一家位于上海的合作伙伴，需要续订 SEN-L1234567', 'zh', { now });
    assert.equal(zh.slots.resellerCompany, undefined);
    const en = extractQuoteSlots('DC renewal for SEN-L1234567, for my client a retailer based in Lyon', 'en', { now });
    assert.equal(en.slots.endUserOrganization, undefined);
    const named = extractQuoteSlots('我们公司是上海华信科技有限公司，需要续订 SEN-L1234567', 'zh', { now });
    assert.equal(named.slots.resellerCompany, '上海华信科技有限公司');
  });

  it('keeps an email without a role word aside instead of guessing', () => {
    const result = extractQuoteSlots('Quote for acme.atlassian.net, contact julie@acme.fr', 'en', { now });
    assert.deepEqual(result.unassigned.emails, ['julie@acme.fr']);
    assert.equal(result.slots.resellerEmail, undefined);
  });

  it('does not run the date model when no date is expected (no date words)', () => {
    assert.equal(extractQuoteSlots('Devis Jira pour 500 utilisateurs', 'fr', { now }).slots.targetDate, undefined);
  });
});

describe('detectQuoteIntent', () => {
  it('tells quote requests from other questions', () => {
    assert.equal(detectQuoteIntent('How do I pay an unpaid invoice?', 'en').isQuote, false);
    assert.equal(detectQuoteIntent('Atlassian propose-t-il des remises ?', 'fr').isQuote, false);
    assert.equal(detectQuoteIntent('Bitbucket 续费', 'zh').isQuote, true);
    assert.equal(detectQuoteIntent('Bitbucket 续费', 'zh').action, 'renewal');
  });

  it('notices monthly billing and Server', () => {
    assert.equal(detectQuoteIntent('a monthly cloud subscription for Jira', 'en').billingCycle, 'monthly');
    assert.equal(detectQuoteIntent('我需要Jira Server新许可证', 'zh').deployment, 'server');
  });

  it('a renewal without deployment nor SEN has no kind yet (the dialog asks)', () => {
    const intent = detectQuoteIntent('je dois renouveler une licence', 'fr');
    assert.equal(intent.isQuote, true);
    assert.equal(intent.kind, undefined);
  });
});

interface Scenario {
  name: string;
  lang: Lang;
  open: string;
  slots: Record<string, string>;
}
// CI clones the repo with shared/ beside it; elsewhere the file may be absent.
const scenarioFile = new URL('../../../shared/checks/dev-quote-scenarios.json', import.meta.url);
const scenarios = existsSync(scenarioFile) ? (JSON.parse(readFileSync(scenarioFile, 'utf8')) as Scenario[]) : [];

describe('black-box dev scenarios (../shared/checks/dev-quote-scenarios.json)', () => {
  if (!scenarios.length) it.skip('needs ../shared/checks/dev-quote-scenarios.json beside the repository');
  for (const sc of scenarios) {
    it(`${sc.name}: the open line gives the kind, every asked slot accepts the scenario's answer`, () => {
      const expected = sc.name.replace(/^(fr|zh|en)-/, '') as QuoteKind;
      const extracted = extractQuoteSlots(sc.open, sc.lang, { now });
      assert.equal(extracted.kind, expected);
      const filled: Record<string, unknown> = { ...extracted.slots };
      // Every slot the dialog may ask for this kind must be answerable from the scenario.
      for (const slot of missingSlots(expected, filled)) assert.ok(slot in sc.slots, `${sc.name} would be asked ${slot}`);
      const deployment = deploymentOf(expected);
      for (const [slot, answer] of Object.entries(sc.slots)) {
        assert.ok(isSlotName(slot), slot);
        if (!slotsOf(expected).includes(slot) && slot !== 'confirm') continue;
        const productId = Array.isArray(filled.product) ? (filled.product[0] as string) : undefined;
        const result = validateSlot(slot, answer, sc.lang, { deployment, ...(productId && { productId }), now });
        assert.ok(result.ok, `${sc.name}: ${slot} "${answer}" refused: ${JSON.stringify(result)}`);
        filled[slot] = result.value;
      }
      assert.deepEqual(missingSlots(expected, filled), []);
    });
  }
});

describe('prefill pitfalls', () => {
  it('a new customer has no site yet: cloud-new', () => {
    assert.equal(extractQuoteSlots('quote for Jira cloud for a new customer, 50 users', 'en', { now }).kind, 'cloud-new');
    assert.equal(extractQuoteSlots('devis pour un nouveau client, Jira cloud 100 utilisateurs', 'fr', { now }).kind, 'cloud-new');
  });

  it('a count of licences is not a user tier', () => {
    assert.equal(extractQuoteSlots('Je veux harmoniser les échéances de deux licences au 15 mars 2027', 'fr', { now }).slots.tier, undefined);
    assert.equal(extractQuoteSlots('两个许可证统一到期日', 'zh', { now }).slots.tier, undefined);
  });
});
