import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { changeLines } from '../../dialogs/quote/formReplies.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import { notesOf, summaryActivity } from '../../dialogs/quote/summaryCard.js';
import { findUpgradeFacts } from '../../dialogs/validators/openingFacts.js';
import { remindedSlots, slotsOf } from '../../dialogs/validators/index.js';
import type { Lang } from '../../knowledge/lang.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * The end customer (the end user licensee organisation) and the reseller's company, as real
 * writers give them (QA10 Q10-1, Q10-3, Q10-4, Q10-8): glued to 客户 in Chinese, after "chez" in
 * French, after "cust =" in English; corrected under the summary without touching the
 * reseller's company; a co-term holds both; renewals and upgrades remind the customer at the
 * summary. From tables, no bot.
 */

const i18n = createI18n();
const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');
const open = (text: string, lang: Lang) => detectQuoteRequest(text, lang, now);
const read = (draft: QuoteDraft, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked: 'confirm', text, lang, now, lexicon });

describe('end customer: named in the opening without a role phrase of its own (Q10-3)', () => {
  const cases: Array<[Lang, string, QuoteKind, string, Record<string, unknown>]> = [
    ['zh', '您好，客户青松制药的Jira Data Center要升级，从500用户升到1000用户，SEN是SEN-L5520031。我是南京云帆科技的周敏，zhoumin@yunfan-tech.cn', 'dc-upgrade', '青松制药', { resellerCompany: '南京云帆科技', resellerName: '周敏' }],
    ['zh', '我们客户 蓝湾传媒 已经有 Jira 云站点 lanwan-media.atlassian.net，要一份年度报价，高级版。我是厦门海科软件的林涛 lintao@haike-soft.cn', 'cloud-existing', '蓝湾传媒', { resellerCompany: '厦门海科软件' }],
    ['zh', '你好，客户博远数据有两个DC许可证想统一维护到期日：Jira SEN-L6610021，Confluence SEN-L6610032，统一到2027年10月31日。我是苏州明远科技的钱芳，qianfang@mingyuan-tech.cn', 'coterm', '博远数据', { resellerCompany: '苏州明远科技', targetDate: '2027-10-31' }],
    ['zh', '帮客户东升物流升级Confluence云：站点 dongsheng-wl.atlassian.net 目前标准版，要升级到高级版。我是重庆山城云科的何静（hejing@shancheng-yk.com）', 'cloud-upgrade', '东升物流', { edition: 'premium' }],
    ['zh', '给客户华章印务有限公司续订Jira云，站点 huazhang.atlassian.net', 'cloud-renewal', '华章印务有限公司', {}],
    ['fr', "SEN-L4471203, c'est un Jira DC chez Mutuelle des Trois Vallées, ils passent de 500 à 1000 utilisateurs", 'dc-upgrade', 'Mutuelle des Trois Vallées', { tier: 1000 }],
    ['en', 'DC renewal for Bitbucket, SEN-L7782301, 2 years, cust = Fenwick & Rowe Housing Trust. me: Dara Quinn, Lattice Works, dara.quinn@latticeworks.io', 'dc-renewal', 'Fenwick & Rowe Housing Trust', { resellerCompany: 'Lattice Works' }],
    ['en', 'upgrade Jira DC SEN-L7782344 from 500 to 1000 users, end cust: Orla Dairy Co-op', 'dc-upgrade', 'Orla Dairy Co-op', {}],
  ];
  for (const [lang, text, kind, org, more] of cases) {
    it(`${lang}: "${text.slice(0, 40)}…" → ${kind}, customer ${org}`, () => {
      const request = open(text, lang);
      assert.equal(request?.kind, kind, JSON.stringify(request));
      assert.equal(request?.slots?.endUserOrganization, org, JSON.stringify(request?.slots));
      for (const [slot, value] of Object.entries(more)) assert.deepEqual((request?.slots as Record<string, unknown>)[slot], value, slot);
    });
  }

  const nobody: Array<[Lang, string]> = [
    ['zh', '客户张伟要一份Jira云报价，站点 zw-demo.atlassian.net，50用户'],
    ['zh', '客户要续订Confluence云，站点 kh-demo.atlassian.net'],
    ['zh', '客户的云站点 kd-demo.atlassian.net 要升级到高级版'],
    ['zh', '请给我们客户报一下价'],
    ['fr', 'je suis Paul Morin chez Datalyse, devis Jira Data Center 500 utilisateurs'],
    ['fr', "on a déjà commandé chez Atlassian l'an dernier, devis Jira Data Center 500 utilisateurs"],
    ['fr', 'Bonjour, Inès Carrel chez Ligne Claire Conseil, devis Confluence Data Center 1000 utilisateurs'],
    ['fr', 'Inès Carrel, chez Ligne Claire Conseil, devis Confluence Data Center 1000 utilisateurs'],
    ['en', 'customer support says our Jira DC renewal SEN-L7782399 is due, 2 years'],
    ['zh', '客户非常着急要续订Jira云，站点 jz-demo.atlassian.net'],
    ['zh', '客户内部审批需要报价单，续订Confluence云，站点 sp-demo.atlassian.net'],
    ['fr', 'renouvellement Jira Data Center SEN-L7782377, le serveur est hébergé chez Nuage Bleu'],
  ];
  for (const [lang, text] of nobody) {
    it(`${lang}: "${text}" names no customer organisation`, () => {
      assert.equal(open(text, lang)?.slots?.endUserOrganization, undefined, JSON.stringify(open(text, lang)?.slots));
    });
  }
});

