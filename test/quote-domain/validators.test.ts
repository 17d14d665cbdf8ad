import assert from 'node:assert/strict';
import './warmUp.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import type { ValidationContext } from '../../dialogs/validators/result.js';
import { validateSlot } from '../../dialogs/validators/slotValidators.js';
import { validateYesNo } from '../../dialogs/validators/yesNo.js';

const now = new Date('2026-11-22T10:00:00Z');
const dc: ValidationContext = { deployment: 'data-center', now };
const cloud: ValidationContext = { deployment: 'cloud', now };

/** [slot, lang, answer, expected value | 'invalid', ctx?] — realistic answers in each language. */
type Case = [SlotName, Lang, string, unknown, ValidationContext?];
const cases: Case[] = [
  ['resellerEmail', 'fr', 'jean.dupont@exemple.fr', 'jean.dupont@exemple.fr'],
  ['resellerEmail', 'fr', 'mon mail : Jean.Dupont@Exemple.fr', 'jean.dupont@exemple.fr'],
  ['technicalContactEmail', 'zh', '邮箱是liu.yang@minghua-tech.cn', 'liu.yang@minghua-tech.cn'],
  ['endUserEmail', 'en', 'ops@harbourline.com.au', 'ops@harbourline.com.au'],
  ['resellerEmail', 'en', 'not an email', 'invalid'],
  ['resellerName', 'fr', 'Paul Girard', 'Paul Girard'],
  ['technicalContactName', 'zh', '刘洋', '刘洋'],
  ['endUserName', 'en', 'Grace Lee', 'Grace Lee'],
  ['resellerName', 'en', 'grace@harbourline.com', 'invalid'],
  ['resellerName', 'fr', '12345', 'invalid'],
  ['resellerCompany', 'zh', '新锐合作伙伴', '新锐合作伙伴'],
  ['endUserOrganization', 'fr', 'Atelier Roux SARL', 'Atelier Roux SARL'],
  ['resellerCompany', 'en', 'x', 'invalid'],
  ['billingAddress', 'fr', '12 rue de la Paix, 75002 Paris, France', '12 rue de la Paix, 75002 Paris, France'],
  ['billingAddress', 'zh', '上海市浦东新区世纪大道100号', '上海市浦东新区世纪大道100号'],
  ['billingAddress', 'en', 'Sydney', 'invalid'],
  ['sen', 'en', 'SEN-L9876543', ['SEN-L9876543']],
  ['sen', 'fr', 'sen l1234567', ['SEN-L1234567']],
  ['sen', 'en', 'SEN-12345678', ['SEN-12345678']],
  ['sen', 'fr', 'SEN-L1234567, SEN-L7654321 et SEN-L1111111', ['SEN-L1234567', 'SEN-L7654321', 'SEN-L1111111']],
  ['sen', 'zh', 'SEN-L2468013和SEN-L1357924', ['SEN-L2468013', 'SEN-L1357924']],
  ['sen', 'en', 'SEN-L1234567 and SEN-L7654321', ['SEN-L1234567', 'SEN-L7654321']],
  ['sen', 'zh', '我不知道', 'invalid'],
  ['siteUrl', 'fr', 'https://atelier-roux.atlassian.net', 'https://atelier-roux.atlassian.net'],
  ['siteUrl', 'en', 'acme.atlassian.net', 'https://acme.atlassian.net'],
  ['siteUrl', 'en', 'acme', 'https://acme.atlassian.net'],
  ['siteUrl', 'zh', '站点是 HTTPS://Minghua.atlassian.net/jira', 'https://minghua.atlassian.net'],
  ['siteUrl', 'fr', 'www.exemple.fr/site client', 'invalid'],
  ['product', 'fr', 'Confluence', ['confluence']],
  ['product', 'fr', 'JSM et Confluence', ['jira-service-management', 'confluence']],
  ['product', 'zh', 'Jira 和 Bitbucket', ['jira', 'bitbucket']],
  ['product', 'en', 'Jira Service Desk', ['jira-service-management']],
  ['product', 'en', 'Loom', 'invalid', dc],
  ['product', 'en', 'a spreadsheet', 'invalid'],
  ['tier', 'fr', 'deux mille utilisateurs', 2000, dc],
  ['tier', 'fr', '100 utilisateurs', 100, { deployment: 'cloud', productId: 'confluence' }],
  ['tier', 'zh', '二千用户', 2000, dc],
  ['tier', 'zh', '两千', 2000, dc],
  ['tier', 'fr', '2 000', 2000, dc],
  ['tier', 'en', '2,000', 2000, dc],
  ['tier', 'fr', '2,000', 2000, dc],
  ['tier', 'en', '1.5k', 1500, cloud],
  ['tier', 'en', 'about 600 users', 1000, dc],
  ['tier', 'zh', '六百人左右', 1000, dc],
  ['tier', 'en', 'about 600 users', 600, cloud],
  ['tier', 'en', '2000', 2000, dc],
  ['tier', 'en', 'lots', 'invalid', dc],
  ['edition', 'en', 'Data Center', 'data-center', dc],
  ['edition', 'fr', 'Premium', 'premium', cloud],
  ['edition', 'zh', '企业版', 'enterprise', cloud],
  ['edition', 'en', 'Gold', 'invalid', cloud],
  ['maintenanceYears', 'fr', 'deux ans', 2],
  ['maintenanceYears', 'zh', '三年', 3],
  ['maintenanceYears', 'en', '1 year', 1],
  ['maintenanceYears', 'en', '12', 'invalid'],
  ['targetDate', 'fr', 'le 15 mars 2027', '2027-03-15', { now }],
  ['targetDate', 'zh', '2027年3月15日', '2027-03-15', { now }],
  ['targetDate', 'en', 'March 15th 2027', '2027-03-15', { now }],
  ['targetDate', 'fr', '1er janvier 2027', '2027-01-01', { now }],
  ['targetDate', 'fr', 'fin juin 2027', '2027-06-30', { now }],
  ['targetDate', 'zh', '2027年6月底', '2027-06-30', { now }],
  ['targetDate', 'en', 'end of June 2027', '2027-06-30', { now }],
  ['targetDate', 'fr', 'le 15 mars 2026', 'invalid', { now }],
  ['targetDate', 'en', 'whenever', 'invalid', { now }],
  ['paymentPreference', 'fr', 'par carte bancaire', 'card'],
  ['paymentPreference', 'fr', 'un devis par e-mail', 'quote'],
  ['paymentPreference', 'zh', '信用卡', 'card'],
  ['paymentPreference', 'zh', '请发报价单', 'quote'],
  ['paymentPreference', 'en', 'quote by email please', 'quote'],
  ['paymentPreference', 'en', 'hmm', 'invalid'],
  ['notes', 'fr', 'rien', ''],
  ['notes', 'zh', '无', ''],
  ['notes', 'en', 'Please add a PO number: 4500123', 'Please add a PO number: 4500123'],
  ['confirm', 'fr', 'oui', 'confirm'],
  ['confirm', 'fr', 'Confirmer', 'confirm'],
  ['confirm', 'zh', '是的', 'confirm'],
  ['confirm', 'zh', '确认', 'confirm'],
  ['confirm', 'en', 'yep', 'confirm'],
  ['confirm', 'en', 'yes', 'confirm'],
  ['confirm', 'fr', 'annuler', 'cancel'],
  ['confirm', 'zh', '取消', 'cancel'],
  ['confirm', 'fr', 'modifier', 'edit'],
  ['confirm', 'zh', '修改', 'edit'],
  ['confirm', 'en', 'no', 'edit'],
  ['confirm', 'en', 'banana', 'invalid'],
];

