import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, QR, staffBot, staffGet, textsOf } from './support.js';

/**
 * Order lines of several products, through the HTTP server: each line is filed with its own
 * edition, a correction of one product's edition at the summary leaves the other alone, and the
 * SEN of a second licence said at the summary is added and filed with its product.
 */

interface Case {
  open: string;
  answers: Record<string, string>;
  shown: RegExp;
  correction: string;
  said: RegExp;
  confirm: string;
}

const CASES: Record<Lang, Case> = {
  fr: {
    open: 'devis renouvellement cloud pour le site lumiere-web.atlassian.net : Jira en Premium et Confluence en Standard, 200 utilisateurs',
    answers: { authorizedContactName: 'Claire Fontaine', authorizedContactEmail: 'claire@lumiere-web.fr', resellerName: 'Hugo Perrin', resellerEmail: 'hugo@perrin-it.fr' },
    shown: /Jira : Premium, Confluence : Standard/u,
    correction: 'ah non, Confluence aussi en Premium',
    said: /édition de Confluence/u,
    confirm: 'Confirmer',
  },
  zh: {
    open: '我们客户要续订云站点 yunfeng.atlassian.net，Jira 高级版和 Bitbucket 标准版，100个用户',
    answers: { authorizedContactName: '林晓', authorizedContactEmail: 'linxiao@yunfeng.cn', resellerName: '周杰', resellerEmail: 'zhoujie@hengda-it.cn' },
    shown: /Jira：高级版；Bitbucket：标准版/u,
    correction: '不对，Bitbucket也是高级版',
    said: /Bitbucket 的版本/u,
    confirm: '确认',
  },
  en: {
    open: 'cloud renewal for harbour-apps.atlassian.net please, Jira Premium and Confluence Standard, 50 users',
    answers: { authorizedContactName: 'Nina Brooks', authorizedContactEmail: 'nina@harbour-apps.com', resellerName: 'Owen Hale', resellerEmail: 'owen@halesoft.co.uk' },
    shown: /Jira: Premium, Confluence: Standard/u,
    correction: 'sorry, Confluence should be Premium too',
    said: /edition of Confluence/u,
    confirm: 'Confirm',
  },
};

const SENS: Record<Lang, { open: string; answers: Record<string, string>; add: string; said: RegExp; confirm: string }> = {
  fr: {
    open: 'devis renouvellement Data Center pour Jira et Confluence, SEN-L4401001, 2 ans de maintenance',
    answers: { technicalContactEmail: 'it@fromagerie-baudin.fr', endUserName: 'Marc Baudin', endUserEmail: 'marc@fromagerie-baudin.fr', resellerName: 'Léa Martin', resellerEmail: 'lea@alpes-it.fr' },
    add: "et le SEN de Confluence c'est SEN-L4401002, l'autre c'est celui de Jira",
    said: /SEN-L4401001 \(Jira\), SEN-L4401002 \(Confluence\)/u,
    confirm: 'Confirmer',
  },
  zh: {
    open: '数据中心续订，Jira 和 Confluence，SEN-L4401001，两年维护',
    answers: { technicalContactEmail: 'it@xinhe.cn', endUserName: '刘洋', endUserEmail: 'liuyang@xinhe.cn', resellerName: '陈静', resellerEmail: 'chenjing@lanhai-soft.com' },
    add: '还有Confluence的SEN是SEN-L4401002',
    said: /SEN-L4401001（Jira）、SEN-L4401002（Confluence）/u,
    confirm: '确认',
  },
  en: {
    open: 'Data Center renewal for Jira and Confluence, SEN-L4401001, 2 years',
    answers: { technicalContactEmail: 'it@kestrel.co.uk', endUserName: 'Oliver Hughes', endUserEmail: 'oliver@kestrel.co.uk', resellerName: 'Priya Shah', resellerEmail: 'priya@bluefin-it.co.uk' },
    add: 'oh and the Confluence SEN is SEN-L4401002',
    said: /SEN-L4401001 \(Jira\), SEN-L4401002 \(Confluence\)/u,
    confirm: 'Confirm',
  },
};

describe('Quote dialogs: an edition and a SEN per product', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const c = CASES[lang];
      it(`${channel} ${lang}: two editions are kept apart, and one corrected alone`, async () => {
        const chat = new Chat(bot(), newConversation(`editions-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.match(textsOf(opened), c.shown, 'said back before the first question');
        const run = await fillByPrompts(chat, opened, c.answers);
        assert.equal(lastSlot(run.last), 'confirm', `the summary: ${textsOf(run.last)}`);
        const corrected = await chat.say(c.correction);
        assert.match(textsOf(corrected), c.said, 'the change said back');
        assert.equal(lastSlot(corrected), 'confirm');
        const filed = await chat.say(c.confirm);
        const ref = QR.exec(textsOf(filed))?.[0];
        assert.ok(ref, `filed: ${textsOf(filed)}`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.deepEqual(body.items.map((i: { edition: string }) => i.edition), ['premium', 'premium']);
      });
      it(`${channel} ${lang}: each order line is filed with its own edition`, async () => {
        const chat = new Chat(bot(), newConversation(`editions2-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const run = await fillByPrompts(chat, await chat.say(c.open), { ...c.answers, confirm: c.confirm });
        assert.ok(run.ref, 'filed');
        const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
        assert.deepEqual(body.items.map((i: { edition: string }) => i.edition), ['premium', 'standard']);
        assert.equal(body.edition, undefined, 'no single edition for the request');
      });
    }
  }

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const c = SENS[lang];
      it(`${channel} ${lang}: a second licence's SEN said at the summary is added and filed with its product`, async () => {
        const chat = new Chat(bot(), newConversation(`sens-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const run = await fillByPrompts(chat, await chat.say(c.open), c.answers);
        assert.equal(lastSlot(run.last), 'confirm', `the summary: ${textsOf(run.last)}`);
        const added = await chat.say(c.add);
        assert.match(textsOf(added), c.said, 'the summary shows which SEN is which');
        const filed = await chat.say(c.confirm);
        const ref = QR.exec(textsOf(filed))?.[0];
        assert.ok(ref, `filed: ${textsOf(filed)}`);
        const { body } = await staffGet(bot(), `/api/quote-requests/${ref}`);
        assert.deepEqual(body.sens, ['SEN-L4401001', 'SEN-L4401002']);
        assert.deepEqual(body.items.map((i: { product: string; sen: string }) => [i.product, i.sen]), [['jira', 'SEN-L4401001'], ['confluence', 'SEN-L4401002']]);
      });
    }
  }
});
