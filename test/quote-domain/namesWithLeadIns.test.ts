import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import { validateSlot } from '../../dialogs/validators/index.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * A name typed with what people say around it (black-box round 10, Q10-5/Q10-14): an
 * interjection or a lead-in before it ("bon ok, …", "you already have it: …", "好吧，…"), a
 * remark after it ("- same as last time!"), a sentence before it ("fine, yearly then. <Name>,
 * <Company>, <email>"). Only the name is kept; the company after it is the company. From tables.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked, text, lang, now, lexicon });
const cloudNew = () => toDraft({ kind: 'cloud-new', slots: { product: ['confluence'], tier: 50, edition: 'standard' } });
const cloudSite = () => toDraft({ kind: 'cloud-existing', slots: { siteUrl: 'https://pinecrest.atlassian.net', product: ['jira'], tier: 100 } });
const dcRenewal = () => toDraft({ kind: 'dc-renewal', slots: { product: ['bitbucket'], sen: ['SEN-L5127734'] } });

describe('a sentence before "Name, Company, email" at the reseller name prompt', () => {
  const cases: Array<[Lang, string, string, string, string]> = [
    ['en', 'fine, yearly then. Dana Whitlock, Ferncliff Systems, dana.whitlock@ferncliff.io', 'Dana Whitlock', 'Ferncliff Systems', 'dana.whitlock@ferncliff.io'],
    ['en', 'ok annual is fine. Owen Pritchard, Harbourline Data, owen@harbourline.co.uk', 'Owen Pritchard', 'Harbourline Data', 'owen@harbourline.co.uk'],
    ['fr', "bon d'accord, annuel alors. Julie Marceau, Onyx Conseil, julie.marceau@onyx-conseil.fr", 'Julie Marceau', 'Onyx Conseil', 'julie.marceau@onyx-conseil.fr'],
    ['zh', '那就按年付吧。刘强，北辰软件，liuqiang@beichen-soft.cn', '刘强', '北辰软件', 'liuqiang@beichen-soft.cn'],
  ];
  for (const [lang, text, name, company, email] of cases) {
    it(`${lang}: "${text}" is the name, the company and the email`, () => {
      const r = read(cloudNew(), 'resellerName', text, lang);
      assert.equal(r.type, 'answer', JSON.stringify(r));
      if (r.type !== 'answer') return;
      assert.equal(r.slots.resellerName, name);
      assert.equal(r.slots.resellerCompany, company);
      assert.equal(r.slots.resellerEmail, email);
    });
  }
});

describe('a lead-in or a remark beside a name is not part of it', () => {
  const cases: Array<[Lang, SlotName, string, string]> = [
    ['en', 'resellerName', 'Nora Quinlan - same as last time!', 'Nora Quinlan'],
    ['en', 'authorizedContactName', 'ok fine, Marcus Lowe', 'Marcus Lowe'],
    ['en', 'authorizedContactName', 'you already have it: Marcus Lowe', 'Marcus Lowe'],
    ['en', 'authorizedContactName', 'I just said it - Marcus Lowe', 'Marcus Lowe'],
    ['fr', 'resellerName', 'Lina Ferrand - comme la dernière fois !', 'Lina Ferrand'],
    ['fr', 'authorizedContactName', "bon d'accord, Odile Vasseur", 'Odile Vasseur'],
    ['fr', 'authorizedContactName', "vous l'avez déjà eu : Odile Vasseur", 'Odile Vasseur'],
    ['fr', 'authorizedContactName', 'je viens de vous le dire - Odile Vasseur', 'Odile Vasseur'],
    ['zh', 'resellerName', '周楠——和上次一样！', '周楠'],
    ['zh', 'authorizedContactName', '好吧，赵敏', '赵敏'],
    ['zh', 'authorizedContactName', '你们已经有了：赵敏', '赵敏'],
    ['zh', 'authorizedContactName', '我刚告诉过你了——赵敏', '赵敏'],
  ];
  for (const [lang, asked, text, name] of cases) {
    it(`${lang} at ${asked}: "${text}" is "${name}"`, () => {
      const draft = asked === 'authorizedContactName' ? cloudSite() : dcRenewal();
      const r = read(draft, asked, text, lang);
      assert.equal(r.type, 'answer', JSON.stringify(r));
      assert.equal(r.type === 'answer' && r.slots[asked], name);
    });
  }

  const none: Array<[Lang, string]> = [
    ['en', 'ok fine'],
    ['en', 'yes, sure'],
    ['fr', 'bon ok'],
    ['fr', "d'accord"],
    ['zh', '好吧'],
  ];
  for (const [lang, text] of none) {
    it(`${lang}: "${text}" alone is no name`, () => {
      assert.equal(validateSlot('resellerName', text, lang).ok, false);
      assert.notEqual(read(dcRenewal(), 'resellerName', text, lang).type, 'answer');
    });
  }

  const kept: Array<[Lang, SlotName, string, string]> = [
    ['en', 'resellerCompany', 'OK Computers Ltd', 'OK Computers Ltd'],
    ['en', 'resellerName', 'Dr. Anne Weber', 'Dr. Anne Weber'],
    ['fr', 'resellerName', 'J. Dupont', 'J. Dupont'],
    ['fr', 'resellerName', 'Jean de la Fontaine', 'Jean de la Fontaine'],
    ['en', 'resellerName', 'Will Bonney', 'Will Bonney'],
  ];
  for (const [lang, slot, text, value] of kept) {
    it(`${lang}: "${text}" stays whole at ${slot}`, () => {
      const r = validateSlot(slot, text, lang);
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.ok && r.value, value);
    });
  }
  it('two sentences are not one name', () => {
    assert.equal(validateSlot('resellerName', 'yearly then. dana whitlock', 'en').ok, false);
  });
});

