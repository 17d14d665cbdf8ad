import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { keepsAsIs } from '../../dialogs/quote/keepAsIs.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import { isReferenceWord } from '../../dialogs/validators/plausible.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * An answer and a question in one message (black-box round 11, F2 F11 F21 F5): the answer is
 * read from the sentences that ask nothing, the question kept to answer too. The Edit menu's
 * way out and "never mind" as no name. From tables, no bot.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked, text, lang, now, lexicon });

const cloudNew = toDraft({ kind: 'cloud-new', slots: { resellerName: 'Iris Vane' }, answered: ['resellerName'] });
const dcNew = toDraft({ kind: 'dc-new', slots: { product: ['confluence'], tier: 500 }, answered: ['product', 'tier'] });
const cloudRenewal = toDraft({ kind: 'cloud-renewal', slots: { siteUrl: 'https://pellor.atlassian.net', product: ['jira'] } });
const dcWithReseller = toDraft({
  kind: 'dc-new',
  slots: { product: ['jira'], tier: 1000, maintenanceYears: 1, resellerName: 'Tomas Grell', resellerEmail: 'tomas@grell-it.de' },
  answered: ['product', 'tier', 'maintenanceYears', 'resellerName', 'resellerEmail'],
});

describe('an answer and a question in one message', () => {
  const cases: Array<[string, QuoteDraft, SlotName, Lang, string, Partial<Record<SlotName, unknown>>, string]> = [
    ['email', cloudNew, 'resellerEmail', 'fr', "iris@vane-conseil.fr. Et on peut payer à 30 jours ?", { resellerEmail: 'iris@vane-conseil.fr' }, 'payer à 30 jours'],
    ['email', cloudNew, 'resellerEmail', 'en', 'iris@vane-it.com. Quick one: can we pay by wire transfer?', { resellerEmail: 'iris@vane-it.com' }, 'wire transfer'],
    ['years', dcNew, 'maintenanceYears', 'fr', "4 ans. C'est dégressif sur plusieurs années ?", { maintenanceYears: 4 }, 'dégressif'],
    ['years', dcNew, 'maintenanceYears', 'zh', '4年。多年一起买有优惠吗？', { maintenanceYears: 4 }, '多年'],
    ['contact', cloudRenewal, 'authorizedContactName', 'zh', '贺凡，站点管理员，hefan@pellor.cn。顺便问下，许可证密钥去哪里看？', { authorizedContactName: '贺凡', authorizedContactEmail: 'hefan@pellor.cn' }, '许可证密钥'],
    ['self', dcWithReseller, 'technicalContactName', 'zh', '技术联系人就是我。对了，有折扣吗？', { technicalContactName: 'Tomas Grell', technicalContactEmail: 'tomas@grell-it.de' }, '折扣'],
  ];
  for (const [what, draft, asked, lang, text, slots, question] of cases) {
    it(`${lang} ${what}: "${text}" answers ${asked} and keeps the question`, () => {
      const r = read(draft, asked, text, lang);
      assert.equal(r.type, 'answer', JSON.stringify(r));
      if (r.type !== 'answer') return;
      for (const [slot, value] of Object.entries(slots)) assert.deepEqual(r.slots[slot as SlotName], value, JSON.stringify(r.slots));
      assert.ok(r.question?.text.includes(question), JSON.stringify(r.question));
    });
  }

  it('a question alone is still a question; a plain answer carries none', () => {
    assert.equal(read(cloudNew, 'resellerEmail', 'on peut payer par virement ?', 'fr').type, 'question');
    const plain = read(cloudNew, 'resellerEmail', 'iris@vane-conseil.fr', 'fr');
    assert.ok(plain.type === 'answer' && plain.question === undefined, JSON.stringify(plain));
  });
  it('under the summary the message is not split (Confirm files there)', () => {
    const r = read(dcWithReseller, 'confirm', 'Confirm. Can we pay by wire transfer?', 'en');
    assert.ok(!(r.type === 'answer' && r.question), JSON.stringify(r));
  });
});

describe('the Edit menu way out and taking back', () => {
  const out: Array<[Lang, string, boolean]> = [
    ['en', 'never mind, all fine', true],
    ['en', 'back', true],
    ['en', 'Confirm', true],
    ['fr', 'retour', true],
    ['fr', 'finalement rien', true],
    ['zh', '算了', true],
    ['zh', '没事，都对', true],
    ['en', 'the billing address', false],
    ['fr', "l'adresse de facturation est fausse, il manque le pays et le code postal", false],
  ];
  for (const [lang, text, expected] of out) {
    it(`${lang}: "${text}" ${expected ? 'is' : 'is not'} the way out`, () => assert.equal(keepsAsIs(text, lang), expected));
  }
  const names: Array<[Lang, string, boolean]> = [
    ['zh', '算了，不用了', true],
    ['en', 'never mind, forget it', true],
    ['fr', 'laisse tomber', true],
    ['zh', '贺凡', false],
    ['en', 'Forget Smith', false],
  ];
  for (const [lang, text, expected] of names) {
    it(`${lang}: "${text}" ${expected ? 'names nobody' : 'may be a name'}`, () => assert.equal(isReferenceWord(text, lang), expected));
  }
});

describe('one person in two roles', () => {
  const dcRenewal = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L2718281'], product: ['jira'] } });
  it('fr: "…, c\'est aussi le contact client" at the technical contact gives the end user the same name and email', () => {
    const r = read(dcRenewal, 'technicalContactEmail', "Anouk Sérel, anouk@serel-bois.fr, c'est aussi le contact client", 'fr');
    assert.ok(r.type === 'answer' || r.type === 'correction', JSON.stringify(r));
    assert.deepEqual([r.slots.endUserName, r.slots.endUserEmail], ['Anouk Sérel', 'anouk@serel-bois.fr'], JSON.stringify(r.slots));
  });
  it('zh: "…，也是最终用户" does the same', () => {
    const r = read(dcRenewal, 'technicalContactEmail', '宁远，ningyuan@yuanhang.cn，也是最终用户', 'zh');
    assert.ok(r.type === 'answer' || r.type === 'correction', JSON.stringify(r));
    assert.deepEqual([r.slots.endUserName, r.slots.endUserEmail], ['宁远', 'ningyuan@yuanhang.cn'], JSON.stringify(r.slots));
  });
  it('en: the name of the technical contact at the end user\'s name brings their email; another name does not', () => {
    const withContact = toDraft({ ...dcRenewal, slots: { ...dcRenewal.slots, technicalContactName: 'Rowan Hale', technicalContactEmail: 'rowan@hale-foods.com' } });
    const same = read(withContact, 'endUserName', 'the same one, Rowan Hale', 'en');
    assert.ok(same.type === 'answer' && same.slots.endUserEmail === 'rowan@hale-foods.com', JSON.stringify(same));
    const other = read(withContact, 'endUserName', 'Priya Hale', 'en');
    assert.ok(other.type === 'answer' && other.slots.endUserEmail === undefined, JSON.stringify(other));
  });
  it('a contact without "also" fills no end user', () => {
    const r = read(dcRenewal, 'technicalContactEmail', 'Anouk Sérel, anouk@serel-bois.fr', 'fr');
    assert.ok((r.type === 'answer' || r.type === 'correction') && r.slots.endUserName === undefined, JSON.stringify(r));
  });
});
