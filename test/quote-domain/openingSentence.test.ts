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

const factsOf = (request: ReturnType<typeof open>): Array<Record<string, unknown>> => (request?.facts ?? []).map((f) => ({ key: f.key.replace('quoteDialog:opening.', ''), ...f.params }));

describe('opening sentence: who the writer, the customer and the contact are', () => {
  const cases: Array<[Lang, string, Record<string, unknown>, { name?: string; email?: string } | undefined]> = [
    ['fr', 'Camille Roche de Numéria ici, devis Confluence Data Center 1000 utilisateurs pour mon client Laiterie Vasseur', { resellerName: 'Camille Roche', resellerCompany: 'Numéria', endUserOrganization: 'Laiterie Vasseur' }, undefined],
    ['fr', 'devis Jira Data Center 500 utilisateurs pour le client Brasserie Lemoine, contact Paul Lemoine paul@lemoine.fr', { endUserOrganization: 'Brasserie Lemoine' }, { name: 'Paul Lemoine', email: 'paul@lemoine.fr' }],
    ['en', 'Dana Ruiz from Northgate here, need a quote for Jira cloud, 100 users, for my customer Bayside Dental, contact Omar Haddad omar@baysidedental.com', { resellerName: 'Dana Ruiz', resellerCompany: 'Northgate', endUserOrganization: 'Bayside Dental' }, { name: 'Omar Haddad', email: 'omar@baysidedental.com' }],
    ['en', 'hi, Tom Baker here - quote for Confluence Data Center, 2000 users', { resellerName: 'Tom Baker' }, undefined],
    ['zh', '我是北京远帆的李娜客户是苏州恒达制造要Confluence数据中心1000用户', { resellerName: '李娜', resellerCompany: '北京远帆', endUserOrganization: '苏州恒达制造' }, undefined],
    ['zh', '我是成都星云的王军，客户是重庆山城物流，联系人刘洋 liuyang@shancheng.cn，报价Jira云版200人', { resellerName: '王军', resellerCompany: '成都星云', endUserOrganization: '重庆山城物流' }, { name: '刘洋', email: 'liuyang@shancheng.cn' }],
  ];
  for (const [lang, text, slots, contact] of cases) {
    it(`${lang}: "${text}"`, () => {
      const request = open(text, lang);
      assert.ok(request, 'a quote request');
      for (const [slot, value] of Object.entries(slots)) assert.equal((request.slots as Record<string, unknown>)[slot], value, slot);
      assert.deepEqual(request.contact, contact);
    });
  }
  for (const [lang, text] of [
    ['en', 'quote Jira DC 500 users, technical contact Paul Green SEN-L1234567'],
    ['fr', 'devis Jira DC 500 utilisateurs, contact technique Paul Vert SEN-L1234567'],
    ['zh', '报价 Jira 数据中心 500用户，技术联系人王强SEN-L1234567'],
  ] as const) {
    it(`${lang}: a name ends where letters glued to digits begin ("${text}")`, () => {
      const request = open(text, lang);
      assert.deepEqual(request?.slots?.sen, ['SEN-L1234567']);
      assert.ok(!/SEN/u.test(String(request?.slots?.technicalContactName)), String(request?.slots?.technicalContactName));
    });
  }
  const addresses: Array<[Lang, string, string, string]> = [
    ['fr', 'devis Confluence cloud 100 utilisateurs pour la société Dupuis SARL, adresse 12 rue des Lilas, 69003 Lyon', '12 rue des Lilas, 69003 Lyon', 'customer'],
    ['en', 'quote Jira cloud, 50 users, for my customer Harbor Labs, address 40 King Street, Leeds LS1 2HQ', '40 King Street, Leeds LS1 2HQ', 'customer'],
    ['zh', '报价 Jira 云 50人，客户是宁波海晨科技，地址：浙江省宁波市鄞州区天童路88号', '浙江省宁波市鄞州区天童路88号', 'customer'],
  ];
  for (const [lang, text, value, whose] of addresses) {
    it(`${lang}: the customer's postal address is kept ("${value}")`, () => assert.deepEqual(factsOf(open(text, lang)).find((f) => f.key === 'address'), { key: 'address', value, whose }));
  }
});

