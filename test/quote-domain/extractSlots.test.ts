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
