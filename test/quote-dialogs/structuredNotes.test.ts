import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * The bot's own notes are facts kept apart from the user's remarks, through the HTTP server (QA9):
 * a co-term licence's current end is corrected without touching the target date (Q9-3); editing
 * the Notes field keeps the current tier the bot noted (Q9-10); after a language switch the bot's
 * facts are worded in the new language, on the summary and in the filed request; "none" at the
 * notes prompt says the remarks are cleared (Q9-14).
 */

const COTERM: Record<Lang, { open: string; fix: string; confirm: string; newEnd: RegExp }> = {
  fr: {
    open: 'Bonjour, harmonisation des échéances pour notre client Fonderie Castel : Jira SEN-L6120034 qui expire le 30/11/2027 et Confluence SEN-L6120071 qui expire le 09/04/2027, tout aligner sur le 30/11/2027. Je suis Noor Haddad, noor@cedarline.fr',
    fix: 'pardon, la licence Confluence expire le 09/05/2027, pas en avril',
    confirm: 'Confirmer',
    newEnd: /\(SEN-L6120071\) : 9 mai 2027/u,
  },
  zh: {
    open: '你好，客户福润食品有两个数据中心许可证要统一到期日：Jira SEN-L6120034 2027年11月30日到期，Confluence SEN-L6120071 2027年4月9日到期，统一到2027年11月30日。我是经销商严可欣，yankx@boyuan-soft.cn',
    fix: '不好意思，Confluence那个是2027年5月9日到期，不是4月',
    confirm: '确认',
    newEnd: /（SEN-L6120071）：2027年5月9日/u,
  },
  en: {
    open: 'Hi, please co-term two DC licences for Brannock Foods: Jira SEN-L6120034 expiring 30 November 2027 and Confluence SEN-L6120071 expiring 9 April 2027; align everything to 30 November 2027. I am Noor Haddad, noor@cedarline.ae',
    fix: 'sorry, the Confluence one expires 9 May 2027, not April',
    confirm: 'Confirm',
    newEnd: /\(SEN-L6120071\): 9 May 2027/u,
  },
};

const UPGRADE: Record<Lang, { open: string; edit: string; notes: string; remark: string; tier: RegExp; none: string }> = {
  fr: {
    open: "Mise à niveau Data Center : Confluence SEN-L5530912, de 500 à 1000 utilisateurs. Contact technique : Solène Marchal, s.marchal@cartonnerie-vire.fr. Moi c'est Bastien Gouin, bastien.gouin@infolys.fr",
    edit: 'Modifier un champ',
    notes: 'Remarques',
    remark: 'bon de commande à joindre au devis',
    tier: /Palier actuel : 500 utilisateurs/u,
    none: 'rien',
  },
  zh: {
    open: 'Confluence 数据中心升级：SEN-L6620418，从500用户升到1000用户。技术联系人是郑雨桐，zhengyt@hualan-bio.cn。我是经销商孙浩然，sunhr@qiyun-tech.cn',
    edit: '修改字段',
    notes: '备注',
    remark: '最终客户：华岚生物；需要附上采购订单',
    tier: /当前用户等级：500 个用户/u,
    none: '无',
  },
  en: {
    open: 'Data Center upgrade for Confluence SEN-L7740356 from 500 to 1000 users. Technical contact Priya Raman priya.raman@kelpworks.com. I am Dylan Forde dylan.forde@brightlane.ie',
    edit: 'Edit a field',
    notes: 'Notes',
    remark: 'end customer is Kelpworks Ltd, PO to follow',
    tier: /Current user tier: 500 users/u,
    none: 'none',
  },
};

describe('Quote dialogs: the bot notes kept apart from the remarks (Q9-3, Q9-10, Q9-14)', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: a co-term licence's current end is corrected, the target date stays`, async () => {
        const c = COTERM[lang];
        const chat = new Chat(bot(), newConversation(`current-end-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
        const fixed = await chat.say(c.fix);
        assert.equal(lastSlot(fixed), 'confirm', textsOf(fixed));
        assert.match(textsOf(fixed), c.newEnd);
        const ref = QR.exec(textsOf(await chat.say(c.confirm)))?.[0];
        assert.ok(ref);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.equal(body.coterm.targetDate, '2027-11-30');
        assert.match(body.notes, c.newEnd);
      });

      it(`${channel} ${lang}: editing the notes keeps the current tier the bot noted; "none" clears only the remark`, async () => {
        const c = UPGRADE[lang];
        const chat = new Chat(bot(), newConversation(`notes-edit-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'confirm', textsOf(opened));
        await chat.say(c.edit);
        assert.equal(lastSlot(await chat.say(c.notes)), 'notes');
        const edited = await chat.say(c.remark);
        assert.match(textsOf(edited), c.tier);
        assert.ok(textsOf(edited).includes(c.remark), textsOf(edited));
        await chat.say(c.edit);
        await chat.say(c.notes);
        const cleared = await chat.say(c.none);
        const field = t(lang)('quote:label.notes');
        assert.ok(textsOf(cleared).includes(t(lang)('quoteDialog:changed.cleared', { field })), textsOf(cleared));
        assert.match(textsOf(cleared), c.tier);
        const ref = QR.exec(textsOf(await chat.say(t(lang)('quote:summary.confirm'))))?.[0];
        assert.ok(ref);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.match(body.notes, c.tier);
        assert.ok(!body.notes.includes(c.remark), body.notes);
      });
    }

    it(`${channel}: after a switch to another language the bot's notes are worded in it, on the summary and when filed`, async () => {
      const chat = new Chat(bot(), newConversation(`notes-language-${channel}`), LOCALES.zh, {}, channel);
      const opened = await chat.say(UPGRADE.zh.open);
      assert.match(textsOf(opened), UPGRADE.zh.tier);
      const english = new Chat(bot(), chat.conversationId, LOCALES.en, {}, channel);
      const switched = await english.say('can we continue in English please?');
      assert.match(textsOf(switched), UPGRADE.en.tier);
      const ref = QR.exec(textsOf(await english.say('Confirm')))?.[0];
      assert.ok(ref);
      const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
      assert.match(body.notes, UPGRADE.en.tier);
    });
  }
});
