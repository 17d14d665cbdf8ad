import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * Two corrections in one message at the summary, through the HTTP server: both applied, both said
 * back, and the request filed with both (a tester's company became "两年" and the years stayed 1).
 */

const ANSWERS: Record<Lang, Record<string, string>> = {
  fr: { tier: '500', maintenanceYears: '1', resellerName: 'Hugo Perrin', resellerEmail: 'hugo@perrin-it.fr', resellerCompany: 'Perin IT', technicalContactName: 'Claire Fontaine', technicalContactEmail: 'claire@lumiere.fr', billingAddress: '3 rue Garibaldi, 69003 Lyon', endUserOrganization: 'Lumière SA', paymentPreference: 'devis', confirm: 'Confirmer' },
  zh: { tier: '500', maintenanceYears: '1', resellerName: '周杰', resellerEmail: 'zhoujie@hengda-it.cn', resellerCompany: '上海云途科技', technicalContactName: '林晓', technicalContactEmail: 'linxiao@yunfeng.cn', billingAddress: '上海市浦东新区世纪大道100号', endUserOrganization: '云峰教育', paymentPreference: '报价单', confirm: '确认' },
  en: { tier: '500', maintenanceYears: '1', resellerName: 'Owen Hale', resellerEmail: 'owen@halesoft.co.uk', resellerCompany: 'Hale Sotf', technicalContactName: 'Nina Brooks', technicalContactEmail: 'nina@harbour.com', billingAddress: '22 Pitt St, Sydney NSW 2000', endUserOrganization: 'Harbour Apps', paymentPreference: 'quote', confirm: 'Confirm' },
};
const OPEN: Record<Lang, string> = { fr: 'je voudrais un devis pour une nouvelle licence Jira Data Center', zh: '我要报价：新的 Jira 数据中心许可证', en: 'I need a quote for a new Jira Data Center licence' };
const FIX: Record<Lang, { text: string; company: string; years: number }> = {
  fr: { text: "le nom de notre société est faux, c'est Perrin IT, et aussi 3 ans de maintenance", company: 'Perrin IT', years: 3 },
  zh: { text: '公司名字错了，应该是上海云图科技。另外维护改成两年', company: '上海云图科技', years: 2 },
  en: { text: 'the company name is wrong, it should be Hale Soft. Also change maintenance to 2 years', company: 'Hale Soft', years: 2 },
};

describe('Quote dialogs: two corrections in one message', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: both are applied, said, and filed`, async () => {
        const chat = new Chat(bot(), newConversation(`two-fixes-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const { confirm, ...answers } = ANSWERS[lang];
        const run = await fillByPrompts(chat, await chat.say(OPEN[lang]), answers);
        assert.equal(lastSlot(run.last), 'confirm', `the summary: ${textsOf(run.last)}`);
        const fixed = await chat.say(FIX[lang].text);
        const said = textsOf(fixed);
        assert.equal(lastSlot(fixed), 'confirm');
        assert.ok(said.includes(FIX[lang].company), `company said: ${said}`);
        const filed = await chat.say(confirm!);
        const ref = QR.exec(textsOf(filed))?.[0];
        assert.ok(ref, `filed: ${textsOf(filed)}`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.equal(body.resellerCompany, FIX[lang].company);
        assert.equal(body.items[0].maintenanceYears, FIX[lang].years);
      });
    }
  }
});
