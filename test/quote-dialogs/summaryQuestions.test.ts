import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * Questions under the summary, through the HTTP server (QA10 Q10-17): "can we still file it?"
 * is answered from the form (Confirm files it), not by an FAQ topic on manual review or unpaid
 * invoices; a question about how co-terming is priced gets the co-term topic, not the date
 * field's explanation; "切换回中文" after filing switches back. The summary stays, the request files.
 */

interface Case {
  open: string;
  canFile: string;
  pricing: string;
  confirm: string;
  backTo: string;
  backLang: Lang;
}
const CASES: Record<Lang, Case> = {
  fr: {
    open: "Bonjour, notre client Fonderie Castaing a deux licences DC à aligner : Jira SEN-L5120934 et Confluence SEN-L5120977, sur le 31 mars 2028. Je suis Armelle Quéré, armelle.quere@logiprisme.fr",
    canFile: 'bon, on peut toujours envoyer la demande ?',
    pricing: "l'harmonisation des échéances, ça se facture comment ? au prorata ?",
    confirm: 'Confirmer',
    backTo: 'switch to English please',
    backLang: 'en',
  },
  zh: {
    open: '你好，客户青松制药有两个DC许可证要统一维护到期日：Jira SEN-L6230145，Confluence SEN-L6230188，统一到2028年3月31日。我是经销商韩雪，hanxue@lingyun-soft.cn',
    canFile: '那这个申请现在还能提交吗？',
    pricing: '条款关联是怎么收费的？按天算吗？',
    confirm: '确认',
    backTo: 'on repasse en français ?',
    backLang: 'fr',
  },
  en: {
    open: 'Hi, customer Pemberton Mills has two DC licences to co-term: Jira SEN-L7340256 and Confluence SEN-L7340299, to 31 March 2028. I am Callum Reid, callum.reid@northvale-it.co.uk',
    canFile: 'fine, and can we still submit my quote request?',
    pricing: 'how is co-terming charged? is it prorated?',
    confirm: 'Confirm',
    backTo: '切换回中文',
    backLang: 'zh',
  },
};

describe('Quote dialogs: questions under the summary (Q10-17)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: "can we still file?" and a pricing question answered, then filed`, async () => {
        const c = CASES[lang];
        const chat = new Chat(bot(), newConversation(`summary-q-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'confirm', `the summary: ${textsOf(opened)}`);
        const summary = opened.at(-1)?.text;

        const canFile = await chat.say(c.canFile);
        assert.equal(lastSlot(canFile), 'confirm');
        assert.equal(canFile[0]?.text, t(lang)('quoteDialog:canFile.atSummary'), textsOf(canFile));
        assert.equal(canFile.at(-1)?.text, summary, 'the same summary');

        const pricing = await chat.say(c.pricing);
        assert.equal(lastSlot(pricing), 'confirm');
        assert.ok(!textsOf(pricing).includes(t(lang)('quote:explain.targetDate')), `not the date field's explanation: ${textsOf(pricing)}`);
        assert.match(pricing[0]?.text ?? '', /Atlassian|quote|devis|报价/iu, 'the co-term topic');

        const ref = QR.exec(textsOf(await chat.say(c.confirm)))?.[0];
        assert.ok(ref, 'filed');
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.equal((body.sens ?? [body.sen]).length, 2, JSON.stringify(body));

        const back = await chat.say(c.backTo);
        assert.equal(back[0]?.text, t(c.backLang)('common:language.switched'), textsOf(back));
      });
    }
  }
});

/** A remark added through "Edit a field" is said once as a remark (QA10 Q10-20 "Noted: Notes: …"); the co-term filing line reads as one text. */
const REMARK: Record<Lang, string> = {
  fr: 'Bon de commande client 4500778812, devis en euros',
  zh: '客户采购订单号 4500778812，请用人民币报价',
  en: 'Customer PO 4500778812, please quote in GBP',
};
describe('Quote dialogs: a remark through Edit a field, the co-term filing line', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: "Noted in the remarks", then filed with the co-term line`, async () => {
        const tr = t(lang);
        const chat = new Chat(bot(), newConversation(`remark-${channel}-${lang}`), LOCALES[lang], {}, channel);
        assert.equal(lastSlot(await chat.say(CASES[lang].open)), 'confirm');
        await chat.say(tr('quote:summary.edit'));
        assert.equal(lastSlot(await chat.say(tr('quote:label.notes'))), 'notes');
        const noted = await chat.say(REMARK[lang]);
        assert.equal(noted[0]?.text, tr('quoteDialog:notes.added', { note: REMARK[lang] }), textsOf(noted));
        assert.equal(lastSlot(noted), 'confirm');
        const filed = textsOf(await chat.say(CASES[lang].confirm));
        const ref = QR.exec(filed)?.[0];
        assert.ok(ref);
        const line = `${tr('quote:filed', { ref })}${lang === 'zh' ? '' : ' '}${tr('quote:filedCoterm')}`;
        assert.ok(filed.includes(line), filed);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.ok(String(body.notes).includes(REMARK[lang]), JSON.stringify(body.notes));
      });
    }
  }
});
