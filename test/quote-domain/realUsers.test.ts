import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import { extractQuoteSlots, validateSlot } from '../../dialogs/validators/index.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * What black-box testers typed as busy resellers (rephrased, never copied), read by the form
 * interpreter and the validators on their own: references to another answer ("idem", "c'est
 * moi", "同上"), lead-ins and remarks around a value, a name beside an email, keyboard mash, the
 * target edition of an upgrade, one of two SENs corrected, a double tap versus the same value
 * typed again later.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-02T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang, extra: Partial<Parameters<typeof interpretFormTurn>[0]> = {}): FormReading =>
  interpretFormTurn({ draft, asked, text, lang, now, lexicon, ...extra });
const slotsOf = (r: FormReading) => ('slots' in r ? r.slots : {}) as Record<string, unknown>;

const renewal = toDraft({
  kind: 'dc-renewal',
  slots: { sen: ['SEN-L1212121', 'SEN-L3434343'], product: ['confluence'], technicalContactEmail: 'mei@yunshan.cn', resellerName: 'Claire Fontaine', resellerEmail: 'claire@fontaine-it.fr' },
  answered: ['sen', 'product', 'resellerName', 'resellerEmail', 'technicalContactEmail'],
});
const dcNew = toDraft({
  kind: 'dc-new',
  slots: { product: ['jira'], tier: 500, resellerName: 'Claire Fontaine', resellerEmail: 'claire@fontaine-it.fr', technicalContactName: 'Paul Girard', technicalContactEmail: 'paul@girard.fr' },
  answered: ['product', 'tier', 'resellerName', 'resellerEmail', 'technicalContactName', 'technicalContactEmail'],
});

