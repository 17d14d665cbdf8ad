import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { isDontKnow } from '../../dialogs/validators/plausible.js';
import { lastSlot } from '../support/botServer.js';
import { CHANNELS, Chat, fillByPrompts, LOCALES, newConversation, staffBot, staffGet, textsOf } from './support.js';

/**
 * "不太确定", "there's no named person", "je sais pas, je dois demander au client" at a name
 * prompt are no names: testers saw them filed as the end user's name. The prompt stays open.
 */

const CASES: Record<Lang, { open: string; vague: string[]; answers: Record<string, string> }> = {
  fr: { open: 'devis de renouvellement Data Center pour Jira, SEN-L5500101', vague: ['je sais pas, je dois demander au client', 'personne pour l\'instant'], answers: { technicalContactEmail: 'it@baudin.fr', endUserName: 'Marc Baudin', endUserEmail: 'marc@baudin.fr', resellerName: 'Léa Martin', resellerEmail: 'lea@alpes-it.fr', confirm: 'Confirmer' } },
  zh: { open: '数据中心续订 Jira，SEN-L5500102', vague: ['不太确定', '不太确定，要问一下客户'], answers: { technicalContactEmail: 'it@xinhe.cn', endUserName: '刘洋', endUserEmail: 'liuyang@xinhe.cn', resellerName: '陈静', resellerEmail: 'chenjing@lanhai-soft.com', confirm: '确认' } },
  en: { open: 'Data Center renewal for Jira, SEN-L5500103', vague: ["there's no named person", 'not sure, I need to check'], answers: { technicalContactEmail: 'it@kestrel.co.uk', endUserName: 'Oliver Hughes', endUserEmail: 'oliver@kestrel.co.uk', resellerName: 'Priya Shah', resellerEmail: 'priya@bluefin-it.co.uk', confirm: 'Confirm' } },
};

describe('Quote dialogs: vague answers at a name prompt', function () {
  this.timeout(120_000);
  const bot = staffBot();

  it('reads "not sure" said in a few clauses, not a name with a remark', () => {
    for (const text of ['je sais pas, je dois demander au client', '不太确定，要问一下客户', "there's no named person", '还没定']) assert.ok(isDontKnow(text), text);
    for (const text of ['Jean Dupont', 'not sure, Jean Dupont', '王芳']) assert.ok(!isDontKnow(text), text);
  });

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const c = CASES[lang];
      it(`${channel} ${lang}: the name prompt stays open, and nothing vague is filed`, async () => {
        const chat = new Chat(bot(), newConversation(`vague-${channel}-${lang}`), LOCALES[lang], {}, channel);
        let replies = await chat.say(c.open);
        replies = await chat.say(c.answers.technicalContactEmail!);
        assert.equal(lastSlot(replies), 'endUserName', textsOf(replies));
        for (const text of c.vague) {
          replies = await chat.say(text);
          assert.equal(lastSlot(replies), 'endUserName', `${text} → ${textsOf(replies)}`);
        }
        const run = await fillByPrompts(chat, replies, c.answers);
        assert.ok(run.ref, textsOf(run.last));
        const { body } = await staffGet(bot(), `/api/quote-requests/${run.ref}`);
        assert.equal(body.endUserName, c.answers.endUserName);
      });
    }
  }
});
