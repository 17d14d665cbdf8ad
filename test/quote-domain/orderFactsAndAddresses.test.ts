import assert from 'node:assert/strict';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * QA12: an order written as its facts, with no request word ("ok so: Jira DC 500 users, 1 year
 * maint, …"), is a request; an address given in an opening keeps its country when a sentence
 * follows it ("…, CA 94105, USA. I'm …"). A question holding the same facts stays a question.
 */
const now = new Date('2026-12-02T10:00:00Z');
const orders: Array<[Lang, string]> = [
  ['en', 'ok so: Confluence DC 1000 users, 2 years maint, customer Halden Foods, tech contact Ivo Berg ivo.berg@halden.example'],
  ['en', 'a new Bitbucket Data Center licence, 250 users, 1 year of maintenance'],
  ['fr', 'bon alors : Jira Data Center 500 utilisateurs, 3 ans de maintenance, client Minoterie Vasseur'],
  ['zh', 'Jira 数据中心 1000用户，维护2年，客户是华岳机械'],
];
const addresses: Array<[Lang, string, string]> = [
  ['en', 'new DC licence: Jira 500 users, 1 year, billing address 90 Pine Street, Seattle, WA 98101, USA. I am Nora Quinn, nora@quinn-it.example', '90 Pine Street, Seattle, WA 98101, USA'],
  ['fr', 'Nouvelle licence Data Center Jira 500 utilisateurs, 1 an. Adresse de facturation : 12 rue Sainte-Catherine, 33000 Bordeaux, France. Devis PDF par e-mail.', '12 rue Sainte-Catherine, 33000 Bordeaux, France'],
];

describe('orders written as facts, addresses with their country (QA12)', () => {
  for (const [lang, text] of orders) {
    it(`${lang}: "${text.slice(0, 44)}…" is a new Data Center request`, () => {
      assert.equal(detectQuoteRequest(text, lang, now)?.kind, 'dc-new');
    });
  }
  it('en: the same facts in a question about support stay a question', () => {
    assert.equal(detectQuoteRequest('our customer has Jira DC 500 users with 1 year maintenance, how does support work?', 'en', now)?.kind, undefined);
  });
  for (const [lang, text, address] of addresses) {
    it(`${lang}: the address keeps "${address.split(', ').at(-1)}"`, () => {
      assert.equal(detectQuoteRequest(text, lang, now)?.slots?.billingAddress, address);
    });
  }
});

describe('a co-term target said as "both ending …" after each licence\'s end (QA11 F13)', () => {
  it('en: the target is the date after "want both ending"', () => {
    const request = detectQuoteRequest('Co-term two DC licences for our customer Alder Press: Jira DC SEN-L7720001 expires 10 Mar 2027 and Confluence DC SEN-L7720002 expires 31 Oct 2027. we want both ending 31 Oct 2027.', 'en', now);
    assert.equal(request?.kind, 'coterm');
    assert.equal(request?.slots?.targetDate, '2027-10-31');
  });
});
