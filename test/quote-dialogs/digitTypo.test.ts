import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * "le SEN c'est SEN-L…, j'ai inversé les chiffres" under the summary, through the HTTP server: a
 * typo inside the SEN, never two people swapped (a tester's reseller became the technical contact
 * and the SEN stayed wrong, QA9 Q9-1). Filed with the new SEN, both people where they were.
 */

interface Case {
  open: string;
  fix: string;
  confirm: string;
  sen: string;
  reseller: string;
  technical: string;
}
const CASES: Record<Lang, Case> = {
  fr: {
    open: 'Mise à niveau Data Center : Confluence SEN-L5530912, de 500 à 1000 utilisateurs. Contact technique : Solène Marchal, s.marchal@cartonnerie-vire.fr. Moi c\'est Bastien Gouin, bastien.gouin@infolys.fr',
    fix: "ah zut, le SEN c'est SEN-L5530921, j'ai inversé les deux derniers chiffres",
    confirm: 'Confirmer',
    sen: 'SEN-L5530921',
    reseller: 'Bastien Gouin',
    technical: 'Solène Marchal',
  },
  zh: {
    open: 'Confluence 数据中心升级：SEN-L6620418，从500用户升到1000用户。技术联系人是郑雨桐，zhengyt@hualan-bio.cn。我是经销商孙浩然，sunhr@qiyun-tech.cn',
    fix: 'SEN号两位数字写反了，应该是SEN-L6620481',
    confirm: '确认',
    sen: 'SEN-L6620481',
    reseller: '孙浩然',
    technical: '郑雨桐',
  },
  en: {
    open: 'Data Center upgrade for Confluence SEN-L7740356 from 500 to 1000 users. Technical contact Priya Raman priya.raman@kelpworks.com. I am Dylan Forde dylan.forde@brightlane.ie',
    fix: 'my bad, the SEN is SEN-L7740365 - I swapped two digits',
    confirm: 'Confirm',
    sen: 'SEN-L7740365',
    reseller: 'Dylan Forde',
    technical: 'Priya Raman',
  },
};

describe('Quote dialogs: swapped digits in a SEN under the summary (Q9-1)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: the SEN changes, the people stay`, async () => {
        const c = CASES[lang];
        const chat = new Chat(bot(), newConversation(`digit-typo-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'confirm', `the summary: ${textsOf(opened)}`);
        const fixed = await chat.say(c.fix);
        assert.equal(lastSlot(fixed), 'confirm');
        assert.ok(textsOf(fixed).includes(c.sen), `the new SEN said: ${textsOf(fixed)}`);
        const filed = await chat.say(c.confirm);
        const ref = QR.exec(textsOf(filed))?.[0];
        assert.ok(ref, `filed: ${textsOf(filed)}`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.equal(body.sen, c.sen);
        assert.equal(body.resellerName, c.reseller);
        assert.equal(body.technicalContactName, c.technical);
      });
    }
  }
});
