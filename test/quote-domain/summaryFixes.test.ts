import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * Corrections and questions typed under the summary (or at a prompt) that a tester saw misread
 * (QA9): a typo in a SEN taken as two people swapped, fragments stored as names, tier
 * corrections lost or given to the organisation, a question with a product name taken as an
 * order change. The interpreter alone, from tables.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked, text, lang, now, lexicon });

const dcUpgrade = toDraft({
  kind: 'dc-upgrade',
  slots: {
    sen: ['SEN-L4410273'],
    product: ['confluence'],
    tier: 1000,
    technicalContactName: 'Inès Carvalho',
    technicalContactEmail: 'ines.carvalho@verrerie-dax.fr',
    resellerName: 'Gaspard Lenoir',
    resellerEmail: 'g.lenoir@numeria.fr',
  },
  answered: [],
});

describe('summary: swapped digits are a typo in one value, not two people swapped (Q9-1)', () => {
  const cases: Array<[Lang, string, string]> = [
    ['fr', "zut, le SEN c'est SEN-L4410237, j'ai inversé deux chiffres", 'SEN-L4410237'],
    ['en', 'sorry the SEN should be SEN-L4410237, I swapped the last two digits', 'SEN-L4410237'],
    ['zh', 'SEN号两位数字写反了，应该是SEN-L4410237', 'SEN-L4410237'],
  ];
  for (const [lang, text, sen] of cases) {
    it(`${lang}: "${text}" sets the SEN and nothing else`, () => {
      const r = read(dcUpgrade, 'confirm', text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type !== 'correction') return;
      assert.deepEqual(r.slots, { sen: [sen] });
      assert.equal(r.swapped, undefined);
    });
  }
  const bare: Array<[Lang, string]> = [
    ['fr', "oups, j'ai inversé deux chiffres dans le SEN"],
    ['en', 'hmm I swapped two digits in the SEN'],
  ];
  for (const [lang, text] of bare) {
    it(`${lang}: "${text}" (no new value) opens the SEN for editing, no swap`, () => {
      const r = read(dcUpgrade, 'confirm', text, lang);
      assert.deepEqual(r, { type: 'editField', field: 'sen' });
    });
  }
  it('fr: "j\'ai inversé les deux contacts" is still a swap of people', () => {
    const r = read(dcUpgrade, 'confirm', "oups j'ai inversé les deux contacts", 'fr');
    assert.equal(r.type, 'correction');
    if (r.type === 'correction') assert.ok(r.swapped);
  });
});

const cloudSite = toDraft({
  kind: 'cloud-existing',
  slots: {
    resellerName: 'Maëlle Dufresne',
    resellerEmail: 'maelle@kervalis.fr',
    siteUrl: 'https://sablons-co.atlassian.net',
    authorizedContactName: 'Rui Tavares',
    authorizedContactEmail: 'rui@sablons.pt',
    product: ['jira'],
    tier: 600,
    edition: 'standard',
  },
});
const dcNewYearsLast = toDraft({
  kind: 'dc-new',
  slots: { product: ['confluence'], tier: 500, maintenanceYears: 2, resellerName: '韩梅', resellerEmail: 'hanmei@lingyun.cn', endUserOrganization: '青禾医疗' },
  // The years were answered after the tier: a bare number is read against the field named.
  answered: ['product', 'tier', 'maintenanceYears', 'resellerName', 'resellerEmail', 'endUserOrganization'],
});

describe('summary: user-count corrections reach the tier and nothing else (Q9-5)', () => {
  const cases: Array<[string, Lang, QuoteDraft, string, Record<string, unknown>]> = [
    ['a number then an edition', 'en', cloudSite, 'make it 500, and it is Premium edition', { tier: 500, edition: 'premium' }],
    ['a number then an edition', 'fr', cloudSite, "passe à 500, et c'est en Premium", { tier: 500, edition: 'premium' }],
    ['a labelled count with the old one', 'en', cloudSite, 'users: 500 please, not 600', { tier: 500 }],
    ['a labelled count with the old one', 'fr', cloudSite, 'utilisateurs : 500 svp, pas 600', { tier: 500 }],
    ['a count with its unit alone', 'en', cloudSite, '500 users', { tier: 500 }],
    ['a count with its unit alone', 'fr', cloudSite, '500 utilisateurs', { tier: 500 }],
    ['a count with its unit alone', 'zh', cloudSite, '500个用户', { tier: 500 }],
    ['the field named, years answered last', 'zh', dcNewYearsLast, '用户数改成1000', { tier: 1000 }],
    ['a number no duration has, years answered last', 'en', dcNewYearsLast, 'no, 1000', { tier: 1000 }],
    ['the years still take a short bare number', 'fr', dcNewYearsLast, 'non, 3', { maintenanceYears: 3 }],
  ];
  for (const [what, lang, draft, text, slots] of cases) {
    it(`${lang} ${what}: "${text}"`, () => {
      const r = read(draft, 'confirm', text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type === 'correction') assert.deepEqual(r.slots, slots);
    });
  }
});

