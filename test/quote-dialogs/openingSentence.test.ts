import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * Opening sentences as black-box testers typed them (reworded), through the HTTP server in fr,
 * zh and en: everything the sentence holds is said back before the first question, asked no
 * more, and filed (in its field, or in the notes).
 */

interface Case {
  open: string;
  kind: string;
  /** Lines said back before the first question (and so in the filed request). */
  said: RegExp[];
  /** Slots that must not be asked: the sentence gave them. */
  notAsked: string[];
  filed: (body: any) => void;
}

const CASES: Record<string, Record<Lang, Case>> = {
  'no site yet': {
    fr: {
      open: "bonjour, mon client n'a encore aucun site cloud, il veut Confluence pour 40 utilisateurs",
      kind: 'cloud-new',
      said: [/Produits : Confluence/u, /50 utilisateurs/u],
      notAsked: ['siteUrl', 'product', 'tier'],
      filed: (body) => assert.equal(body.siteUrl ?? undefined, undefined),
    },
    zh: {
      open: '客户还没开通云站点，想要Jira云版，40个用户',
      kind: 'cloud-new',
      said: [/产品：Jira/u, /50 个用户/u],
      notAsked: ['siteUrl', 'product', 'tier'],
      filed: (body) => assert.equal(body.siteUrl ?? undefined, undefined),
    },
    en: {
      open: "my customer hasn't got a cloud site yet, they want Jira for 40 users",
      kind: 'cloud-new',
      said: [/Products: Jira/u, /50 users/u],
      notAsked: ['siteUrl', 'product', 'tier'],
      filed: (body) => assert.equal(body.siteUrl ?? undefined, undefined),
    },
  },
  'who, for whom, by when': {
    fr: {
      open: "Camille Roche de Numéria ici, je voudrais un devis Jira Data Center 500 utilisateurs pour mon client Laiterie Vasseur, contact Paul Vasseur paul@vasseur.fr, c'est urgent, avant vendredi",
      kind: 'dc-new',
      said: [/Votre nom : Camille Roche/u, /Numéria/u, /Laiterie Vasseur/u, /Paul Vasseur/u, /paul@vasseur\.fr/u, /Urgence : demande urgente/u, /Délai : avant vendredi/u],
      notAsked: ['resellerName', 'resellerCompany', 'endUserOrganization', 'technicalContactName', 'technicalContactEmail', 'product', 'tier'],
      filed: (body) => {
        assert.equal(body.resellerName, 'Camille Roche');
        assert.equal(body.technicalContactEmail, 'paul@vasseur.fr');
        assert.match(body.notes, /avant vendredi/u);
      },
    },
    zh: {
      open: '我是北京远帆的李娜客户是苏州恒达制造要Jira数据中心500用户月底前要',
      kind: 'dc-new',
      said: [/您的姓名：李娜/u, /北京远帆/u, /苏州恒达制造/u, /期限：月底前/u],
      notAsked: ['resellerName', 'resellerCompany', 'endUserOrganization', 'product', 'tier'],
      filed: (body) => {
        assert.equal(body.resellerName, '李娜');
        assert.match(body.notes, /月底前/u);
      },
    },
    en: {
      open: 'Dana Ruiz from Northgate here, need a quote for a new Jira Data Center licence, 1000 users, for my customer Bayside Dental, contact Omar Haddad omar@baysidedental.com, needed before 31 January',
      kind: 'dc-new',
      said: [/Your name: Dana Ruiz/u, /Northgate/u, /Bayside Dental/u, /Omar Haddad/u, /Deadline: before 31 January/u],
      notAsked: ['resellerName', 'resellerCompany', 'endUserOrganization', 'technicalContactName', 'technicalContactEmail', 'product', 'tier'],
      filed: (body) => {
        assert.equal(body.technicalContactName, 'Omar Haddad');
        assert.match(body.notes, /before 31 January/u);
      },
    },
  },
  'upgrade by its counts': {
    fr: {
      open: 'passer Confluence DC de 500 à 1000 utilisateurs, SEN-L4567890',
      kind: 'dc-upgrade',
      said: [/SEN-L4567890/u, /Produits : Confluence/u, /1000 utilisateurs/u, /Palier actuel : 500 utilisateurs/u],
      notAsked: ['sen', 'product', 'tier'],
      filed: (body) => assert.match(body.notes, /Palier actuel : 500 utilisateurs/u),
    },
    zh: {
      open: 'Jira数据中心从500升级到1000用户 SEN-L6789012',
      kind: 'dc-upgrade',
      said: [/SEN-L6789012/u, /产品：Jira/u, /1000 个用户/u, /当前用户等级：500 个用户/u],
      notAsked: ['sen', 'product', 'tier'],
      filed: (body) => assert.match(body.notes, /500/u),
    },
    en: {
      open: 'upgrade Confluence DC SEN-L7654321 from 500 to 1000 users',
      kind: 'dc-upgrade',
      said: [/SEN-L7654321/u, /Products: Confluence/u, /1000 users/u, /Current user tier: 500 users/u],
      notAsked: ['sen', 'product', 'tier'],
      filed: (body) => assert.match(body.notes, /Current user tier: 500 users/u),
    },
  },
  'co-term with current end dates': {
    fr: {
      open: 'harmoniser SEN-L1111111 (échéance actuelle 15/03/2027) et SEN-L2222222 (fin le 2 mai 2027), tout aligner sur le 30 juin 2027',
      kind: 'coterm',
      said: [/30 juin 2027/u, /Fin de maintenance actuelle \(SEN-L1111111\) : 15 mars 2027/u, /Fin de maintenance actuelle \(SEN-L2222222\) : 2 mai 2027/u],
      notAsked: ['sen', 'targetDate'],
      filed: (body) => assert.match(body.notes, /15 mars 2027/u),
    },
    zh: {
      open: 'SEN-L1111111 2027年3月15日到期，SEN-L2222222 2027年5月2日到期，全部统一到2027年6月30日',
      kind: 'coterm',
      said: [/2027年6月30日/u, /当前维护到期日（SEN-L1111111）：2027年3月15日/u, /当前维护到期日（SEN-L2222222）：2027年5月2日/u],
      notAsked: ['sen', 'targetDate'],
      filed: (body) => assert.match(body.notes, /2027年3月15日/u),
    },
    en: {
      open: 'co-term: SEN-A1111111 ends 15 March 2027, SEN-B2222222 ends 2 May 2027, align everything to 30 June 2027',
      kind: 'coterm',
      said: [/30 June 2027/u, /Current maintenance end \(SEN-A1111111\): 15 March 2027/u, /Current maintenance end \(SEN-B2222222\): 2 May 2027/u],
      notAsked: ['sen', 'targetDate'],
      filed: (body) => assert.match(body.notes, /15 March 2027/u),
    },
  },
};