describe('real users: a pointer to another answer is resolved, never stored as typed', () => {
  const cases: Array<[Lang, QuoteDraft, SlotName, string, Record<string, unknown>]> = [
    ['fr', toDraft({ ...renewal, slots: { ...renewal.slots, technicalContactName: 'Mei Lin' }, answered: [...renewal.answered, 'technicalContactName'] }), 'endUserName', 'idem', { endUserName: 'Mei Lin', endUserEmail: 'mei@yunshan.cn' }],
    ['zh', renewal, 'endUserEmail', '同上', { endUserEmail: 'mei@yunshan.cn' }],
    ['en', renewal, 'endUserEmail', 'same as above', { endUserEmail: 'mei@yunshan.cn' }],
    ['fr', toDraft({ ...dcNew, slots: { ...dcNew.slots, technicalContactName: undefined, technicalContactEmail: undefined } }), 'technicalContactName', "c'est moi", { technicalContactName: 'Claire Fontaine', technicalContactEmail: 'claire@fontaine-it.fr' }],
    ['zh', toDraft({ ...dcNew, slots: { ...dcNew.slots, technicalContactName: undefined, technicalContactEmail: undefined } }), 'technicalContactName', '就是我', { technicalContactName: 'Claire Fontaine' }],
    ['en', toDraft({ ...dcNew, slots: { ...dcNew.slots, technicalContactName: undefined, technicalContactEmail: undefined } }), 'technicalContactName', "that's me", { technicalContactName: 'Claire Fontaine' }],
    ['fr', renewal, 'endUserEmail', 'la même que le contact technique', { endUserEmail: 'mei@yunshan.cn' }],
  ];
  for (const [lang, draft, asked, text, expected] of cases) {
    it(`${lang}: "${text}" at ${asked}`, () => {
      const reading = read(draft, asked, text, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      for (const [slot, value] of Object.entries(expected)) assert.equal(slotsOf(reading)[slot], value, slot);
      assert.ok(!Object.values(slotsOf(reading)).includes(text), 'the pointer itself is not stored');
    });
  }
  for (const [lang, text] of [['fr', 'idem'], ['fr', "c'est moi"], ['zh', '同上'], ['en', 'same as above']] as const) {
    it(`${lang}: "${text}" is no name as a value`, () => assert.equal(validateSlot('endUserName', text, lang).ok, false));
  }
});

describe('real users: lead-ins, remarks and mash around a value', () => {
  const cases: Array<[Lang, SlotName, string, string | false]> = [
    ['en', 'authorizedContactName', 'as I said, Dana Ruiz', 'Dana Ruiz'],
    ['en', 'resellerName', "that's me - Greg Hollis", 'Greg Hollis'],
    ['en', 'endUserOrganization', 'Greenfield Analytics Inc (said that already)', 'Greenfield Analytics Inc'],
    ['fr', 'endUserOrganization', "je l'ai déjà dit au début ?? Boulangeries Martin SAS", 'Boulangeries Martin SAS'],
    ['fr', 'endUserOrganization', 'Ateliers Roux (Lyon)', 'Ateliers Roux (Lyon)'],
    ['zh', 'resellerCompany', '开头说过了 汇通科技', '汇通科技'],
    ['zh', 'endUserName', '她叫王芳', '王芳'],
    ['en', 'resellerName', 'asdkjh qwpoe ;;;', false],
    ['fr', 'resellerName', 'Hirschfeld Dvořák', 'Hirschfeld Dvořák'],
    ['fr', 'endUserOrganization', '1000 utilisateurs', false],
  ];
  for (const [lang, slot, text, expected] of cases) {
    it(`${lang} ${slot}: "${text}"`, () => {
      const result = validateSlot(slot, text, lang);
      if (expected === false) assert.equal(result.ok, false, JSON.stringify(result));
      else assert.deepEqual(result, { ok: true, value: expected });
    });
  }
});

describe('real users: what else an answer or a sentence holds', () => {
  it('fr: a name beside the email at the email prompt fills the name too', () => {
    const draft = toDraft({ ...renewal, slots: { ...renewal.slots, technicalContactEmail: undefined } });
    const reading = read(draft, 'technicalContactEmail', "c'est jean-marc.dubois@acme.fr, il s'appelle Jean-Marc Dubois", 'fr');
    assert.equal(reading.type, 'answer');
    assert.deepEqual(slotsOf(reading), { technicalContactEmail: 'jean-marc.dubois@acme.fr', technicalContactName: 'Jean-Marc Dubois' });
  });
  it('zh: "邮箱 名字" at the email prompt fills both', () => {
    const draft = toDraft({ ...renewal, slots: { ...renewal.slots, technicalContactEmail: undefined } });
    assert.deepEqual(slotsOf(read(draft, 'technicalContactEmail', 'wangfang@yunshan.cn 王芳', 'zh')), { technicalContactEmail: 'wangfang@yunshan.cn', technicalContactName: '王芳' });
  });
  it('en/fr: the reseller name with the company after it', () => {
    const draft = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L1212121'] } });
    assert.deepEqual(slotsOf(read(draft, 'resellerName', 'Sophie Marchand de chez Numérik Partenaires', 'fr')), { resellerName: 'Sophie Marchand', resellerCompany: 'Numérik Partenaires' });
    assert.deepEqual(slotsOf(read(draft, 'resellerName', 'Jean de la Fontaine', 'fr')), { resellerName: 'Jean de la Fontaine' });
  });
  it('en: one of two SENs corrected keeps the other', () => {
    const reading = read(renewal, 'endUserName', 'oops, the second SEN is SEN-L3434344 not 343', 'en');
    assert.deepEqual(slotsOf(reading).sen, ['SEN-L1212121', 'SEN-L3434344']);
  });
  it('fr: "finalement" does not name the end user: the count is the tier, never an organisation', () => {
    const draft = toDraft({ kind: 'dc-upgrade', slots: { sen: ['SEN-L8812306'], product: ['bitbucket'], tier: 500 }, answered: ['sen', 'product', 'tier'] });
    const reading = read(draft, 'resellerName', 'attendez, finalement ce sera 1000 utilisateurs, pas 500', 'fr');
    assert.equal(slotsOf(reading).tier, 1000);
    assert.equal(slotsOf(reading).endUserOrganization, undefined);
  });
  for (const [lang, text] of [
    ['fr', 'upgrade cloud, on passe Confluence de Standard à Premium, 150 users'],
    ['en', 'cloud upgrade: Jira from Standard to Premium, 150 users'],
    ['zh', 'Cloud升级 Jira 从标准版升级到高级版 150用户'],
  ] as const) {
    it(`${lang}: an upgrade names the target edition last`, () => assert.equal(extractQuoteSlots(text, lang).slots.edition, 'premium'));
  }
  it('en: "Premium, not Standard" is Premium', () => assert.equal(extractQuoteSlots('cloud quote Jira Premium, not Standard, 100 users', 'en').slots.edition, 'premium'));
  for (const [lang, text, expected] of [
    ['en', "new Jira cloud site for Bondi Surf Co, 75 users, they'll pay by card", 'card'],
    ['fr', 'devis Jira Data Center 500 utilisateurs, paiement par carte', 'card'],
    ['zh', '新购Confluence数据中心 2000用户 付款要报价单', 'quote'],
    ['en', 'new Jira DC licence, 500 users', undefined],
  ] as const) {
    it(`${lang}: the payment choice said in the opening sentence (${expected ?? 'none'})`, () => assert.equal(extractQuoteSlots(text, lang).slots.paymentPreference, expected));
  }
});

describe('real users: a double tap versus the same value typed again later', () => {
  const draft = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L1212121'], product: ['jira'], technicalContactEmail: 'wf@ys.cn', endUserName: '王芳' }, answered: ['sen', 'product', 'technicalContactEmail', 'endUserName'] });
  it('zh: within seconds it is a repeat', () => {
    assert.equal(read(draft, 'endUserEmail', '王芳', 'zh', { previous: { text: '王芳', slot: 'endUserName', at: now.getTime() - 1500 } }).type, 'repeat');
  });
  it('zh: a minute later at a name prompt it is the answer', () => {
    const reading = read(draft, 'resellerName', '王芳', 'zh', { previous: { text: '王芳', slot: 'endUserName', at: now.getTime() - 60_000 } });
    assert.equal(reading.type, 'answer');
    assert.equal(slotsOf(reading).resellerName, '王芳');
  });
});

describe('real users: corrections at the summary', () => {
  const jsm = toDraft({ kind: 'dc-new', slots: { product: ['jira-service-management'], tier: 500, maintenanceYears: 3, resellerName: 'Claire Fontaine' }, answered: ['product', 'tier', 'maintenanceYears', 'resellerName'] });
  const site = toDraft({
    kind: 'cloud-existing',
    slots: { siteUrl: 'https://x.atlassian.net', product: ['jira'], tier: 50, resellerName: '经销商何静', resellerEmail: 'h@t.cn', authorizedContactName: '周敏', authorizedContactEmail: 'zm@x.cn' },
    answered: ['siteUrl', 'product', 'tier', 'authorizedContactName', 'authorizedContactEmail', 'resellerName', 'resellerEmail'],
  });
  const notices = (r: FormReading) => ('notices' in r ? r.notices.map((n) => n.key) : []);
  it('fr: "c\'est 250 pas 500" on Data Center says the smallest tier instead of asking which field', () => {
    const reading = read(jsm, 'confirm', "non attends, c'est 250 pas 500", 'fr');
    assert.equal(reading.type, 'correction');
    assert.deepEqual(notices(reading), ['quote:notice.tierMinimum']);
  });
  it('fr: years out of range get the range', () => assert.deepEqual(notices(read(jsm, 'confirm', 'en fait 6 ans de maintenance', 'fr')), ['quote:invalid.maintenanceYears']));
  it('zh: "名字是何静" goes to the name answered last; the negated old value goes nowhere', () => {
    assert.deepEqual(slotsOf(read(site, 'confirm', '名字是何静', 'zh')), { resellerName: '何静' });
    assert.deepEqual(slotsOf(read(site, 'confirm', '我的名字是何静 不是经销商何静', 'zh')), { resellerName: '何静' });
  });
  it('en in a Chinese chat: a name and the email after it', () => {
    assert.deepEqual(slotsOf(read(site, 'confirm', "oops no, I'm the reseller: Carla Mendes, carla@mendes-it.ca", 'zh')), { resellerName: 'Carla Mendes', resellerEmail: 'carla@mendes-it.ca' });
  });
  it('zh/en: one product on file changed to another', () => {
    assert.deepEqual(slotsOf(read(site, 'confirm', '产品改成Confluence', 'zh')).product, ['confluence']);
    assert.deepEqual(slotsOf(read(site, 'confirm', 'change it to Confluence', 'en')).product, ['confluence']);
  });
  it('en: "to Premium (currently Standard)" is Premium', () => assert.equal(extractQuoteSlots('cloud upgrade: Jira to Premium (currently Standard)', 'en').slots.edition, 'premium'));
  for (const [lang, text, org] of [
    ['en', 'new cloud site for customer Harbor Dental LLC, Jira 20 users', 'Harbor Dental LLC'],
    ['fr', 'nouveau site cloud, Jira + Confluence, client : Librairie Delacroix', 'Librairie Delacroix'],
    ['zh', '新购Confluence数据中心 2000用户 最终客户南京金陵银行', '南京金陵银行'],
  ] as const) {
    it(`${lang}: the customer organisation after "${org}"'s role word`, () => assert.equal(extractQuoteSlots(text, lang).slots.endUserOrganization, org));
  }
  it('fr: a second email at an email prompt is kept in the notes as cc', () => {
    const draft = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L1212121'], product: ['jira'] } });
    const reading = read(draft, 'endUserEmail', 'jean.petit@client-exemple.fr, et en copie marie@client-exemple.fr', 'fr');
    assert.equal(slotsOf(reading).endUserEmail, 'jean.petit@client-exemple.fr');
    assert.equal(slotsOf(reading).notes, 'cc: marie@client-exemple.fr');
  });
});
