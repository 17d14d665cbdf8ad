import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, staffBot, staffGet, textsOf } from './support.js';

/**
 * Through the HTTP server: an email answer that also corrects the customer's company ("…, the
 * client name is Contoso Ltd, not Contoso's") stores the company as the organisation and makes no
 * person of "not Contoso's".
 */

const CASES: Record<Lang, { open: string; text: string; organisation: string; answers: Record<string, string> }> = {
  en: {
    open: "DC renewal quote for our client Contoso's Jira Data Center, SEN-L2223334",
    text: "it-admin@contoso.com - oh and the client name is Contoso Ltd, not Contoso's",
    organisation: 'Contoso Ltd',
    answers: { technicalContactName: 'Sam Lee', endUserName: 'Dana Fox', endUserEmail: 'dana@contoso.com', resellerName: 'Owen Hale', resellerEmail: 'owen@halesoft.co.uk', confirm: 'Confirm' },
  },
  fr: {
    open: 'devis de renouvellement Data Center pour Jira, client Dupond, SEN-L2223335',
    text: "it@dupont.fr, et le nom du client c'est Dupont SAS, pas Dupond",
    organisation: 'Dupont SAS',
    answers: { technicalContactName: 'Luc Moreau', endUserName: 'Anne Dupont', endUserEmail: 'anne@dupont.fr', resellerName: 'Hugo Perrin', resellerEmail: 'hugo@perrin-it.fr', confirm: 'Confirmer' },
  },
  zh: {
    open: '数据中心续订 Jira，客户是云图，SEN-L2223336',
    text: 'it@yuntu.cn，客户名称是云图科技有限公司，不是云图',
    organisation: '云图科技有限公司',
    answers: { technicalContactName: '林晓', endUserName: '刘洋', endUserEmail: 'liuyang@yuntu.cn', resellerName: '周杰', resellerEmail: 'zhoujie@hengda-it.cn', confirm: '确认' },
  },
};

describe('Quote dialogs: a company said as the client, beside an email', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const c = CASES[lang];
      it(`${channel} ${lang}: stored as the organisation, nobody named after the old value`, async () => {
        const chat = new Chat(bot(), newConversation(`company-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.equal(lastSlot(opened), 'technicalContactEmail', textsOf(opened));
        const run = await fillByPrompts(chat, await chat.say(c.text), c.answers);
        assert.ok(run.ref, `filed: ${textsOf(run.last)}`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
        assert.equal(body.endUserOrganization, c.organisation);
        assert.equal(body.technicalContactName, undefined, 'no technical contact name was given');
        assert.ok(!JSON.stringify(body).match(/not Contoso|pas Dupond|不是云图/u), 'the old value is stored nowhere');
      });
    }
  }
});