describe('opening sentence: edition typos, deadlines and urgency', () => {
  const editions: Array<[Lang, string, string]> = [
    ['en', 'quote Jira cloud Premuim, 100 users', 'premium'],
    ['fr', 'devis Confluence cloud Standrad 200 utilisateurs', 'standard'],
    ['zh', '报价 Jira 云 高級版 100用户', 'premium'],
    ['zh', '报价 Confluence 云 標準版 50人', 'standard'],
    ['fr', 'devis Jira cloud Premiun pour 300 utilisateurs', 'premium'],
  ];
  for (const [lang, text, edition] of editions) it(`${lang}: "${text}" → ${edition}`, () => assert.equal(open(text, lang)?.slots?.edition, edition));
  it('en: "standards" stays a word', () => assert.equal(open('quote Jira cloud 100 users, it must meet our security standards', 'en')?.slots?.edition, undefined));

  const deadlines: Array<[Lang, string, Array<Record<string, unknown>>]> = [
    ['en', 'quote Jira cloud 100 users, we need it before 31 January', [{ key: 'deadline', words: 'before 31 January' }]],
    ['en', 'urgent: quote for Confluence cloud 50 users by Friday please', [{ key: 'urgent' }, { key: 'deadline', words: 'by Friday' }]],
    ['fr', "devis Jira cloud 100 utilisateurs, c'est urgent, avant vendredi", [{ key: 'urgent' }, { key: 'deadline', words: 'avant vendredi' }]],
    ['fr', "devis Confluence Data Center 1000 utilisateurs d'ici le 15/01/2027", [{ key: 'deadline', words: "d'ici le 15/01/2027", iso: '2027-01-15', numeric: '15/01/2027' }]],
    ['zh', '报价 Jira 云 100用户 月底前要', [{ key: 'deadline', words: '月底前' }]],
    ['zh', '帮忙尽快报个Confluence云的价，50人，周五之前', [{ key: 'urgent' }, { key: 'deadline', words: '周五之前' }]],
  ];
  for (const [lang, text, facts] of deadlines) it(`${lang}: "${text}"`, () => assert.deepEqual(factsOf(open(text, lang)), facts));
  it('en: "by card" is no deadline', () => assert.deepEqual(factsOf(open('quote Jira cloud 100 users, they pay by card', 'en')), []));
});

describe('opening sentence: an upgrade said with its counts, without the word quote', () => {
  const cases: Array<[Lang, string, QuoteKind, Record<string, unknown>, number]> = [
    ['en', 'upgrade Jira DC SEN-L2345678 from 1000 to 2000 users', 'dc-upgrade', { sen: ['SEN-L2345678'], product: ['jira'], tier: 2000 }, 1000],
    ['en', 'Confluence Data Center, SEN-L3456789: take it from 500 users to 1000', 'dc-upgrade', { sen: ['SEN-L3456789'], product: ['confluence'], tier: 1000 }, 500],
    ['fr', 'passer Confluence DC de 500 à 1000 utilisateurs, SEN-L4567890', 'dc-upgrade', { sen: ['SEN-L4567890'], product: ['confluence'], tier: 1000 }, 500],
    ['fr', 'Jira Data Center SEN-L5678901 : monter de 2000 à 3000 utilisateurs', 'dc-upgrade', { sen: ['SEN-L5678901'], product: ['jira'], tier: 3000 }, 2000],
    ['zh', 'Confluence数据中心从1000升级到2000用户，SEN-L6789012', 'dc-upgrade', { sen: ['SEN-L6789012'], product: ['confluence'], tier: 2000 }, 1000],
    ['zh', 'SEN-L7890123 Jira数据中心 从500人扩到1000人', 'dc-upgrade', { sen: ['SEN-L7890123'], product: ['jira'], tier: 1000 }, 500],
  ];
  for (const [lang, text, kind, slots, current] of cases) {
    it(`${lang}: "${text}"`, () => {
      const request = open(text, lang);
      assert.equal(request?.kind, kind, JSON.stringify(request));
      for (const [slot, value] of Object.entries(slots)) assert.deepEqual((request?.slots as Record<string, unknown>)[slot], value, slot);
      assert.deepEqual(factsOf(request).find((f) => f.key === 'currentTier'), { key: 'currentTier', count: current });
    });
  }
});