describe('end customer read without a role phrase is tentative where the kind requires it', () => {
  it('zh dc-new: "客户岭南化工要新买…" is marked tentative (the form asks the full legal name)', () => {
    const request = open('你好客户岭南化工要新买一套Jira数据中心版，维护两年，麻烦出个报价', 'zh');
    assert.equal(request?.slots?.endUserOrganization, '岭南化工');
    assert.deepEqual(request?.tentative, ['endUserOrganization']);
  });
  it('en "cust = X" is said with its role word: not tentative', () => {
    const request = open('DC renewal for Bitbucket, SEN-L7782301, cust = Orla Dairy Co-op', 'en');
    assert.equal(request?.slots?.endUserOrganization, 'Orla Dairy Co-op');
    assert.equal(request?.tentative, undefined);
  });
});

describe('end customer: a French company before a verb, and where a cloud upgrade starts from (Q10-8)', () => {
  const text = "Bonjour, notre client Maison Verdelet a un site jira cloud (verdelet.atlassian.net) en Standard 50 utilisateurs, ils veulent passer en Premium et monter à 100 utilisateurs. moi c'est Claire Aubry, Sillon Numérique, c.aubry@sillon-num.fr";
  it('the company ends before "a un site"; the target is Premium/100, Standard/50 kept as the current facts', () => {
    const request = open(text, 'fr');
    assert.equal(request?.kind, 'cloud-upgrade');
    assert.equal(request?.slots?.endUserOrganization, 'Maison Verdelet');
    assert.equal(request?.slots?.edition, 'premium');
    assert.equal(request?.slots?.tier, 100);
    assert.deepEqual(
      request?.facts?.map((f) => [f.key, f.params]),
      [
        ['quoteDialog:opening.currentTier', { count: 50 }],
        ['quoteDialog:opening.currentEdition', { edition: 'standard' }],
      ],
    );
    const draft = toDraft({ kind: 'cloud-upgrade', slots: request!.slots, facts: request!.facts });
    assert.equal(notesOf(i18n.getFixedT('fr'), 'fr', draft), 'Palier actuel : 50 utilisateurs ; Édition actuelle : Standard');
    assert.equal(notesOf(i18n.getFixedT('zh'), 'zh', draft), '当前用户等级：50 个用户；当前版本：标准版');
    assert.equal(notesOf(i18n.getFixedT('en'), 'en', draft), 'Current user tier: 50 users; Current edition: Standard');
  });
  const editions: Array<[string, string | undefined]> = [
    ['from Standard to Premium', 'standard'],
    ['目前标准版，要升级到高级版', 'standard'],
    ['Premium au lieu de Standard', 'standard'],
    ['passer en Premium', undefined],
  ];
  for (const [said, current] of editions) {
    it(`"${said}" starts from ${current ?? 'no edition said'}`, () =>
      assert.equal(findUpgradeFacts(said, true, [], undefined).find((f) => f.key === 'quoteDialog:opening.currentEdition')?.params?.edition, current));
  }
});

