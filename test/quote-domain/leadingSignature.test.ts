import assert from 'node:assert/strict';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * The reseller's "Name, Company, email" opening the message, before the request (QA11 F1, F24):
 * "Hi, Tom Becker, Northwind IT Ltd, tom@… - need a cloud quote…". Taken like the same line
 * closing a message; nothing is taken when the first part is no person's name.
 */
const now = new Date('2026-12-02T10:00:00Z');
const taken: Array<[Lang, string, string, string | undefined, string]> = [
  ['en', 'Hi, Owen Marsh, Redfern Digital Ltd, owen.marsh@redfern-digital.example - need a cloud quote for a new customer: Larch Bakeries, 60 users Jira Standard', 'Owen Marsh', 'Redfern Digital Ltd', 'owen.marsh@redfern-digital.example'],
  ['fr', "Bonjour, Clémence Rivoal, Armorique Conseil, c.rivoal@armorique-conseil.example — j'ai besoin d'un devis cloud pour un nouveau client : Biscuiterie Le Goff, 90 utilisateurs Confluence Premium", 'Clémence Rivoal', 'Armorique Conseil', 'c.rivoal@armorique-conseil.example'],
  ['fr', 'Bonjour, Sylvain Texier (Loire Systèmes, s.texier@loire-systemes.example). Je voudrais harmoniser les échéances de SEN-L5120987 et SEN-L5120988 au 31 mars 2028.', 'Sylvain Texier', 'Loire Systèmes', 's.texier@loire-systemes.example'],
  ['zh', '您好，周宁，青石软件，zhouning@qingshi-soft.example。需要一个 Confluence 云新订阅报价，标准版，100用户', '周宁', '青石软件', 'zhouning@qingshi-soft.example'],
  ['en', 'Gemma Lloyd, gemma.lloyd@kitefield.example: renewal quote for Jira DC SEN-L6630111 please', 'Gemma Lloyd', undefined, 'gemma.lloyd@kitefield.example'],
];
const notTaken: Array<[Lang, string]> = [
  ['en', 'Hi, Jira, Confluence, ops@larch.example - need a cloud quote, 60 users Standard'],
  ['en', 'Hello, Acme Holdings Ltd, Jane Doe, jane@acme.example - need a renewal quote for Jira DC SEN-L6630112'],
];

describe('a signature opening the message (QA11 F1)', () => {
  for (const [lang, text, name, company, email] of taken) {
    it(`${lang}: "${text.slice(0, 48)}…"`, () => {
      const slots = detectQuoteRequest(text, lang, now)?.slots;
      assert.equal(slots?.resellerName, name);
      assert.equal(slots?.resellerCompany, company);
      assert.equal(slots?.resellerEmail, email);
    });
  }
  for (const [lang, text] of notTaken) {
    it(`${lang}: no reseller name from "${text.slice(0, 40)}…"`, () => {
      const slots = detectQuoteRequest(text, lang, now)?.slots;
      assert.notEqual(slots?.resellerName, 'Jira, Confluence');
      assert.ok(slots?.resellerName === undefined || !/Holdings|Jira/u.test(slots.resellerName), slots?.resellerName);
    });
  }
});