describe('quote validators, one per slot, in fr, zh and en', () => {
  for (const [slot, lang, text, expected, ctx] of cases) {
    it(`${slot} (${lang}) "${text}" → ${JSON.stringify(expected)}`, () => {
      const result = validateSlot(slot, text, lang, ctx);
      if (expected === 'invalid') {
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.reason, /^quote:invalid\./);
      } else {
        assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
        assert.deepEqual(result.value, expected);
      }
    });
  }

  it('names the slot in the re-prompt key of shared validators', () => {
    const result = validateSlot('technicalContactEmail', 'nope', 'en');
    assert.deepEqual(result, { ok: false, reason: 'quote:invalid.technicalContactEmail' });
  });

  it('gives a notice when a value was adjusted (bare site name, tier rounded up)', () => {
    const site = validateSlot('siteUrl', 'acme', 'fr');
    assert.ok(site.ok && site.notice?.key === 'quote:notice.siteUrlCompleted');
    const tier = validateSlot('tier', 'environ 600 utilisateurs', 'fr', dc);
    assert.ok(tier.ok);
    assert.deepEqual(tier.notice, { key: 'quote:notice.tierRounded', params: { count: 600, tier: 1000 } });
  });

  it('keeps a count above the top tier and flags it for a person', () => {
    const tier = validateSlot('tier', '60000 users', 'en', dc);
    assert.ok(tier.ok);
    assert.equal(tier.value, 60000);
    assert.equal(tier.notice?.key, 'quote:notice.tierAboveCatalog');
  });

  it('yes/no answers for the cancel-confirm prompt', () => {
    const yes: [Lang, string][] = [['fr', 'oui'], ['fr', 'ouais'], ['fr', "d'accord"], ['en', 'yep'], ['en', 'yes'], ['zh', '是的'], ['zh', '好']];
    const no: [Lang, string][] = [['zh', '不用'], ['zh', '不需要'], ['en', 'no'], ['fr', 'non'], ['fr', 'annuler'], ['zh', '取消']];
    for (const [lang, text] of yes) assert.deepEqual(validateYesNo(text, lang), { ok: true, value: true }, text);
    for (const [lang, text] of no) assert.deepEqual(validateYesNo(text, lang), { ok: true, value: false }, text);
    assert.equal(validateYesNo('peut-être', 'fr').ok, false);
  });
});