describe('under the summary: the name, the company said before its role, the edition and the wanted site (Q10-6)', () => {
  const misnamed = (lang: Lang, name: string) =>
    toDraft({ kind: 'cloud-new', slots: { product: ['jira'], tier: 100, resellerName: name, resellerEmail: 'sales@ferncliff.example' }, answered: ['resellerName', 'resellerEmail'] });
  const cases: Array<[Lang, string, string, string, string]> = [
    ['en', "my name is Dana Whitlock, Ferncliff is the company. And it's Premium edition, site they want is ferncliff-demo.atlassian.net", 'Dana Whitlock', 'Ferncliff', 'https://ferncliff-demo.atlassian.net'],
    ['fr', "je m'appelle Julie Marceau, Onyx est notre société. Et c'est l'édition Premium, le site voulu est onyx-demo.atlassian.net", 'Julie Marceau', 'Onyx', 'https://onyx-demo.atlassian.net'],
    ['zh', '我叫刘强，北辰软件是我们公司。另外是高级版，想要的站点是 beichen-demo.atlassian.net', '刘强', '北辰软件', 'https://beichen-demo.atlassian.net'],
  ];
  for (const [lang, text, name, company, site] of cases) {
    it(`${lang}: "${text}" sets each field, never an edition as the company`, () => {
      const r = read(misnamed(lang, company), 'confirm', text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type !== 'correction') return;
      assert.equal(r.slots.resellerName, name);
      assert.equal(r.slots.resellerCompany, company);
      assert.equal(r.slots.edition, 'premium');
      // A new subscription has no site field: the wanted site is kept for the notes, and said.
      assert.equal(r.draft.unheld?.siteUrl, site);
      assert.ok(r.changes.some((c) => c.slot === 'siteUrl' && c.to === site));
    });
  }
  it('en: an edition after "the company." is the edition, no company', () => {
    const r = read(misnamed('en', 'Ferncliff Systems'), 'confirm', "my name is Dana Whitlock, the company. And it's Premium edition", 'en');
    assert.equal(r.type, 'correction', JSON.stringify(r));
    assert.equal(r.type === 'correction' && r.slots.resellerCompany, undefined);
    assert.equal(r.type === 'correction' && r.slots.edition, 'premium');
  });

  const renewal = (name: string) => toDraft({ kind: 'dc-renewal', slots: { product: ['bitbucket'], sen: ['SEN-L5127734'], resellerName: name, resellerEmail: 'n@brightmoor.example' }, answered: ['resellerName'] });
  const three: Array<[Lang, string, string, string, string]> = [
    ['en', 'name is just Nora Quinlan. company Brightmoor Digital, end customer Halden Foods Ltd', 'Nora Quinlan', 'Brightmoor Digital', 'Halden Foods Ltd'],
    ['fr', "le nom c'est juste Lina Ferrand. société : Brightmoor Numérique, client final Halden Alimentaire SA", 'Lina Ferrand', 'Brightmoor Numérique', 'Halden Alimentaire SA'],
    ['zh', '名字就是周楠。公司是明远数码，最终客户是海登食品有限公司', '周楠', '明远数码', '海登食品有限公司'],
  ];
  for (const [lang, text, name, company, org] of three) {
    it(`${lang}: "${text}" sets the name, the company and the customer`, () => {
      const r = read(renewal(`${name} - x`), 'confirm', text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type !== 'correction') return;
      assert.equal(r.slots.resellerName, name);
      assert.equal(r.slots.resellerCompany, company);
      assert.equal(r.slots.endUserOrganization, org);
    });
  }
  it('en: "for the company Acme Ltd" in an opening is not the reseller\'s company', () => {
    for (const text of ['the company Kestrel Ltd wants a Jira Cloud quote, 100 users, I\'m Ann Lee ann@resell.example', 'we need a quote for the company Kestrel Ltd: Jira Cloud, 100 users, I\'m Ann Lee ann@resell.example']) {
      assert.notEqual(detectQuoteRequest(text, 'en', now)?.slots?.resellerCompany, 'Kestrel Ltd', text);
    }
  });
  it('en: "company" after a customer word is not the reseller\'s', () => {
    const r = read(renewal('Nora Quinlan'), 'confirm', 'end customer company Halden Foods Ltd', 'en');
    assert.ok(!(r.type === 'correction' && r.slots.resellerCompany), JSON.stringify(r));
  });
});

