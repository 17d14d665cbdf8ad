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

describe('opening sentence: Chinese ways to ask for a price are quote requests', () => {
  const cases: Array<[Lang, string, QuoteKind | undefined, Record<string, unknown>]> = [
    ['zh', '帮忙报一个Confluence的价', undefined, { product: ['confluence'] }],
    ['zh', '麻烦帮我报个价', undefined, {}],
    ['zh', '报个价：Jira 云版 150人', 'cloud-existing', { product: ['jira'], tier: 150 }],
    ['zh', '请给我们客户报一下价', undefined, {}],
    ['zh', '帮客户报个Confluence数据中心的价，2000用户', 'dc-new', { product: ['confluence'], tier: 2000 }],
    ['zh', '给客户询个Bitbucket云的价，50人', 'cloud-existing', { product: ['bitbucket'], tier: 50 }],
    // The same requests in the two other languages, for comparison.
    ['fr', 'pouvez-vous me faire un devis Confluence Data Center, 2000 utilisateurs ?', 'dc-new', { product: ['confluence'], tier: 2000 }],
    ['en', 'could you price Jira cloud for 150 users? need a quote', 'cloud-existing', { product: ['jira'], tier: 150 }],
  ];
  for (const [lang, text, kind, slots] of cases) {
    it(`${lang}: "${text}"`, () => {
      const request = open(text, lang);
      assert.ok(request, 'a quote request');
      assert.equal(request.kind, kind);
      assert.deepEqual(request.slots, slots);
    });
  }
  for (const [lang, text] of [['zh', '报销流程怎么走？'], ['zh', '价格表在哪里看'], ['fr', 'combien de temps prend un virement ?'], ['en', 'what is the price list?']] as const) {
    it(`${lang}: "${text}" is no quote request`, () => assert.equal(open(text, lang), undefined));
  }
});

describe('opening sentence: product names with a typo are the catalog product', () => {
  const cases: Array<[Lang, string, string[]]> = [
    ['en', 'quote for Confuence cloud, 100 users', ['confluence']],
    ['en', 'new Jria Software Data Center licence, 1000 users', ['jira']],
    ['en', 'quote Jira Servce Managment cloud, 10 agents', ['jira-service-management']],
    ['fr', 'devis Bitbuckt cloud pour 50 utilisateurs', ['bitbucket']],
    ['fr', 'devis Confluance Data Center 500 utilisateurs', ['confluence']],
    ['fr', 'devis Jiar et Confleunce cloud, 200 utilisateurs', ['jira', 'confluence']],
    ['zh', '报价：Confuence 数据中心 1000用户', ['confluence']],
    ['zh', '报价 Bitbukcet 云版 25人', ['bitbucket']],
    ['zh', '报价 Jira Sevice Management 云 20个坐席', ['jira-service-management']],
  ];
  for (const [lang, text, product] of cases) {
    it(`${lang}: "${text}" → ${product.join(', ')}`, () => assert.deepEqual(open(text, lang)?.slots?.product, product));
  }
  // Short everyday words next to a short product name stay words.
  const words: Array<[Lang, string]> = [
    ['fr', 'devis Jira cloud 100 utilisateurs, on a peu de temps'],
    ['en', 'quote Jira cloud 100 users, look at the crown account'],
    ['fr', 'devis Jira cloud 100 utilisateurs pour le Jura'],
  ];
  for (const [lang, text] of words) it(`${lang}: "${text}" names Jira only`, () => assert.deepEqual(open(text, lang)?.slots?.product, ['jira']));
});
