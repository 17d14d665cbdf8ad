import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import type { Lang } from '../../knowledge/lang.js';
import { splitLanguageRequest } from '../../knowledge/language/languageRequest.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * Defects a black-box tester found in real conversation, from tables, without a bot: a language
 * request with a value in the same message, lead-ins before a name, the tie between the field
 * asked and another one. The conversations themselves are in test/quote-dialogs/conversationTurns.test.ts.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-02T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked, text, lang, now, lexicon });

const cloudNew = toDraft({ kind: 'cloud-new', slots: { product: ['jira'], tier: 50 }, answered: ['product', 'tier'] });
const cloudNewAtContact = toDraft({
  kind: 'cloud-new',
  slots: { product: ['jira'], tier: 50, resellerName: 'Hugo Lambert', resellerEmail: 'hugo@lambert-it.fr', billingAddress: '4 quai des Chartrons, 33000 Bordeaux' },
  answered: ['product', 'tier', 'resellerName', 'resellerEmail', 'billingAddress'],
});

describe('language request and a value in one message', () => {
  const cases: Array<[string, { lang: Lang; rest: string } | undefined]> = [
    ['can we continue in English? the contact is Li Na', { lang: 'en', rest: 'the contact is Li Na' }],
    ["on peut passer en français ? le contact c'est Marie Roux", { lang: 'fr', rest: "le contact c'est Marie Roux" }],
    ['用中文吧，联系人是王芳', { lang: 'zh', rest: '联系人是王芳' }],
    ['in English please. I need a quote for Jira Cloud', { lang: 'en', rest: 'I need a quote for Jira Cloud' }],
    ['Dr. Anne Weber, in English please', { lang: 'en', rest: 'Dr. Anne Weber' }],
    // The request alone, politeness included, leaves nothing to read.
    ['can we continue in English, please?', { lang: 'en', rest: '' }],
    ['on peut continuer en français svp ?', { lang: 'fr', rest: '' }],
    ['用中文吧，谢谢', { lang: 'zh', rest: '' }],
    // Back to a language used before (QA10: "切换回中文" after filing was an unknown question).
    ['切换回中文', { lang: 'zh', rest: '' }],
    ['换回英文吧', { lang: 'en', rest: '' }],
    ['on repasse en français ?', { lang: 'fr', rest: '' }],
    ['can we go back to English please?', { lang: 'en', rest: '' }],
    ['Li Na', undefined],
    ['Marie Roux', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${JSON.stringify(expected)}`, () => assert.deepEqual(splitLanguageRequest(text), expected));
  }

  // What is left is read at the prompt like any answer: the contact's name, without its lead-in.
  const rests: Array<[Lang, string, string]> = [
    ['en', 'the contact is Li Na', 'Li Na'],
    ['fr', "le contact c'est Marie Roux", 'Marie Roux'],
    ['zh', '联系人是王芳', '王芳'],
  ];
  for (const [lang, rest, name] of rests) {
    it(`${lang}: "${rest}" at the contact's prompt is the contact's name`, () => {
      const reading = read(cloudNewAtContact, 'endUserName', rest, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      if (reading.type === 'answer') assert.equal(reading.slots.endUserName, name);
    });
  }
});

describe('lead-ins before a name, and the tie between fields', () => {
  const cases: Array<[Lang, QuoteDraft, SlotName, string, string]> = [
    ['fr', cloudNew, 'resellerName', "c'est : Jean Dupont", 'Jean Dupont'],
    ['fr', cloudNew, 'resellerName', 'le nom : Jean Dupont', 'Jean Dupont'],
    ['fr', cloudNewAtContact, 'endUserName', 'le nom : Jean Dupont', 'Jean Dupont'],
    ['en', cloudNew, 'resellerName', "I already told you, it's Jean Dupont", 'Jean Dupont'],
    ['en', cloudNewAtContact, 'endUserName', "I already told you, it's Jean Dupont", 'Jean Dupont'],
    ['zh', cloudNew, 'resellerName', '我说过了，是王芳', '王芳'],
    ['zh', cloudNewAtContact, 'endUserName', '我说过了，是王芳', '王芳'],
    ['en', cloudNew, 'resellerName', 'Dr. Anne Weber', 'Dr. Anne Weber'],
  ];
  for (const [lang, draft, asked, text, value] of cases) {
    it(`${lang} at ${asked}: "${text}" → ${value}`, () => {
      const reading = read(draft, asked, text, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      if (reading.type === 'answer') {
        assert.equal(reading.slots[asked], value);
        assert.deepEqual(reading.changes, [], 'no other field changed');
      }
    });
  }
});

const dcRenewal = toDraft({
  kind: 'dc-renewal',
  slots: { sen: ['SEN-L2468024'], product: ['confluence'], technicalContactEmail: 'it@kehu.cn', endUserName: 'Li Wei', endUserEmail: 'liwei@kehu.cn', resellerName: 'Zhou Ting', resellerEmail: 'zhou@xinrui.cn' },
  answered: ['sen', 'product', 'technicalContactEmail', 'endUserName', 'endUserEmail', 'resellerName', 'resellerEmail'],
});
const coterm = toDraft({
  kind: 'coterm',
  slots: { sen: ['SEN-L1357913'], targetDate: '2027-06-30', resellerName: 'Ruth Kim', resellerEmail: 'ruth@kim-it.com', notes: 'PO to follow' },
  answered: ['sen', 'targetDate', 'resellerName', 'resellerEmail'],
});

describe('remarks: facts without a field under the summary, cued notes at any prompt', () => {
  const notes: Array<[Lang, QuoteDraft, SlotName, string, string]> = [
    // Under the summary, a fact this kind has no field for (no tier in a renewal, no billing address in a co-term).
    ['zh', dcRenewal, 'confirm', '还有用户数80个agent别漏了', '还有用户数80个agent别漏了'],
    ['en', dcRenewal, 'confirm', 'they need it before 20 January', 'they need it before 20 January'],
    ['en', coterm, 'confirm', 'the billing address is 4 Mill Lane, Leeds', 'PO to follow ; the billing address is 4 Mill Lane, Leeds'],
    ['fr', dcRenewal, 'confirm', 'le client veut la facture avant la fin du mois', 'le client veut la facture avant la fin du mois'],
    // A cue at any prompt.
    ['en', dcRenewal, 'confirm', 'please note the PO number is 7781', 'the PO number is 7781'],
    ['en', cloudNew, 'resellerName', 'note: invoice the head office', 'invoice the head office'],
    ['fr', cloudNew, 'resellerName', 'remarque : le client paie par virement', 'le client paie par virement'],
    ['fr', cloudNew, 'resellerName', 'à noter : facturer le siège', 'facturer le siège'],
    ['zh', cloudNew, 'resellerName', '备注：需要开增值税专票', '需要开增值税专票'],
  ];
  // A co-term holds the customer's company and the reseller's since QA10 (Q10-10): named under the summary, it is that field.
  it('en at confirm in a co-term: "the customer company is Bramble Foods Ltd" is the end user organisation, not a note', () => {
    const reading = read(coterm, 'confirm', 'the customer company is Bramble Foods Ltd', 'en');
    assert.equal(reading.type, 'correction', JSON.stringify(reading));
    if (reading.type === 'correction') assert.deepEqual(reading.slots, { endUserOrganization: 'Bramble Foods Ltd' });
  });
  for (const [lang, draft, asked, text, expected] of notes) {
    it(`${lang} at ${asked}: "${text}" goes to the notes`, () => {
      const reading = read(draft, asked, text, lang);
      assert.equal(reading.type, 'note', JSON.stringify(reading));
      if (reading.type === 'note') assert.equal(reading.slots.notes, expected);
    });
  }

  const answers: Array<[Lang, string, FormReading['type'], string?]> = [
    // A question is never a yes, unless the whole text is a listed answer.
    ['fr', "ok mais c'est quoi le délai ?", 'question'],
    ['en', 'ok, and how long does it take?', 'question'],
    ['zh', '好的，要多久？', 'question'],
    ['fr', "c'est bon pour moi", 'answer', 'confirm'],
    ['fr', 'parfait, envoie', 'answer', 'confirm'],
    ['en', 'looks good, send it', 'answer', 'confirm'],
    ['zh', '没问题，提交吧', 'answer', 'confirm'],
    ['zh', '可以', 'answer', 'confirm'],
    // Noise is still refused.
    ['en', 'hmm', 'refused'],
  ];
  for (const [lang, text, type, choice] of answers) {
    it(`${lang} at the summary: "${text}" → ${type}${choice ? ` ${choice}` : ''}`, () => {
      const reading = read(dcRenewal, 'confirm', text, lang);
      assert.equal(reading.type, type, JSON.stringify(reading));
      if (reading.type === 'answer') assert.equal(reading.slots.confirm, choice);
    });
  }

  it('"Note Smith" at a name prompt is a name, not a cue', () => {
    const reading = read(cloudNew, 'resellerName', 'Note Smith', 'en');
    assert.equal(reading.type, 'answer');
  });
});

describe('names: form words, titles, people pointed at, swaps', () => {
  const dcNew = toDraft({
    kind: 'dc-new',
    slots: { product: ['jira'], tier: 1000, maintenanceYears: 1, resellerName: 'Priya Sharma', resellerEmail: 'priya@northgate.co.uk', resellerCompany: 'Northgate' },
    answered: ['product', 'tier', 'maintenanceYears', 'resellerName', 'resellerEmail', 'resellerCompany'],
  });
  const vocabulary: Array<[Lang, string]> = [['en', 'email'], ['en', 'contact'], ['fr', 'contact'], ['fr', 'Confirmer'], ['zh', '邮箱'], ['zh', '联系人']];
  for (const [lang, word] of vocabulary) {
    it(`${lang}: "${word}" alone is never stored as a name`, () => {
      const reading = read(dcNew, 'technicalContactName', word, lang);
      assert.ok(reading.type === 'refused' || reading.type === 'repeat', JSON.stringify(reading));
    });
  }
  it('en: "Dr." does not end a name after a role word', () => {
    const reading = read(dcNew, 'technicalContactEmail', 'the technical contact is Dr. Anne Weber', 'en');
    assert.equal(reading.type, 'correction');
    if (reading.type === 'correction') assert.equal(reading.slots.technicalContactName, 'Dr. Anne Weber');
  });
  const atSummary = toDraft({ ...dcNew, slots: { ...dcNew.slots, technicalContactName: 'Paul Durand', technicalContactEmail: 'paul@kestrel.fr' } });
  const pointed: Array<[Lang, string]> = [['en', 'wait, the two people'], ['fr', 'attends, les deux personnes'], ['zh', '等一下，这两个人']];
  for (const [lang, text] of pointed) {
    it(`${lang}: "${text}" is not a user count`, () => {
      const reading = read(atSummary, 'confirm', text, lang);
      assert.ok(!('slots' in reading) || reading.slots.tier === undefined, JSON.stringify(reading));
    });
  }
  it('fr: "oups j\'ai inversé les deux contacts" moves each email with its name', () => {
    const renewal = toDraft({
      kind: 'dc-renewal',
      slots: { sen: ['SEN-L1234567'], product: ['jira'], technicalContactName: 'Paul Durand', technicalContactEmail: 'paul@kestrel.fr', endUserName: 'Marie Roux', endUserEmail: 'marie@kestrel.fr', resellerName: 'Hugo Lambert', resellerEmail: 'hugo@lambert-it.fr' },
      answered: ['sen', 'product', 'technicalContactName', 'technicalContactEmail', 'endUserName', 'endUserEmail', 'resellerName', 'resellerEmail'],
    });
    const reading = read(renewal, 'confirm', "oups j'ai inversé les deux contacts", 'fr');
    assert.equal(reading.type, 'correction');
    if (reading.type === 'correction') {
      assert.deepEqual(reading.slots, { technicalContactName: 'Marie Roux', technicalContactEmail: 'marie@kestrel.fr', endUserName: 'Paul Durand', endUserEmail: 'paul@kestrel.fr' });
    }
  });
});

describe('under the summary: a SEN added, a field said wrong, a correction marker alone', () => {
  const existing = toDraft({
    kind: 'cloud-existing',
    slots: { sen: ['SEN-L1111111'], product: ['jira'], tier: 100, authorizedContactName: 'Paul Durand', authorizedContactEmail: 'paul@kestrel.fr', resellerName: 'Hugo Lambert', resellerEmail: 'hugo@lambert-it.fr' },
    answered: ['sen', 'product', 'tier', 'authorizedContactName', 'authorizedContactEmail', 'resellerName', 'resellerEmail'],
  });
  const adds: Array<[Lang, SlotName, string]> = [
    ['fr', 'confirm', 'il y a aussi SEN-L1234567'],
    ['en', 'confirm', 'add SEN-L1234567'],
    ['zh', 'confirm', '还有一个SEN-L1234567'],
    ['en', 'sen', 'add SEN-L1234567 too'],
    ['fr', 'sen', 'ajoutez SEN-L1234567'],
    ['zh', 'sen', '再加上SEN-L1234567'],
  ];
  for (const [lang, asked, text] of adds) {
    it(`${lang} at ${asked}: "${text}" adds the SEN`, () => {
      const reading = read(existing, asked, text, lang);
      assert.ok('slots' in reading, JSON.stringify(reading));
      if ('slots' in reading) assert.deepEqual(reading.slots.sen, ['SEN-L1111111', 'SEN-L1234567']);
    });
  }
  const edits: Array<[Lang, string, SlotName]> = [
    ['en', 'my email is wrong', 'resellerEmail'],
    ['fr', "l'email est faux", 'resellerEmail'],
    ['zh', '邮箱写错了', 'resellerEmail'],
    ['fr', "l'email du contact autorisé est faux", 'authorizedContactEmail'],
  ];
  for (const [lang, text, field] of edits) {
    it(`${lang}: "${text}" edits ${field} at once`, () => assert.deepEqual(read(existing, 'confirm', text, lang), { type: 'editField', field }));
  }
  const alone: Array<[Lang, string]> = [['fr', 'non attends'], ['en', 'wait, wrong'], ['zh', '不对不对']];
  for (const [lang, text] of alone) {
    it(`${lang}: "${text}" opens the Edit menu`, () => {
      const reading = read(existing, 'confirm', text, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      if (reading.type === 'answer') assert.equal(reading.slots.confirm, 'edit');
    });
  }
});

describe('an address typed at a name prompt', () => {
  const dcNewOrder = toDraft({ kind: 'dc-new', slots: { product: ['jira'], tier: 1000, maintenanceYears: 1 }, answered: ['product', 'tier', 'maintenanceYears'] });
  const cases: Array<[Lang, QuoteDraft, SlotName, string]> = [
    ['fr', dcNewOrder, 'resellerName', '12 rue de la Paix, 75002 Paris'],
    ['en', cloudNew, 'resellerName', '22 Pitt St, Sydney NSW 2000'],
    ['zh', cloudNew, 'resellerName', '上海市浦东新区张江路88号'],
  ];
  for (const [lang, draft, asked, text] of cases) {
    it(`${lang}: "${text}" goes to the address, the name stays open`, () => {
      const reading = read(draft, asked, text, lang);
      assert.equal(reading.type, 'correction', JSON.stringify(reading));
      if (reading.type === 'correction') {
        assert.equal(reading.slots.billingAddress, text);
        assert.equal(reading.slots[asked], undefined);
      }
    });
  }
  it('cloud-new: with our address given, one at the contact prompt is the customer\'s', () => {
    const reading = read(cloudNewAtContact, 'endUserName', '9 avenue Foch, 69006 Lyon', 'fr');
    assert.equal(reading.type, 'correction');
    if (reading.type === 'correction') assert.equal(reading.slots.billingAddress, '4 quai des Chartrons, 33000 Bordeaux ; 9 avenue Foch, 69006 Lyon');
  });
});

describe('a question comparing two fields', () => {
  const dcNewOrder = toDraft({ kind: 'dc-new', slots: { product: ['jira'], tier: 1000, maintenanceYears: 1 }, answered: ['product', 'tier', 'maintenanceYears'] });
  const cases: Array<[Lang, string]> = [
    ['en', "what's the difference between the technical contact and the billing contact?"],
    ['fr', 'quelle est la différence entre le contact technique et le contact de facturation ?'],
    ['zh', '技术联系人和账单联系人有什么区别？'],
  ];
  for (const [lang, text] of cases) {
    it(`${lang}: "${text}" explains both fields`, () =>
      assert.deepEqual(read(dcNewOrder, 'resellerName', text, lang), { type: 'question', about: 'field', fields: ['technicalContactName', 'resellerCompany'] }));
  }
});
