import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import type { Reply } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * Start over, another request, resume in plain words (QA10 Q10-13), through the HTTP server.
 * The reseller's own details given in the opening sentence are kept when they start over (they
 * are still the same person); "même client" / "same customer" / "同一个客户" carries the previous
 * request's customer, and only then. A set-aside request comes back when asked for in a sentence
 * ("la demande de tout à l'heure, vous pouvez la reprendre ?").
 */

interface Case {
  open: string;
  restart: string;
  answers: Record<string, string>;
  confirm: string;
  resume: string;
  reseller: [string, string, string];
  customer: string;
  another: string;
}
const CASES: Record<Lang, Case> = {
  fr: {
    open: "Bonjour, pour notre client Cidrerie Le Gall on a Jira DC (SEN-L4410356) qui expire le 31/03/2027 et Confluence DC (SEN-L4410392) qui expire le 30/09/2027, on voudrait tout aligner sur le 30/09/2027. Je suis Yannick Morvan, Armor Logiciel, y.morvan@armor-logiciel.fr",
    restart: "attendez, on recommence : c'est plutôt une nouvelle licence Bitbucket Data Center 250 utilisateurs, 1 an de maintenance, même client",
    answers: { technicalContactName: 'Gaëlle Tanguy, g.tanguy@cidrerie-legall.fr', billingAddress: '3 rue de Siam, 29200 Brest, France', paymentPreference: 'Devis (PDF) par e-mail' },
    confirm: 'Confirmer',
    resume: "et la demande d'harmonisation de tout à l'heure, vous pouvez la reprendre ?",
    reseller: ['Yannick Morvan', 'y.morvan@armor-logiciel.fr', 'Armor Logiciel'],
    customer: 'Cidrerie Le Gall',
    another: 'maintenant une autre : nouvelle licence Confluence Data Center 500 utilisateurs, 1 an',
  },
  zh: {
    open: '你好，我们的客户是绿洲餐饮，有两个DC许可证：Jira SEN-L5520467 在2027年3月31日到期，Confluence SEN-L5520493 在2027年9月30日到期，想统一到2027年9月30日。我是经销商唐雨辰，公司是星桥软件，tangyc@xingqiao-soft.cn',
    restart: '等一下，重新开始：其实是新购 Bitbucket 数据中心许可证，250用户，维护1年，还是同一个客户',
    answers: { technicalContactName: '钱晓静，qianxj@lvzhou-cy.cn', billingAddress: '上海市徐汇区漕溪北路88号，200030', paymentPreference: '通过电子邮件接收报价 (PDF)' },
    confirm: '确认',
    resume: '刚才那个条款关联的申请，能接着弄吗？',
    reseller: ['唐雨辰', 'tangyc@xingqiao-soft.cn', '星桥软件'],
    customer: '绿洲餐饮',
    another: '再来一个：新购 Confluence 数据中心许可证，500用户，维护1年',
  },
  en: {
    open: 'Hi, our customer Fernhill Dairies has Jira DC SEN-L6630578 and Confluence DC SEN-L6630594, please co-term both to 30 September 2027. I am Owen Pritchard from Lakeside Digital, owen.pritchard@lakeside-digital.co.uk',
    restart: "hold on, let's start over: it's actually a new licence for Bitbucket Data Center, 250 users, 1 year of maintenance, same customer",
    answers: { technicalContactName: 'Megan Hale, megan.hale@fernhill-dairies.co.uk', billingAddress: '21 Quay Street, Bristol BS1 4DB, United Kingdom', paymentPreference: 'Quote (PDF) by email' },
    confirm: 'Confirm',
    resume: 'the co-term request from earlier, can you pick it back up?',
    reseller: ['Owen Pritchard', 'owen.pritchard@lakeside-digital.co.uk', 'Lakeside Digital'],
    customer: 'Fernhill Dairies',
    another: 'now another one: a new Confluence Data Center licence, 500 users, 1 year',
  },
};

async function fillToSummary(chat: Chat, first: Reply[], answers: Record<string, string>): Promise<Reply[]> {
  let replies = first;
  for (let turn = 0; turn < 8 && lastSlot(replies) !== 'confirm'; turn++) {
    const slot = lastSlot(replies)!;
    const answer = answers[slot];
    assert.ok(answer, `no answer for the prompt ${slot}: ${textsOf(replies)}`);
    replies = await chat.say(answer);
  }
  assert.equal(lastSlot(replies), 'confirm', textsOf(replies));
  return replies;
}

describe('Quote dialogs: start over keeps the reseller, "same customer", resume in words (Q10-13)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: restart, file, resume the co-term, file it`, async () => {
        const c = CASES[lang];
        const chat = new Chat(bot(), newConversation(`start-over-${channel}-${lang}`), LOCALES[lang], {}, channel);
        assert.equal(lastSlot(await chat.say(c.open)), 'confirm');

        const restarted = await chat.say(c.restart);
        const noted = textsOf(restarted);
        for (const value of [...c.reseller, c.customer]) assert.ok(noted.includes(value), `${value} kept: ${noted}`);
        assert.equal(lastSlot(restarted), 'technicalContactName', 'the reseller is not asked again');

        const summary = await fillToSummary(chat, restarted, c.answers);
        assert.ok(textsOf(summary).includes(c.customer));
        const newRef = QR.exec(textsOf(await chat.say(c.confirm)))?.[0];
        assert.ok(newRef, 'the new licence filed');
        const filedNew = (await staffGet(bot(), `/api/quote-requests/${newRef}`)).body;
        assert.equal(filedNew.endUserOrganization, c.customer);
        assert.equal(filedNew.resellerName, c.reseller[0]);

        const resumed = await chat.say(c.resume);
        assert.equal(lastSlot(resumed), 'confirm', `the co-term's summary again: ${textsOf(resumed)}`);
        assert.match(textsOf(resumed), /SEN-L\d{7}.*SEN-L\d{7}/su);
        const cotermRef = QR.exec(textsOf(await chat.say(c.confirm)))?.[0];
        assert.ok(cotermRef && cotermRef !== newRef, 'the co-term filed too');

        // Another request without "same customer": the reseller is known, the customer is asked, not assumed.
        const another = await chat.say(c.another);
        assert.ok(textsOf(another).includes(c.reseller[0]), textsOf(another));
        assert.ok(!textsOf(another).includes(c.customer), `the customer is not assumed: ${textsOf(another)}`);
      });
    }
  }
});
