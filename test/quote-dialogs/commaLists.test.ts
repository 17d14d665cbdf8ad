import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';

import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, staffBot, staffGet, textsOf } from './support.js';

/** Through the HTTP server: "I'm Ann Lee, Acme Resell, ann@…" in the opening is said back and filed whole, never asked again. */

const CASES: Record<Lang, { open: string; company: string; email: string; answers: Record<string, string> }> = {
  en: {
    open: "I need a DC renewal quote for Jira, SEN-L2223340. I'm Ann Lee, Acme Resell, ann@acmeresell.com",
    company: 'Acme Resell',
    email: 'ann@acmeresell.com',
    answers: { technicalContactEmail: 'it@contoso.com', endUserName: 'Dana Fox', endUserEmail: 'dana@contoso.com', confirm: 'Confirm' },
  },
  fr: {
    open: "Bonjour, moi c'est Julien Moreau, Sogetek, julien.moreau@sogetek.fr, je voudrais un devis de renouvellement Confluence Data Center SEN-L3301990",
    company: 'Sogetek',
    email: 'julien.moreau@sogetek.fr',
    answers: { technicalContactEmail: 'it@baudin.fr', endUserName: 'Marc Baudin', endUserEmail: 'marc@baudin.fr', confirm: 'Confirmer' },
  },
  zh: {
    open: '你好，我叫陈静，深圳蓝海软件，chenjing@lanhai-soft.com，要续订 Jira 数据中心 SEN-L2223341',
    company: '深圳蓝海软件',
    email: 'chenjing@lanhai-soft.com',
    answers: { technicalContactEmail: 'it@xinhe.cn', endUserName: '刘洋', endUserEmail: 'liuyang@xinhe.cn', confirm: '确认' },
  },
};

describe('Quote dialogs: name, company and email as a comma list', function () {
  this.timeout(120_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const c = CASES[lang];
      it(`${channel} ${lang}: said back, not asked again, filed`, async () => {
        const chat = new Chat(bot(), newConversation(`comma-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.ok(textsOf(opened).includes(c.company), `said back: ${textsOf(opened)}`);
        const run = await fillByPrompts(chat, opened, c.answers);
        assert.ok(run.ref, `filed without asking for ${run.asked.at(-1)}: ${textsOf(run.last)}`);
        assert.ok(!run.asked.includes('resellerEmail') && !run.asked.includes('resellerName'), run.asked.join(', '));
        const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
        assert.equal(body.resellerCompany, c.company);
        assert.equal(body.resellerEmail, c.email);
      });
    }
  }

  const AT_PROMPT: Record<Lang, { open: string; first: Record<string, string>; text: string; name: string; company: string; email: string }> = {
    fr: { open: 'devis renouvellement Data Center Jira SEN-L5500104', first: { technicalContactEmail: 'it@x.fr', endUserName: 'Marc Blanc', endUserEmail: 'marc@x.fr' }, text: "je l'ai écrit au début... Antoine Lefort, Datavia SARL, antoine.lefort@datavia.fr", name: 'Antoine Lefort', company: 'Datavia SARL', email: 'antoine.lefort@datavia.fr' },
    zh: { open: '数据中心续订 Jira SEN-L5500105', first: { technicalContactEmail: 'it@x.cn', endUserName: '刘洋', endUserEmail: 'ly@x.cn' }, text: '好吧那就申请吧。我叫陈静，深圳蓝海软件，chenjing@lanhai-soft.com', name: '陈静', company: '深圳蓝海软件', email: 'chenjing@lanhai-soft.com' },
    en: { open: 'Data Center renewal for Jira, SEN-L5500106', first: { technicalContactEmail: 'it@x.com', endUserName: 'Dana Fox', endUserEmail: 'dana@x.com' }, text: 'as I said... Raj Patel, Orbital Systems Inc, raj.patel@orbitalsys.com', name: 'Raj Patel', company: 'Orbital Systems Inc', email: 'raj.patel@orbitalsys.com' },
  };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    const c = AT_PROMPT[lang];
    it(`${lang}: at the name prompt, after a lead-in, the person is the name and the company the company`, async () => {
      const chat = new Chat(bot(), newConversation(`comma-prompt-${lang}`), LOCALES[lang]);
      const run = await fillByPrompts(chat, await chat.say(c.open), c.first);
      assert.equal(run.asked.at(-1), 'resellerName', run.asked.join(', '));
      const done = await fillByPrompts(chat, await chat.say(c.text), { confirm: lang === 'fr' ? 'Confirmer' : lang === 'zh' ? '确认' : 'Confirm' });
      assert.ok(done.ref, textsOf(done.last));
      assert.ok(!done.asked.includes('resellerName'), done.asked.join(', '));
      const { body } = await staffGet(bot(), `/api/quote-requests/${done.ref}`);
      assert.deepEqual([body.resellerName, body.resellerCompany, body.resellerEmail], [c.name, c.company, c.email]);
    });
  }
});