describe('Quote dialogs: an opening sentence is taken whole and said back', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const [name, perLang] of Object.entries(CASES)) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const c = perLang[lang];
      it(`${lang}: ${name}`, async () => {
        const chat = new Chat(bot(), newConversation(`opening-${lang}`), LOCALES[lang]);
        const opened = await chat.say(c.open);
        const said = textsOf(opened);
        assert.ok(lastSlot(opened), `a form started: ${said}`);
        assert.ok(said.includes(t(lang)('quoteDialog:prefill.started', { kind: t(lang)(`quote:kind.${c.kind}`) })), `the ${c.kind} form: ${said}`);
        const noted = said.indexOf(t(lang)('quoteDialog:prefill.noted'));
        assert.ok(noted >= 0, `said back: ${said}`);
        for (const line of c.said) assert.match(said.slice(noted), line);
        const run = await fillByPrompts(chat, opened, { ...ANSWERS[lang], confirm: t(lang)('quote:summary.confirm') });
        assert.ok(run.ref, `filed; asked ${run.asked.join(', ')}: ${textsOf(run.last)}`);
        for (const slot of c.notAsked) assert.ok(!run.asked.includes(slot), `${slot} was given, yet asked (${run.asked.join(', ')})`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
        assert.equal(body.kind, c.kind);
        c.filed(body);
      });
    }
  }
});
