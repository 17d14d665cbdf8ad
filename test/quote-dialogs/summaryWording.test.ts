import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, staffBot, t, textsOf } from './support.js';

/**
 * Wording glitches a tester saw around the summary (QA9 Q9-14), through the HTTP server: an
 * opening that fills everything gets the summary once with a one-line lead (not the "I've noted"
 * list and the same summary straight after); a language request followed by a remark at a name
 * prompt switches and asks again without an error; an order whose every line has its own tier
 * shows no request-wide tier.
 */

const FULL: Record<Lang, { open: string; label: string }> = {
  fr: {
    open: "Mise à niveau Data Center : Confluence SEN-L5530912, de 500 à 1000 utilisateurs. Contact technique : Solène Marchal, s.marchal@cartonnerie-vire.fr. Moi c'est Bastien Gouin, bastien.gouin@infolys.fr",
    label: 'Solène Marchal',
  },
  zh: {
    open: 'Confluence 数据中心升级：SEN-L6620418，从500用户升到1000用户。技术联系人是郑雨桐，zhengyt@hualan-bio.cn。我是经销商孙浩然，sunhr@qiyun-tech.cn',
    label: '郑雨桐',
  },
  en: {
    open: 'Data Center upgrade for Confluence SEN-L7740356 from 500 to 1000 users. Technical contact Priya Raman priya.raman@kelpworks.com. I am Dylan Forde dylan.forde@brightlane.ie',
    label: 'Priya Raman',
  },
};

/** The kind menu, then the request type, then a language request with a remark at the name prompt. */
const SWITCH: Record<Lang, { start: string; kind: string; to: Lang; text: string }> = {
  fr: { start: 'je voudrais un devis', kind: 'Devis annuel pour un site Cloud existant', to: 'en', text: 'can we continue in English? my colleague will take over from here' },
  zh: { start: '申请报价', kind: '现有 Cloud 站点的年度报价', to: 'fr', text: 'on peut continuer en français ? mon collègue va finir' },
  en: { start: 'I need a quote', kind: 'Annual quote for an existing cloud site', to: 'zh', text: '可以用中文吗？我同事来填' },
};

const TWO_LINES: Record<Lang, string> = {
  fr: 'Bonjour, devis annuel pour le site existant atelier-brunet.atlassian.net : Jira Standard 50 utilisateurs et Confluence Premium 100 utilisateurs. Je suis Léa Moreau, lea@numeris.fr',
  zh: '现有云站点年度报价：站点 qingyu-tech.atlassian.net，Jira 标准版 50个用户，Confluence 高级版 100个用户。我是经销商何佳琪，hejq@ruiheng-it.cn',
  en: 'annual quote for the existing site hollowmere.atlassian.net: Jira Standard 50 users and Confluence Premium 100 users. I am Ruth Okafor, ruth@tallgrass-it.com',
};

describe('Quote dialogs: summary wording (Q9-14)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: an opening that fills everything shows the summary once, after one line`, async () => {
        const chat = new Chat(bot(), newConversation(`summary-once-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(FULL[lang].open);
        assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
        const said = textsOf(opened);
        assert.ok(said.includes(t(lang)('quoteDialog:prefill.allNoted')), said);
        assert.ok(!said.includes(t(lang)('quoteDialog:prefill.noted')), said);
        assert.equal(said.split(FULL[lang].label).length - 1, 1, `the contact listed once: ${said}`);
      });

      it(`${channel} ${lang}: a language request with a remark at the name prompt switches and asks again, no error`, async () => {
        const s = SWITCH[lang];
        const chat = new Chat(bot(), newConversation(`switch-remark-${channel}-${lang}`), LOCALES[lang], {}, channel);
        await chat.say(s.start);
        const asked = await chat.say(s.kind);
        const slot = lastSlot(asked);
        assert.ok(slot, textsOf(asked));
        const switched = await chat.say(s.text);
        const said = textsOf(switched);
        assert.equal(lastSlot(switched), slot, said);
        assert.ok(said.includes(t(s.to)('common:language.switched')), said);
        assert.ok(!said.includes(t(s.to)(`quote:invalid.${slot}`)), `no error: ${said}`);
      });

      it(`${channel} ${lang}: two order lines with their own tiers, no request-wide tier`, async () => {
        const chat = new Chat(bot(), newConversation(`two-lines-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const said = textsOf(await chat.say(TWO_LINES[lang]));
        assert.ok(said.includes('50') && said.includes('100'), said);
        assert.ok(!said.includes(`${t(lang)('quote:label.tier')}${lang === 'zh' ? '：' : lang === 'fr' ? ' : ' : ': '}`), `no tier line: ${said}`);
      });
    }
  }
});
