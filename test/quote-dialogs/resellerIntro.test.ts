import assert from 'node:assert/strict';
import { readSelfIntroduction } from '../../dialogs/quote/resellerIntro.js';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { ANSWERS } from './answers.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, t, textsOf } from './support.js';

/**
 * A first message that only introduces the reseller ("Name, Company, email"; black-box round 11,
 * F30) is acknowledged, not sent to the FAQ, and the quote that follows starts with those details:
 * neither name, email nor company is asked, and the filed request holds them.
 */

const INTRO: Record<Lang, { line: string; name: string; company: string; email: string; quote: string }> = {
  en: { line: 'Marta Lind, Fjellsoft Partners, marta.lind@fjellsoft.no', name: 'Marta Lind', company: 'Fjellsoft Partners', email: 'marta.lind@fjellsoft.no', quote: 'I need a quote for a new Jira Data Center licence, 500 users, 1 year' },
  fr: { line: 'Armand Tessier, Opaline Systèmes, armand.tessier@opaline-sys.fr', name: 'Armand Tessier', company: 'Opaline Systèmes', email: 'armand.tessier@opaline-sys.fr', quote: "J'ai besoin d'un devis pour une nouvelle licence Jira Data Center, 500 utilisateurs, 1 an" },
  zh: { line: '宋佳，云峰信息，songjia@yunfeng-info.cn', name: '宋佳', company: '云峰信息', email: 'songjia@yunfeng-info.cn', quote: '要一个Jira Data Center新许可证报价，500用户，维护1年' },
};
const OWN = ['resellerName', 'resellerEmail', 'resellerCompany'];

describe('Quote dialogs: a reseller introducing themself first (qa11 F30)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: the introduction is acknowledged and the next quote starts with it`, async () => {
        const c = INTRO[lang];
        const chat = new Chat(bot(), newConversation(`intro-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const hello = await chat.say(c.line);
        const said = textsOf(hello);
        assert.ok(said.includes(t(lang)('quoteDialog:intro.noted', { details: '' }).slice(0, 6)) && said.includes(c.email), said);
        assert.ok(!said.includes(t(lang)('faq:none')), said);
        const { confirm, ...answers } = ANSWERS[lang];
        const others = Object.fromEntries(Object.entries(answers).filter(([k]) => !OWN.includes(k)));
        const run = await fillByPrompts(chat, await chat.say(c.quote), others);
        assert.ok(!run.asked.some((s) => OWN.includes(s)), `not asked again: ${run.asked.join(', ')}`);
        assert.equal(lastSlot(run.last), 'confirm', textsOf(run.last));
        const ref = QR.exec(textsOf(await chat.say(confirm!)))?.[0];
        assert.ok(ref, 'filed');
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.deepEqual([body.resellerName, body.resellerCompany, body.resellerEmail], [c.name, c.company, c.email]);
      });
    }
  }

  it('reads only a whole introduction: not a question, a request, or a contact line', () => {
    assert.deepEqual(readSelfIntroduction('Marta Lind, Fjellsoft Partners, marta.lind@fjellsoft.no', 'en'), { resellerName: 'Marta Lind', resellerCompany: 'Fjellsoft Partners', resellerEmail: 'marta.lind@fjellsoft.no' });
    assert.equal(readSelfIntroduction('Marta Lind, Fjellsoft Partners, marta.lind@fjellsoft.no - can you send me the price list?', 'en'), undefined);
    assert.equal(readSelfIntroduction('email me at marta.lind@fjellsoft.no', 'en'), undefined);
    assert.equal(readSelfIntroduction('quote for Jira DC 500 users, Marta Lind, Fjellsoft Partners, marta.lind@fjellsoft.no', 'en'), undefined);
  });
});
