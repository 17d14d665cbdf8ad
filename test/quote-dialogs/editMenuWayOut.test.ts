import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, QR, staffBot, t, textsOf } from './support.js';

/**
 * The field menu after "Edit a field" has a way out (black-box round 11, F22): "never mind,
 * nothing to change", Confirm typed there, "back", "retour", "算了" show the summary again —
 * no "choose one of the fields", no "stop the request?"; the request then files.
 */

const OPEN: Record<Lang, string> = {
  fr: 'Devis nouvelle licence Jira Data Center, 500 utilisateurs, 1 an, client Tanneries Lagarde. Je suis Mathis Ordas de Sillon Numérique, mathis@sillon-num.fr. Contact technique : Inès Lagarde, ines@tanneries-lagarde.fr. Adresse de facturation : 4 rue des Tanneurs, 31000 Toulouse, France. Devis PDF par e-mail.',
  zh: '要一个Jira Data Center新许可证报价，500用户，维护1年，客户是永安纺织。我是经销商丁宁，启航软件，dingning@qihang-soft.cn。技术联系人：严冬，yandong@yongan-tex.cn。账单地址：江苏省苏州市工业园区星湖街88号，215000，中国。报价单发邮件。',
  en: "Quote for a new Jira Data Center licence, 500 users, 1 year, customer Fenwick Tools Ltd. I'm Ada Brook at Quarry Lane IT, ada@quarrylane.io. Tech contact: Owen Fenwick, owen@fenwicktools.co.uk. Billing address: 8 Mill Road, Leeds LS1 4AB, United Kingdom. Quote (PDF) by email.",
};
const WAY_OUT: Record<Lang, string[]> = {
  fr: ['retour', 'finalement rien à changer', 'Confirmer'],
  zh: ['算了', '没事，不用改', '确认'],
  en: ['back', 'never mind, looks good', 'Confirm'],
};

describe('Quote dialogs: a way out of the Edit menu (qa11 F22)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: "${WAY_OUT[lang].join('", "')}" at the field menu show the summary again; then it files`, async () => {
        const chat = new Chat(bot(), newConversation(`edit-out-${channel}-${lang}`), LOCALES[lang], {}, channel);
        let replies = await chat.say(OPEN[lang]);
        for (let i = 0; i < 3 && lastSlot(replies) !== 'confirm'; i++) replies = await chat.say(t(lang)('quote:value.paymentPreference.quote'));
        assert.equal(lastSlot(replies), 'confirm', textsOf(replies));
        for (const phrase of WAY_OUT[lang]) {
          const menu = await chat.say(t(lang)('quote:summary.edit'));
          assert.ok(textsOf(menu).includes(t(lang)('quote:edit.which')), `the field menu: ${textsOf(menu)}`);
          const back = await chat.say(phrase);
          const said = textsOf(back);
          assert.equal(lastSlot(back), 'confirm', `the summary again after "${phrase}": ${said}`);
          assert.ok(!said.includes(t(lang)('quote:edit.invalid')), said);
          assert.ok(!said.includes(t(lang)('common:cancel.confirm')), said);
        }
        assert.ok(QR.test(textsOf(await chat.say(t(lang)('quote:summary.confirm')))), 'filed');
      });
    }
  }
});
