import assert from 'node:assert/strict';
import { fitItemTiers, tiersPerProduct } from '../../dialogs/quote/orderItems.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import { isPlausibleOrganization } from '../../dialogs/validators/plausible.js';
import type { Lang } from '../../knowledge/lang.js';
import { saysCorrection } from '../../dialogs/quote/interpret/corrections.js';
import { findUserCounts, pickUserCount } from '../../dialogs/validators/userCount.js';
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

describe('a street address is never an organisation (qa11 F15, F27)', () => {
  const addresses: Array<[Lang, string]> = [
    ['zh', '杭州市西湖区文三路90号'],
    ['zh', '上海市徐汇区漕溪北路18号，200030，中国'],
    ['en', '40 Harbour Road'],
    ['en', 'Harbour Road'],
    ['fr', '5 avenue Foch'],
  ];
  for (const [lang, value] of addresses) it(`${lang}: "${value}" is an address`, () => assert.equal(isPlausibleOrganization(value, lang), false));
  const names: Array<[Lang, string]> = [
    ['en', '3M'],
    ['en', '37signals'],
    ['en', 'Hollins Freight Ltd'],
    ['zh', '杭州青禾物流有限公司'],
    ['fr', 'Transports Vidal SARL'],
  ];
  for (const [lang, value] of names) it(`${lang}: "${value}" is still an organisation`, () => assert.equal(isPlausibleOrganization(value, lang), true));
});

describe('"currently N" is what they have, not the count meant (qa11 F16, F6)', () => {
  const cases: Array<[Lang, string, number, boolean]> = [
    ['en', 'currently 40 agents, going to 80 agents', 80, true],
    ['en', 'they have 60 users now so it is 90 users total', 90, true],
    ['fr', 'actuellement 40 agents, on passe à 80 agents', 80, true],
    ['zh', '目前40个坐席，要升级到80个坐席', 80, true],
    ['en', 'renewal for 300 users', 300, false],
  ];
  for (const [lang, text, meant, hasCurrent] of cases) {
    it(`${lang}: "${text}" means ${meant}`, () => {
      const counts = findUserCounts(text, lang);
      assert.equal(pickUserCount(counts, true)?.value, meant);
      assert.equal(counts.some((c) => c.current), hasCurrent);
    });
  }
  const notes: Array<[Lang, string, boolean]> = [
    ['en', 'Maintenance ends in autumn (not a co-term). Currently 40 agents.', false],
    ['fr', "pas de co-term, c'est juste pour info", false],
    ['en', 'the tier is wrong, it should be 80 agents', true],
    ['zh', '用户数写错了，应该是80', true],
  ];
  for (const [lang, text, corrects] of notes) it(`${lang}: "${text}" ${corrects ? 'says' : 'does not say'} it corrects`, () => assert.equal(saysCorrection(text, lang), corrects));
});

describe('a current renewal or maintenance end is no co-term date (qa11 F14, F17, F19)', () => {
  const cases: Array<[Lang, string, string, string]> = [
    ['en', 'cloud renewal for maple-hq.atlassian.net, Jira Standard 50 users, renews 2 Feb 2027', 'quoteDialog:opening.renewalDate', '2027-02-02'],
    ['en', 'upgrade quote - Confluence DC SEN-L1212121 from 500 to 1000 users. maint ends 30/09/2027', 'quoteDialog:opening.maintenanceEnd', '2027-09-30'],
    ['fr', 'renouvellement cloud pour le site maple-hq.atlassian.net, Jira Standard 50 utilisateurs, renouvellement le 02/02/2027', 'quoteDialog:opening.renewalDate', '2027-02-02'],
    ['zh', '云端续订报价，站点 maple-hq.atlassian.net，Jira 标准版 50 用户，续订日期2027年2月2日', 'quoteDialog:opening.renewalDate', '2027-02-02'],
  ];
  for (const [lang, text, key, date] of cases) {
    it(`${lang}: "${text}"`, () => {
      const request = detectQuoteRequest(text, lang, now);
      assert.equal(request?.slots?.targetDate, undefined, JSON.stringify(request?.slots));
      // With its SEN near, the licence's own end ("Current maintenance end (SEN-…)") says the same.
      const fact = request?.facts?.find((f) => f.key === key || f.key === 'quoteDialog:opening.currentEnd');
      assert.equal(fact?.params?.date, date, JSON.stringify(request?.facts));
    });
  }
  it('a co-term keeps its target date', () => {
    const request = detectQuoteRequest('co-term Jira DC SEN-L1212121 (ends 3 Mar 2027) and Confluence DC SEN-L1212122 (ends 8 Aug 2027), co-termed to 8 Aug 2027', 'en', now);
    assert.equal(request?.slots?.targetDate, '2027-08-08');
  });
});