describe('opening sentence: co-term target and each licence current end date', () => {
  const cases: Array<[Lang, string, string | undefined, Array<{ sen: string; date: string }>]> = [
    ['en', 'SEN-A1111111 and SEN-B2222222, please align everything to 30 June 2027', '2027-06-30', []],
    ['en', 'co-term: SEN-A1111111 ends 15 March 2027, SEN-B2222222 ends 2 May 2027, align them to 30 June 2027', '2027-06-30', [{ sen: 'SEN-A1111111', date: '2027-03-15' }, { sen: 'SEN-B2222222', date: '2027-05-02' }]],
    ['en', 'co-term SEN-A1111111 (expires 15 March 2027) and SEN-B2222222 (expires 2 May 2027)', undefined, [{ sen: 'SEN-A1111111', date: '2027-03-15' }, { sen: 'SEN-B2222222', date: '2027-05-02' }]],
    ['fr', 'SEN-L1111111 et SEN-L2222222, aligner sur le 30 juin 2027', '2027-06-30', []],
    ['fr', 'harmoniser SEN-L1111111 (échéance actuelle 15/03/2027) et SEN-L2222222 (fin le 2 mai 2027), tout aligner sur le 30 juin 2027', '2027-06-30', [{ sen: 'SEN-L1111111', date: '2027-03-15' }, { sen: 'SEN-L2222222', date: '2027-05-02' }]],
    ['zh', 'SEN-L1111111和SEN-L2222222统一到2027年6月30日', '2027-06-30', []],
    ['zh', 'SEN-L1111111 2027年3月15日到期，SEN-L2222222 2027年5月2日到期，全部统一到2027年6月30日', '2027-06-30', [{ sen: 'SEN-L1111111', date: '2027-03-15' }, { sen: 'SEN-L2222222', date: '2027-05-02' }]],
  ];
  for (const [lang, text, target, ends] of cases) {
    it(`${lang}: "${text}"`, () => {
      const request = open(text, lang);
      assert.equal(request?.kind, 'coterm', JSON.stringify(request));
      assert.equal(request.slots?.targetDate, target);
      assert.deepEqual(factsOf(request).filter((f) => f.key === 'currentEnd').map(({ sen, date }) => ({ sen, date })), ends);
    });
  }
});

describe('opening sentence: second round of tester wordings', () => {
  const cases: Array<[Lang, string, QuoteKind, Record<string, unknown>]> = [
    ['en', 'align SEN-L3333333 and SEN-L4444444 to 31 Dec 2027', 'coterm', { sen: ['SEN-L3333333', 'SEN-L4444444'], targetDate: '2027-12-31' }],
    ['fr', 'aligner SEN-L3333333 et SEN-L4444444 sur le 31 décembre 2027', 'coterm', { sen: ['SEN-L3333333', 'SEN-L4444444'], targetDate: '2027-12-31' }],
    ['zh', '把SEN-L3333333和SEN-L4444444对齐，2027年12月31日', 'coterm', { sen: ['SEN-L3333333', 'SEN-L4444444'], targetDate: '2027-12-31' }],
    ['en', 'Hi, this is Priya Nair from CloudWorks. Customer Redwood Bakery has no Atlassian site yet; they need Confluence for 50 users', 'cloud-new', { resellerName: 'Priya Nair', resellerCompany: 'CloudWorks', endUserOrganization: 'Redwood Bakery' }],
    ['fr', 'devis Jira cloud, client Boulangerie Paul, 50 utilisateurs, pas encore de site', 'cloud-new', { endUserOrganization: 'Boulangerie Paul' }],
    ['zh', '你好我是深圳云帆的陈静客户是广州美达贸易没有云站点要Confluence标准版100人', 'cloud-new', { resellerName: '陈静', resellerCompany: '深圳云帆', endUserOrganization: '广州美达贸易', edition: 'standard' }],
  ];
  for (const [lang, text, kind, slots] of cases) {
    it(`${lang}: "${text}"`, () => {
      const request = open(text, lang);
      assert.equal(request?.kind, kind, JSON.stringify(request));
      for (const [slot, value] of Object.entries(slots)) assert.deepEqual((request.slots as Record<string, unknown>)[slot], value, slot);
    });
  }
});

describe('opening sentence: a deadline date is no co-term date', () => {
  for (const [lang, text] of [
    ['fr', 'il nous faut un devis Jira cloud 100 utilisateurs pour le 15 janvier'],
    ['en', 'quote Jira Data Center 500 users, 2 years, due 15/01/2027'],
    ['zh', '报价 Jira 云 100人 2027年1月15日前'],
  ] as const) {
    it(`${lang}: "${text}"`, () => {
      const request = open(text, lang);
      assert.equal(request?.slots?.targetDate, undefined);
      assert.ok(factsOf(request).some((f) => f.key === 'deadline'));
    });
  }
});