describe('the authorized contact named "on the site" in an opening (Q10-15)', () => {
  const cases: Array<[Lang, string, string, string]> = [
    ['en', "Annual quote for an existing Confluence Cloud site marlow-ops.atlassian.net, Standard, 100 users. Authorized contact on the site is Gemma Royle gemma.royle@marlowops.example. I'm Ravi Menon, Quayside Cloud, ravi.menon@quayside.example", 'Gemma Royle', 'gemma.royle@marlowops.example'],
    ['fr', 'Devis annuel pour un site Confluence Cloud existant marlow-ops.atlassian.net, Standard, 100 utilisateurs. Le contact autorisé sur le site est Gemma Royle gemma.royle@marlowops.example. Je suis Ravi Menon, Quayside Cloud, ravi.menon@quayside.example', 'Gemma Royle', 'gemma.royle@marlowops.example'],
    ['zh', '现有 Confluence 云站点 marlow-ops.atlassian.net 要年度报价，标准版，100用户。站点上的授权联系人是郭婷 guoting@marlowops.example。我是启航软件的孙浩，sunhao@qihang.example', '郭婷', 'guoting@marlowops.example'],
  ];
  for (const [lang, text, name, email] of cases) {
    it(`${lang}: the authorized contact and their email are taken with the reseller's`, () => {
      const r = detectQuoteRequest(text, lang, now);
      assert.equal(r?.kind, 'cloud-existing', JSON.stringify(r));
      const slots = r?.slots ?? {};
      assert.equal(slots.authorizedContactName, name);
      assert.equal(slots.authorizedContactEmail, email);
      assert.ok(slots.resellerName && slots.resellerEmail && slots.resellerEmail !== email, JSON.stringify(slots));
    });
  }
});

