import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * The form interpreter on its own, from tables: what each message typed at a prompt is, and
 * which slots it changes. No bot, no HTTP: the dialogs' behaviour is tested in quote-dialogs/.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-02T10:00:00Z');

const dcNew = toDraft({
  kind: 'dc-new',
  slots: {
    product: ['jira'],
    tier: 1000,
    maintenanceYears: 1,
    resellerName: 'Priya Sharma',
    resellerEmail: 'priya@northgate.co.uk',
    resellerCompany: 'Northgate Solutions',
    technicalContactName: 'Oliver Hughes',
    technicalContactEmail: 'oliver@kestrel.co.uk',
    endUserOrganization: 'Kestrel Logistics',
  },
  answered: ['product', 'tier', 'maintenanceYears', 'resellerName', 'resellerEmail', 'resellerCompany', 'technicalContactName', 'technicalContactEmail', 'endUserOrganization'],
});
const cloudExisting = toDraft({ kind: 'cloud-existing', slots: { resellerName: 'Thomas Lefèvre', resellerEmail: 't.lefevre@digitalis.be' } });
const cloudMulti = toDraft({ kind: 'cloud-existing', slots: { product: ['jira', 'confluence'], tier: 150, resellerName: 'Ann Lee' }, answered: ['product', 'tier'] });
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang, extra: Partial<Parameters<typeof interpretFormTurn>[0]> = {}): FormReading =>
  interpretFormTurn({ draft, asked, text, lang, now, lexicon, ...extra });

describe('form interpreter: what a message at a prompt is', () => {
  const cases: Array<[string, Lang, QuoteDraft, SlotName, string, FormReading['type']]> = [
    // Questions at free-text prompts are never values.
    ['question at the name prompt', 'fr', cloudExisting, 'authorizedContactName', "c'est quoi le délai pour un virement ?", 'question'],
    ['question at the name prompt', 'zh', dcNew, 'billingAddress', '银行转账要几天？', 'question'],
    ['question at the address prompt', 'en', dcNew, 'billingAddress', "wait, is this my address or the customer's?", 'question'],
    ['question without a question mark', 'en', cloudExisting, 'authorizedContactName', 'can the authorized contact be the site admin', 'question'],
    ['question at a typed prompt', 'fr', dcNew, 'paymentPreference', 'est-ce que le paiement par virement prend longtemps ?', 'question'],
    // Buttons pressed again and double taps.
    ['a kind button at the name prompt', 'en', cloudExisting, 'authorizedContactName', 'Annual quote for an existing cloud site', 'repeat'],
    ['a kind button at the name prompt', 'fr', cloudExisting, 'authorizedContactName', 'Devis annuel pour un site cloud existant', 'repeat'],
    ['a summary button at a slot prompt', 'zh', dcNew, 'billingAddress', '确认', 'repeat'],
    // Status, restart, not knowing, monthly billing.
    ['status without a reference', 'fr', dcNew, 'billingAddress', 'où en est ma demande ?', 'status'],
    ['status without a reference', 'en', dcNew, 'billingAddress', "what's the status of my quote request?", 'status'],
    ['status without a reference', 'zh', dcNew, 'billingAddress', '我的报价进度怎么样了', 'status'],
    ['a reference typed at a prompt', 'en', dcNew, 'paymentPreference', 'QR-20261201-0007', 'status'],
    ['start over with a new request', 'en', dcNew, 'billingAddress', 'start over: upgrade Confluence DC, SEN-L7654321, 500 to 1000 users', 'restart'],
    ['start over with a new request', 'fr', dcNew, 'billingAddress', 'on recommence : renouvellement Jira Data Center SEN-L1234567', 'restart'],
    ['start over with a new request', 'zh', dcNew, 'billingAddress', '重新开始：续订 Confluence 数据中心 SEN-L7654321', 'restart'],
    ["I don't know", 'fr', dcNew, 'billingAddress', 'je ne sais pas', 'dontKnow'],
    ["I don't know", 'zh', dcNew, 'billingAddress', '不知道', 'dontKnow'],
    ["I don't know", 'en', dcNew, 'billingAddress', 'no idea', 'dontKnow'],
    ['monthly billing at the summary', 'en', cloudMulti, 'confirm', 'oh and can it be billed monthly instead?', 'refused'],
    ['monthly billing at a prompt', 'fr', cloudExisting, 'authorizedContactName', 'le client veut payer au mois', 'refused'],
    // Plausible values are answers.
    ['a name', 'fr', cloudExisting, 'authorizedContactName', 'Hélène Garnier', 'answer'],
    ['a name with a self-introduction', 'fr', dcNew, 'resellerName', "moi c'est Julien Moreau", 'answer'],
    ['a Chinese name', 'zh', dcNew, 'technicalContactName', '刘芳', 'answer'],
    ['a company', 'en', dcNew, 'resellerCompany', 'Northgate Solutions Ltd', 'answer'],
    ['an address', 'en', dcNew, 'billingAddress', '14 Canal Street, Manchester M1 3HE, United Kingdom', 'answer'],
    ['an address', 'zh', dcNew, 'billingAddress', '上海市浦东新区张江路88号', 'answer'],
    ['a sentence is not a name', 'en', dcNew, 'resellerName', 'not sure who will sign it yet', 'refused'],
  ];
  for (const [what, lang, draft, asked, text, type] of cases) {
    it(`${lang} ${what}: "${text}" → ${type}`, () => {
      const reading = read(draft, asked, text, lang);
      assert.equal(reading.type, type, JSON.stringify(reading));
      if (reading.type === 'answer') assert.ok(!Object.values(reading.slots).includes(text.trim()) || !/[?？]/u.test(text));
    });
  }

  it('an answer sent again at the next prompt is a repeat, the third time it is meant', () => {
    const previous = { text: 'megan.carter@bluepinedental.com', slot: 'authorizedContactEmail' as const };
    assert.deepEqual(read(cloudExisting, 'resellerEmail', previous.text, 'en', { previous }), { type: 'repeat', of: 'authorizedContactEmail' });
    const meant = read(cloudExisting, 'resellerEmail', previous.text, 'en', { previous, repeatConfirmed: true });
    assert.equal(meant.type, 'answer');
  });

  it('a confident FAQ match at a free-text prompt is a question, not a value', () => {
    const reading = read(dcNew, 'resellerCompany', 'délai du virement bancaire pour payer une facture', 'fr', { faq: () => 'payment-methods' });
    assert.deepEqual(reading, { type: 'question', faqId: 'payment-methods' });
  });

  it('a language request is not the interpreter\u2019s: the intent layer switches language before (see runtime/language)', () => {
    assert.notEqual(read(dcNew, 'resellerName', 'can we continue in English please?', 'en').type, 'answer');
  });
});

