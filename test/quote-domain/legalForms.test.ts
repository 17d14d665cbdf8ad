import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft } from '../../dialogs/quote/quoteDraft.js';
import { findPeople, hasLegalForm } from '../../dialogs/validators/people.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * A company said where a person was expected ("the client name is Contoso Ltd") is the party's
 * organisation; the old value of a correction ("…, not Contoso's") is nobody's name; a possessive
 * is not part of a company's name. A tester's renewal got "Technical contact: not Contoso's".
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const renewal = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L2223334'], product: ['jira'], endUserOrganization: 'Contoso' }, answered: ['sen', 'product', 'endUserOrganization'] });

describe('companies said as people, and old values', () => {
  const cases: Array<[Lang, string, string, string]> = [
    ['en', "it-admin@contoso.com - oh and the client name is Contoso Ltd, not Contoso's", 'it-admin@contoso.com', 'Contoso Ltd'],
    ['fr', "it@dupont.fr, et le nom du client c'est Dupont SAS, pas Dupond", 'it@dupont.fr', 'Dupont SAS'],
    ['zh', 'it@yuntu.cn，客户名称是云图科技有限公司，不是云图', 'it@yuntu.cn', '云图科技有限公司'],
  ];
  for (const [lang, text, email, organisation] of cases) {
    it(`${lang}: "${text}"`, () => {
      const reading = interpretFormTurn({ draft: renewal, asked: 'technicalContactEmail', text, lang, now, lexicon });
      assert.equal(reading.type, 'answer');
      if (reading.type !== 'answer') return;
      assert.equal(reading.slots.technicalContactEmail, email);
      assert.equal(reading.slots.endUserOrganization, organisation);
      assert.equal(reading.slots.technicalContactName, undefined, 'no name made of the old value');
      assert.equal(reading.slots.endUserName, undefined, 'a company is no person');
    });
  }

  it('reads legal forms, and people stay people', () => {
    for (const v of ['Contoso Ltd', 'Dupont SAS', 'Acme Inc.', 'Müller GmbH', '云图科技有限公司']) assert.ok(hasLegalForm(v), v);
    for (const v of ['Sam Lee', 'Anne-Sophie Martin', '王芳', 'Lisa Sa', 'Bo Ag']) assert.ok(!hasLegalForm(v), v);
  });

  it('"our client Contoso\'s Jira" names Contoso', () => {
    const found = findPeople("DC renewal quote for our client Contoso's Jira Data Center", 'en');
    assert.deepEqual(found.filter((f) => f.slot === 'endUserOrganization').map((f) => f.value), ['Contoso']);
  });
});

describe('a count is never a company', () => {
  const cloudRenewal = toDraft({ kind: 'cloud-renewal', slots: { siteUrl: 'https://panda.atlassian.net', product: ['jira'], tier: 150, edition: 'standard' }, answered: ['siteUrl', 'product', 'tier', 'edition'] });
  const cases: Array<[Lang, string]> = [
    ['zh', '用户数是120个，不要150'],
    ['fr', "le nombre d'utilisateurs c'est 120, pas 150"],
    ['en', 'the user count is 120 users, not 150'],
  ];
  for (const [lang, text] of cases) {
    it(`${lang}: "${text}" at a name prompt stores no organisation`, () => {
      const reading = interpretFormTurn({ draft: cloudRenewal, asked: 'authorizedContactName', text, lang, now, lexicon });
      const slots = 'slots' in reading ? reading.slots : {};
      assert.equal((slots as Record<string, unknown>).endUserOrganization, undefined, JSON.stringify(reading));
      assert.equal((slots as Record<string, unknown>).authorizedContactName, undefined, JSON.stringify(reading));
    });
  }
});