describe('an opening signed "Name, Company, email" (Q10-10)', () => {
  const cases: Array<[Lang, string, string, string | undefined, string]> = [
    ['en', 'They want SEN-L4410077 and SEN-L4410099 co-termed to 31 Oct 2027. Kieran Doyle, Ashgrove Software, kieran@ashgrove-sw.example', 'Kieran Doyle', 'Ashgrove Software', 'kieran@ashgrove-sw.example'],
    ['fr', 'Ils veulent aligner SEN-L4410077 et SEN-L4410099 au 31/10/2027. Kieran Doyle, Ashgrove Logiciels, kieran@ashgrove-sw.example', 'Kieran Doyle', 'Ashgrove Logiciels', 'kieran@ashgrove-sw.example'],
    ['zh', '客户想把SEN-L4410077和SEN-L4410099统一到2027年10月31日。孙浩，启航软件，sunhao@qihang.example', '孙浩', '启航软件', 'sunhao@qihang.example'],
    ['en', 'Please co-term SEN-L4410077 and SEN-L4410099 to 31 Oct 2027. Kieran Doyle, kieran@ashgrove-sw.example', 'Kieran Doyle', undefined, 'kieran@ashgrove-sw.example'],
  ];
  for (const [lang, text, name, company, email] of cases) {
    it(`${lang}: "${text}" gives the reseller's name, company and email`, () => {
      const r = detectQuoteRequest(text, lang, now);
      assert.equal(r?.kind, 'coterm', JSON.stringify(r));
      const slots = r?.slots ?? {};
      assert.equal(slots.resellerName, name);
      assert.equal(slots.resellerCompany, company);
      assert.equal(slots.resellerEmail, email);
      assert.equal(slots.targetDate, '2027-10-31');
    });
  }
  const signOffs: Array<[Lang, string, string, string]> = [
    ['en', 'Renewal for Jira Data Center SEN-L1234567, 2 years. Thanks, Ellis Grant, Tarnwood IT, ellis@tarnwood.example', 'Ellis Grant', 'Tarnwood IT'],
    ['fr', 'Renouvellement Jira Data Center SEN-L1234567, 2 ans. Merci, Marc Baudin, Baudin Conseil, marc@baudin.example', 'Marc Baudin', 'Baudin Conseil'],
    ['zh', '续订 Jira 数据中心 SEN-L1234567，2年。谢谢，孙浩，启航软件，sunhao@qihang.example', '孙浩', '启航软件'],
  ];
  for (const [lang, text, name, company] of signOffs) {
    it(`${lang}: a sign-off before the signature is left out ("${text}")`, () => {
      const slots = detectQuoteRequest(text, lang, now)?.slots ?? {};
      assert.deepEqual([slots.resellerName, slots.resellerCompany], [name, company], JSON.stringify(slots));
    });
  }
  it('a role word before the last sentence makes it that role\'s, not a signature', () => {
    const r = detectQuoteRequest('Renewal for Jira Data Center SEN-L4410077. Technical contact: Marc Baudin, Baudin Conseil, marc@baudin.example', 'en', now);
    assert.notEqual(r?.slots?.resellerName, 'Marc Baudin', JSON.stringify(r));
  });
  it('a reseller already named keeps their own details', () => {
    const r = detectQuoteRequest("Co-term SEN-L4410077 and SEN-L4410099 to 31 Oct 2027, I'm Ana Ruiz, ana@ruiz.example. Kieran Doyle, Ashgrove Software, kieran@ashgrove-sw.example", 'en', now);
    assert.equal(r?.slots?.resellerName, 'Ana Ruiz', JSON.stringify(r));
    assert.equal(r?.slots?.resellerEmail, 'ana@ruiz.example');
  });
});