describe('form interpreter: other slots a message fills', () => {
  it('a SEN at the site URL prompt goes to the SEN, never to an invented URL', () => {
    const reading = read(cloudExisting, 'siteUrl', 'SEN-C7778889', 'fr');
    assert.equal(reading.type, 'correction');
    assert.deepEqual(reading.type === 'correction' && reading.slots, { sen: ['SEN-C7778889'] });
  });

  it('an email at a name prompt goes to that person\u2019s email', () => {
    const reading = read(cloudExisting, 'authorizedContactName', 'h.garnier@brasserie-lune.be', 'fr');
    assert.deepEqual(reading.type === 'correction' && reading.slots, { authorizedContactEmail: 'h.garnier@brasserie-lune.be' });
  });

  it('a name with its email fills both', () => {
    const reading = read(cloudExisting, 'authorizedContactName', 'Tom Baker, tom.baker@harbourline.com.au', 'en');
    assert.deepEqual(reading.type === 'answer' && reading.slots, { authorizedContactName: 'Tom Baker', authorizedContactEmail: 'tom.baker@harbourline.com.au' });
  });
});

describe('form interpreter: corrections', () => {
  const cases: Array<[Lang, QuoteDraft, SlotName, string, Record<string, unknown>]> = [
    ['en', dcNew, 'paymentPreference', 'sorry, it should be 2000 users, not 1000', { tier: 2000 }],
    ['fr', dcNew, 'paymentPreference', 'ah non en fait 2000 users, pas 1000', { tier: 2000 }],
    ['zh', dcNew, 'confirm', '改成3000用户', { tier: 3000 }],
    ['en', dcNew, 'billingAddress', 'sorry, actually Jira should be 2000 users not 1000', { tier: 2000 }],
    ['fr', dcNew, 'confirm', 'non, 3 ans', { maintenanceYears: 3 }],
    ['en', dcNew, 'confirm', 'the technical contact email is o.hughes@kestrel.co.uk, not oliver@kestrel.co.uk', { technicalContactEmail: 'o.hughes@kestrel.co.uk' }],
    ['zh', dcNew, 'confirm', '邮箱写错了，应该是o.hughes@kestrel.co.uk', { technicalContactEmail: 'o.hughes@kestrel.co.uk' }],
    ['fr', dcNew, 'confirm', "en fait le contact technique c'est Paul Durand", { technicalContactName: 'Paul Durand' }],
    ['fr', dcNew, 'paymentPreference', "oups j'ai inversé les deux contacts", {
      resellerName: 'Oliver Hughes',
      resellerEmail: 'oliver@kestrel.co.uk',
      technicalContactName: 'Priya Sharma',
      technicalContactEmail: 'priya@northgate.co.uk',
    }],
  ];
  for (const [lang, draft, asked, text, expected] of cases) {
    it(`${lang} at ${asked}: "${text}"`, () => {
      const reading = read(draft, asked, text, lang);
      assert.equal(reading.type, 'correction', JSON.stringify(reading));
      if (reading.type !== 'correction') return;
      assert.deepEqual(reading.slots, expected);
      assert.equal(reading.changes.length, Object.keys(expected).length, 'every change is listed, to be said back');
    });
  }

  it('a new name and email for a named person change both', () => {
    const reading = read(dcNew, 'confirm', "the technical contact is not Oliver Hughes, it's Rahul Joshi, rahul.joshi@kestrel.co.uk", 'en');
    assert.equal(reading.type, 'correction');
    assert.deepEqual(reading.type === 'correction' && reading.slots, { technicalContactEmail: 'rahul.joshi@kestrel.co.uk', technicalContactName: 'Rahul Joshi' });
  });

  it('a remark in brackets is not part of a corrected address', () => {
    const reading = read(dcNew, 'confirm', "erratum pour l'adresse de facturation : c'est Rue de Fer 28, 5000 Namur, Belgique (28, pas 26)", 'fr');
    assert.deepEqual(reading.type === 'correction' && reading.slots, { billingAddress: 'Rue de Fer 28, 5000 Namur, Belgique' });
  });

  it('a date named by its field changes without a correction word', () => {
    const coterm = toDraft({ kind: 'coterm', slots: { sen: ['SEN-L1234567', 'SEN-L7654321'], targetDate: '2027-06-30', resellerName: 'Ann Lee', resellerEmail: 'ann@x.com' } });
    const reading = read(coterm, 'confirm', 'ah, scratch that, finance moved it — target date is 31 December 2027', 'en');
    assert.deepEqual(reading.type === 'correction' && reading.slots, { targetDate: '2027-12-31' });
  });

  it('"same as the technical contact" at the end user prompt copies that person', () => {
    const renewal = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L1234567'], product: ['jira'], technicalContactName: 'Paul Girard', technicalContactEmail: 'p.girard@soieries.fr' } });
    for (const [text, lang] of [['same as the technical contact', 'en'], ["identique au contact technique", 'fr'], ['和技术联系人一样', 'zh']] as const) {
      const reading = read(renewal, 'endUserName', text, lang);
      assert.deepEqual(reading.type === 'answer' && reading.slots, { endUserName: 'Paul Girard', endUserEmail: 'p.girard@soieries.fr' }, text);
    }
  });

  it('a question naming another field of the form gets that field explained', () => {
    const reading = read(cloudExisting, 'authorizedContactEmail', '授权联系人一定要是站点管理员吗？', 'zh');
    assert.deepEqual(reading, { type: 'question', about: 'field', field: 'authorizedContactName' });
  });

  it('a confident FAQ answer beats one weak word of the field asked', () => {
    const cloudNew = toDraft({ kind: 'cloud-new', slots: { product: ['jira'], tier: 100, resellerName: 'Léa Morel' }, answered: ['product', 'tier', 'resellerName'] });
    const faq = () => 'tax-vat';
    for (const [text, lang] of [
      ["et la TVA, elle se calcule comment pour un client basé en Espagne ?", 'fr'],
      ['客户在西班牙的话，增值税怎么算？', 'zh'],
      ['how does VAT work for a client based in Spain?', 'en'],
    ] as const) {
      assert.deepEqual(read(cloudNew, 'billingAddress', text, lang, { faq }), { type: 'question', faqId: 'tax-vat' }, text);
    }
    // Without a sure topic, the same question is about the address asked.
    assert.deepEqual(read(cloudNew, 'billingAddress', "c'est l'adresse du client ou la mienne ?", 'fr'), { type: 'question', about: 'field' });
  });

  it('a count rounded to a tier says so', () => {
    const reading = read(dcNew, 'confirm', 'actually 300 users', 'en');
    assert.equal(reading.type === 'correction' && reading.slots.tier, 500);
    assert.equal(reading.type === 'correction' && reading.notices[0]?.key, 'quote:notice.tierMinimum');
  });

  it('a tier for one product of several goes to that product', () => {
    const reading = read(cloudMulti, 'confirm', 'sorry, Jira should be 300 users', 'en');
    assert.equal(reading.type, 'correction');
    assert.deepEqual(reading.type === 'correction' && reading.draft.itemTiers, { jira: 300 });
  });

  it('the value marked as old is never taken as the new one', () => {
    const reading = read(dcNew, 'confirm', 'not 1000 but 2000 users', 'en');
    assert.equal(reading.type === 'correction' && reading.slots.tier, 2000);
  });

  it('a plain answer changes nothing else', () => {
    const reading = read(dcNew, 'billingAddress', '14 Canal Street, Manchester M1 3HE', 'en');
    assert.equal(reading.type, 'answer');
    assert.deepEqual(reading.type === 'answer' && reading.changes, []);
  });
});
