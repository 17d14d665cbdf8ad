import assert from 'node:assert/strict';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * Two products with their own counts in an opening (QA11 F36): each count becomes a tier of
 * that product's deployment, and each rounding is said once. Before, the notice said 2000 while
 * the order line kept 1500, which Data Center does not sell.
 */
const now = new Date('2026-12-02T10:00:00Z');
const cases: Array<[Lang, string, Record<string, number>]> = [
  ['en', 'quote for a new DC licence: jira 1,500 users + confluence 1k users, 2 yrs', { jira: 2000, confluence: 1000 }],
  ['fr', 'devis nouvelle licence Data Center : Jira 1 500 utilisateurs et Confluence 700 utilisateurs, 1 an', { jira: 2000, confluence: 1000 }],
  ['zh', '新购数据中心许可证报价：Jira 1500用户，Confluence 1000用户，维护2年', { jira: 2000, confluence: 1000 }],
  ['en', 'new DC licence quote: Jira 700 users and JSM 30 agents, 1 year', { jira: 1000, 'jira-service-management': 50 }],
];

describe('per-product counts in an opening become tiers (QA11 F36)', () => {
  for (const [lang, text, tiers] of cases) {
    it(`${lang}: "${text.slice(0, 50)}…"`, () => {
      const request = detectQuoteRequest(text, lang, now);
      assert.deepEqual(request?.itemTiers, tiers);
      const rounded = (request?.notices ?? []).filter((n) => /tierRounded|tierMinimum/u.test(n.key));
      const counts = rounded.map((n) => n.params?.count);
      assert.equal(new Set(counts).size, counts.length, `each rounding said once: ${JSON.stringify(rounded)}`);
    });
  }
});