describe('end customer: corrected under the summary, the reseller company untouched (Q10-1)', () => {
  const upgrade = toDraft({
    kind: 'dc-upgrade',
    slots: { sen: ['SEN-L5520031'], product: ['jira'], tier: 1000, technicalContactName: 'Gao Lin', technicalContactEmail: 'gaolin@qingsong.cn', resellerName: '周敏', resellerEmail: 'zhoumin@yunfan-tech.cn', resellerCompany: '南京云帆科技' },
    answered: ['sen', 'product', 'tier', 'technicalContactName', 'technicalContactEmail', 'resellerName', 'resellerEmail'],
  });
  const coterm = toDraft({ kind: 'coterm', slots: { sen: ['SEN-L6610021'], targetDate: '2027-10-31', resellerName: 'Ruth Kim', resellerEmail: 'ruth@kim-it.com', resellerCompany: 'Kim IT' } });
  const cases: Array<[Lang, QuoteDraft, string, string]> = [
    ['zh', upgrade, '客户公司名是青松制药有限公司，你没写上', '青松制药有限公司'],
    ['zh', upgrade, '客户公司名称是青松制药', '青松制药'],
    ['zh', coterm, '客户公司名是博远数据，漏了', '博远数据'],
    ['fr', upgrade, "le nom de la société cliente c'est Maison Verdelet, vous l'avez oublié", 'Maison Verdelet'],
    ['fr', coterm, "le nom de la société cliente c'est Cartonnages Brevet SAS, vous l'avez oublié", 'Cartonnages Brevet SAS'],
    ['en', upgrade, 'the customer company is Fenwick Foods, you left it out', 'Fenwick Foods'],
    ['en', upgrade, 'cust = Fenwick & Rowe Housing Trust', 'Fenwick & Rowe Housing Trust'],
  ];
  for (const [lang, draft, text, org] of cases) {
    it(`${lang} ${draft.kind}: "${text}" sets only the end user organisation`, () => {
      const r = read(draft, text, lang);
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type === 'correction') assert.deepEqual(r.slots, { endUserOrganization: org });
    });
  }
});

describe('French elision in the change line ("au lieu d\'Atelier")', () => {
  const draft = toDraft({ kind: 'dc-renewal', slots: { endUserOrganization: 'x', tier: 500 } });
  const line = (lang: Lang, from: string, to: string) => changeLines(i18n.getFixedT(lang), lang, draft, [{ slot: 'endUserOrganization', from, to }])[0];
  const cases: Array<[string, string]> = [
    ['Atelier Verdelet', "au lieu d'Atelier Verdelet"],
    ['Érable Conseil', "au lieu d'Érable Conseil"],
    ['Hôtel du Parc', "au lieu d'Hôtel du Parc"],
    ['IBM France', "au lieu d'IBM France"],
    ['Hachette Conseil', 'au lieu de Hachette Conseil'],
    ['Maison Verdelet', 'au lieu de Maison Verdelet'],
  ];
  for (const [old, said] of cases) {
    it(`fr: from "${old}" reads "${said}"`, () => assert.ok(line('fr', old, 'Nouvelle Société')!.includes(said), line('fr', old, 'Nouvelle Société')));
  }
  it('fr: a number is not elided', () => {
    const l = changeLines(i18n.getFixedT('fr'), 'fr', draft, [{ slot: 'tier', from: 500, to: 1000 }])[0]!;
    assert.ok(l.includes('au lieu de 500'), l);
  });
  it('en and zh are unchanged', () => {
    assert.ok(line('en', 'Atelier Verdelet', 'Nouvelle')!.includes('instead of Atelier Verdelet'));
    assert.ok(line('zh', 'Atelier Verdelet', 'Nouvelle')!.includes('原为Atelier Verdelet'));
  });
});

describe('which kinds hold and remind the end customer', () => {
  it('every kind holds the end user organisation and the reseller company, co-term included', () => {
    for (const kind of ['dc-new', 'dc-renewal', 'dc-upgrade', 'coterm', 'cloud-existing', 'cloud-new', 'cloud-renewal', 'cloud-upgrade'] as const) {
      assert.ok(slotsOf(kind).includes('endUserOrganization'), kind);
      assert.ok(slotsOf(kind).includes('resellerCompany'), kind);
    }
  });
  it('renewals and upgrades remind a missing customer at the summary; a given one is not reminded', () => {
    for (const kind of ['dc-renewal', 'dc-upgrade', 'cloud-renewal', 'cloud-upgrade'] as const) {
      assert.deepEqual(remindedSlots(kind, {}), ['endUserOrganization'], kind);
      assert.deepEqual(remindedSlots(kind, { endUserOrganization: 'Fenwick Foods' }), [], kind);
    }
    assert.deepEqual(remindedSlots('coterm', {}), []);
  });
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: the summary text says the customer is missing, and how to add it`, () => {
      const t = i18n.getFixedT(lang);
      const reminder = t('quoteDialog:summary.remind.endUserOrganization');
      const without = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L7782301'], product: ['bitbucket'], resellerName: 'Dara Quinn', resellerEmail: 'dara@lw.io' } });
      assert.ok(String(summaryActivity(t, lang, without).text).includes(reminder));
      const given = toDraft({ ...without, slots: { ...without.slots, endUserOrganization: 'Fenwick Foods' } });
      assert.ok(!String(summaryActivity(t, lang, given).text).includes(reminder));
    });
  }
});
