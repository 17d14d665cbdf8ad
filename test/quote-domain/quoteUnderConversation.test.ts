import assert from 'node:assert/strict';
import { fitItemTiers, tiersPerProduct } from '../../dialogs/quote/orderItems.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * Tester round 11 (issue 10, quote10i): quote answers as typed in a real conversation. From tables,
 * no bot; the same through the HTTP server in test/quote-dialogs/quoteUnderConversation.test.ts.
 */

const now = new Date('2026-12-03T10:00:00Z');

describe('a count per product, whichever comes first (qa11 F25, F36)', () => {
  const cases: Array<[Lang, string, Record<string, number>]> = [
    ['en', 'Jira + JSM, premium, 150 users jira and 12 agents jsm', { jira: 150, 'jira-service-management': 12 }],
    ['en', 'Bitbucket DC 100 users + Jira DC 1000 users', { bitbucket: 100, jira: 1000 }],
    ['en', 'jira 2,500 users + confluence 1k users', { jira: 2500, confluence: 1000 }],
    ['fr', 'Jira et JSM, 300 utilisateurs pour Jira et 40 agents pour JSM', { jira: 300, 'jira-service-management': 40 }],
    ['zh', 'Jira 和 JSM，Jira 300 个用户，JSM 40 个坐席', { jira: 300, 'jira-service-management': 40 }],
    ['en', 'Jira and Confluence, 500 users', {}],
  ];
  for (const [lang, text, tiers] of cases) {
    it(`${lang}: "${text}"`, () => assert.deepEqual(tiersPerProduct(text, lang), tiers));
  }

  it('each product is rounded to its own tiers, the notice in its unit', () => {
    const { tiers, notices } = fitItemTiers({ jira: 200, 'jira-service-management': 30 }, 'cloud');
    assert.deepEqual(tiers, { jira: 200, 'jira-service-management': 35 });
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.key, 'quote:notice.tierRounded');
    assert.equal(notices[0]!.params?.context, 'agents');
  });

  it('an opening with "jira 1,500 users" on Data Center files the tier it announces', () => {
    const request = detectQuoteRequest('quote for a new DC licence: jira 1,500 users + confluence 1k users, 2 yrs', 'en', now);
    assert.deepEqual(request?.itemTiers, { jira: 2000, confluence: 1000 });
    assert.equal(request?.notices?.filter((n) => n.key === 'quote:notice.tierRounded').length, 1);
  });
});
