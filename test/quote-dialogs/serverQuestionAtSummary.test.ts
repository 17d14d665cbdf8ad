import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * A question about a Server licence under a Data Center summary, through the HTTP server (QA9
 * Q9-6: "le client a encore un Confluence Server, on peut encore le renouveler ?" added Confluence
 * to the order and answered nothing). It is answered (Server is end of life) and the summary comes
 * back unchanged; the request is filed with its one product.
 */

interface Case {
  open: string;
  question: string;
  confirm: string;
}
const CASES: Record<Lang, Case> = {
  fr: {
    open: 'Mise à niveau Data Center : Confluence SEN-L5530912, de 500 à 1000 utilisateurs. Contact technique : Solène Marchal, s.marchal@cartonnerie-vire.fr. Moi c\'est Bastien Gouin, bastien.gouin@infolys.fr',
    question: 'au passage, ils ont toujours un Jira Server chez eux, ça se renouvelle encore ?',
    confirm: 'Confirmer',
  },
  zh: {
    open: 'Confluence 数据中心升级：SEN-L6620418，从500用户升到1000用户。技术联系人是郑雨桐，zhengyt@hualan-bio.cn。我是经销商孙浩然，sunhr@qiyun-tech.cn',
    question: '对了，客户还有一套Jira服务器版，还能续订吗？',
    confirm: '确认',
  },
  en: {
    open: 'Data Center upgrade for Confluence SEN-L7740356 from 500 to 1000 users. Technical contact Priya Raman priya.raman@kelpworks.com. I am Dylan Forde dylan.forde@brightlane.ie',
    question: 'btw the customer also still has a Jira Server licence, can they still renew it?',
    confirm: 'Confirm',
  },
};

describe('Quote dialogs: a Server question under a Data Center summary (Q9-6)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: answered, the summary unchanged`, async () => {
        const c = CASES[lang];
        const chat = new Chat(bot(), newConversation(`server-question-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'confirm', `the summary: ${textsOf(opened)}`);
        const summaryBefore = opened.at(-1)?.text;
        const answered = await chat.say(c.question);
        assert.equal(lastSlot(answered), 'confirm');
        assert.ok(answered.length >= 2, `an answer before the summary: ${textsOf(answered)}`);
        assert.match(answered[0]!.text ?? '', /Server|服务器/u, 'the answer is about Server');
        assert.equal(answered.at(-1)?.text, summaryBefore, 'the summary is unchanged');
        const ref = QR.exec(textsOf(await chat.say(c.confirm)))?.[0];
        assert.ok(ref);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.deepEqual(body.items.map((i: { product: string }) => i.product), ['confluence']);
      });
    }
  }
});