describe('summary: a question naming a product of another deployment is a question, not an order change (Q9-6)', () => {
  const cases: Array<[Lang, string]> = [
    ['fr', 'au passage, ils ont toujours un Jira Server chez eux, ça se renouvelle encore ?'],
    ['en', 'by the way they also still run Bitbucket Server, can that be renewed too?'],
    ['zh', '对了，客户还有一套Jira服务器版，还能续订吗？'],
  ];
  for (const [lang, text] of cases) {
    it(`${lang}: "${text}"`, () => {
      const r = read(dcUpgrade, 'confirm', text, lang);
      assert.equal(r.type, 'question', JSON.stringify(r));
    });
  }
  it('en: "also add Jira" in the same form still adds it', () => {
    const r = read(dcUpgrade, 'confirm', 'please also add Jira', 'en');
    assert.equal(r.type, 'correction', JSON.stringify(r));
    if (r.type === 'correction') assert.deepEqual(r.slots.product, ['confluence', 'jira']);
  });
});

const coterm = toDraft({ kind: 'coterm', slots: { sen: ['SEN-L3108842', 'SEN-L3108867'], targetDate: '2027-09-30' } });
const swappedBack = toDraft({
  kind: 'dc-upgrade',
  // What a wrong swap left: the reseller and the technical contact exchanged.
  slots: { sen: ['SEN-L4410273'], product: ['confluence'], tier: 1000, resellerName: 'Inès Carvalho', resellerEmail: 'ines.carvalho@verrerie-dax.fr', technicalContactName: 'Gaspard Lenoir', technicalContactEmail: 'g.lenoir@numeria.fr' },
});
const siteAdmin = toDraft({
  kind: 'cloud-upgrade',
  slots: { siteUrl: 'https://lanting-edu.atlassian.net', product: ['confluence'], tier: 200, authorizedContactName: '站点管理员梁思琪', authorizedContactEmail: 'liangsq@lanting-edu.cn', resellerName: '贺文博', resellerEmail: 'hewb@yuanhang-it.cn' },
});

describe('names: a pointer or a role is never stored as the name (Q9-2)', () => {
  const atPrompt: Array<[Lang, string, string]> = [
    ['fr', "c'est moi le contact, Margaux Delahaye-Roux (revendeuse chez Axiome)", 'Margaux Delahaye-Roux'],
    ['en', "that's me, the contact, Callum Reid (reseller at Brightpath)", 'Callum Reid'],
    ['zh', '联系人就是我，邱子墨（经销商）', '邱子墨'],
  ];
  for (const [lang, text, name] of atPrompt) {
    it(`${lang} at the reseller's name prompt: "${text}" → ${name}`, () => {
      const r = read(coterm, 'resellerName', text, lang);
      assert.equal(r.type, 'answer', JSON.stringify(r));
      if (r.type === 'answer') assert.equal(r.slots.resellerName, name);
    });
  }
  it('fr: "le contact" alone is no name', () => assert.equal(read(coterm, 'resellerName', 'le contact', 'fr').type, 'refused'));

  const backAgain: Array<[Lang, string]> = [
    ['fr', "non, je ne voulais pas les échanger ! Le revendeur c'est moi, Gaspard Lenoir g.lenoir@numeria.fr ; Inès Carvalho est le contact technique"],
    ['en', 'no, I never asked for a swap. The reseller is me, Gaspard Lenoir g.lenoir@numeria.fr; Inès Carvalho is the technical contact'],
  ];
  for (const [lang, text] of backAgain) {
    it(`${lang} under the summary, each person put back with their email: "${text}"`, () => {
      const r = read(swappedBack, 'confirm', text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type !== 'correction') return;
      assert.deepEqual(r.slots, {
        resellerName: 'Gaspard Lenoir',
        resellerEmail: 'g.lenoir@numeria.fr',
        technicalContactName: 'Inès Carvalho',
        technicalContactEmail: 'ines.carvalho@verrerie-dax.fr',
      });
    });
  }
  const title: Array<[string, string]> = [
    ['联系人名字只是梁思琪，站点管理员是她的职位', '梁思琪'],
    ['授权联系人就是梁思琪，站点管理员是她的职务', '梁思琪'],
  ];
  for (const [text, name] of title) {
    it(`zh under the summary: "${text}" → ${name}, never the job title`, () => {
      const r = read(siteAdmin, 'confirm', text, 'zh');
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type === 'correction') assert.deepEqual(r.slots, { authorizedContactName: name });
    });
  }
  it('fr: the contact of the opening named as oneself brings their email', () => {
    const named = toDraft({ ...coterm, unheld: { endUserName: 'Margaux Delahaye-Roux', endUserEmail: 'margaux@axiome-conseil.fr' } });
    const r = read(named, 'resellerName', "c'est moi le contact, Margaux Delahaye-Roux (revendeuse chez Axiome)", 'fr');
    assert.equal(r.type, 'answer');
    if (r.type === 'answer') assert.deepEqual(r.slots, { resellerName: 'Margaux Delahaye-Roux', resellerEmail: 'margaux@axiome-conseil.fr' });
  });
});
