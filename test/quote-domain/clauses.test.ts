import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { splitClauses } from '../../dialogs/quote/interpret/clauses.js';
import { interpretFormTurn } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft } from '../../dialogs/quote/quoteDraft.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/** Two corrections in one message: both applied, none taking the other's words as its value. */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const dcNew = toDraft({
  kind: 'dc-new',
  slots: { product: ['jira'], tier: 1000, maintenanceYears: 1, resellerName: 'Ann Lee', resellerEmail: 'ann@lee.io', resellerCompany: 'Lee Consultng', technicalContactName: 'Bo Chen', technicalContactEmail: 'bo@kestrel.io', endUserOrganization: 'Kestrel', billingAddress: '1 rue de la Paix, 75002 Paris', paymentPreference: 'quote' },
  answered: ['product', 'tier', 'maintenanceYears', 'resellerName', 'resellerEmail', 'resellerCompany'],
});

describe('two corrections in one message', () => {
  const cases: Array<[Lang, string, Record<string, unknown>]> = [
    ['zh', '公司名字错了，应该是上海云图科技。另外维护改成两年', { resellerCompany: '上海云图科技', maintenanceYears: 2 }],
    ['zh', '公司名称不对，应为杭州星河网络，还有改成2000个用户', { resellerCompany: '杭州星河网络', tier: 2000 }],
    ['en', 'the company name is wrong, it should be Lee Consulting. Also change maintenance to 2 years', { resellerCompany: 'Lee Consulting', maintenanceYears: 2 }],
    ['en', 'our company is actually Lee Consulting Group, and also make it 3 years', { resellerCompany: 'Lee Consulting Group', maintenanceYears: 3 }],
    ['fr', "le nom de la société est faux, c'est Lee Conseil, et aussi 3 ans de maintenance", { resellerCompany: 'Lee Conseil', maintenanceYears: 3 }],
    ['fr', 'erreur sur le nom de notre société : Lee Conseil SAS. Par ailleurs on passe à 2000 utilisateurs', { resellerCompany: 'Lee Conseil SAS', tier: 2000 }],
  ];
  for (const [lang, text, expected] of cases) {
    it(`${lang}: "${text}"`, () => {
      const reading = interpretFormTurn({ draft: dcNew, asked: 'confirm', text, lang, now, lexicon });
      assert.equal(reading.type, 'correction');
      assert.deepEqual(reading.type === 'correction' && reading.slots, expected);
      assert.equal(reading.type === 'correction' && reading.changes.length, 2, 'each change said');
    });
  }

  it('a single correction stays one clause', () => {
    assert.deepEqual(splitClauses('actually 500 users not 250', 'en'), ['actually 500 users not 250']);
    assert.deepEqual(splitClauses('Jira and Confluence, 500 users', 'en'), ['Jira and Confluence, 500 users']);
    assert.deepEqual(splitClauses('non, 300', 'fr'), ['non, 300']);
  });
});
