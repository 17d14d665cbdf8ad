import assert from 'node:assert/strict';
import './warmUp.js';
import type { Lang } from '../../knowledge/lang.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';

/**
 * Opening sentences as black-box testers typed them (reworded): each must start the right
 * request with every fact it holds, from tables, without a bot.
 */

const now = new Date('2026-12-03T10:00:00Z');
const open = (text: string, lang: Lang) => detectQuoteRequest(text, lang, now);

describe('opening sentence: a site said not to exist yet is a new cloud subscription', () => {
  const cases: Array<[Lang, string, Record<string, unknown>]> = [
    ['en', "our client hasn't got a cloud site yet, they'd like Jira for 40 users", { product: ['jira'], tier: 50 }],
    ['en', "quote please - the customer doesn't have any cloud site so far, Confluence, 100 users", { product: ['confluence'], tier: 100 }],
    ['en', 'need a quote: Jira cloud, 75 users, they have never had an Atlassian site', { product: ['jira'], tier: 75 }],
    ['fr', "le client n'a encore aucun site cloud, il lui faut Confluence pour 40 utilisateurs", { product: ['confluence'], tier: 50 }],
    ['fr', "devis Jira cloud 100 utilisateurs : ils n'ont pas encore de site Atlassian", { product: ['jira'], tier: 100 }],
    ['fr', 'devis pour un client sans aucun site cloud pour le moment, Jira 25 utilisateurs', { product: ['jira'], tier: 25 }],
    ['zh', '客户目前还没有云站点，想要Confluence 100个用户', { product: ['confluence'], tier: 100 }],
    ['zh', '报价：Jira 云，200人，客户的云站点还没有开通', { product: ['jira'], tier: 200 }],
    ['zh', '客户没开通过Atlassian站点，要Jira云版50用户', { product: ['jira'], tier: 50 }],
  ];
  for (const [lang, text, slots] of cases) {
    it(`${lang}: "${text}" → cloud-new, no site`, () => {
      const request = open(text, lang);
      assert.equal(request?.kind, 'cloud-new', JSON.stringify(request));
      assert.equal(request?.slots?.siteUrl, undefined);
      for (const [slot, value] of Object.entries(slots)) assert.deepEqual((request?.slots as Record<string, unknown>)[slot], value, slot);
    });
  }
  const existing: Array<[Lang, string, QuoteKind]> = [
    ['en', "quote for Jira cloud, 50 users, I don't know their site by heart", 'cloud-existing'],
    ['en', "quote Jira cloud 50 users - I don't have the site URL to hand", 'cloud-existing'],
    ['fr', "devis Jira cloud 50 utilisateurs, je ne connais pas leur site", 'cloud-existing'],
    ['zh', '报价 Jira 云 50用户，我不记得客户的站点地址', 'cloud-existing'],
    ['en', 'quote Jira cloud for bravo.atlassian.net, 50 users, not on a new site', 'cloud-existing'],
  ];
  for (const [lang, text, kind] of existing) {
    it(`${lang}: "${text}" keeps the existing site`, () => assert.equal(open(text, lang)?.kind, kind));
  }
});
