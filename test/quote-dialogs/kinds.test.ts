import assert from 'node:assert/strict';
import { LANGS } from '../../knowledge/lang.js';
import { QUOTE_KINDS } from '../../knowledge/quoteTypes.js';
import { missingSlots } from '../../dialogs/validators/index.js';
import { startBot, type TestBot } from '../support/botServer.js';
import { ANSWERS, OPENINGS } from './answers.js';
import { Chat, t, fillByPrompts, LOCALES, newConversation, staffGet, STAFF_KEY } from './support.js';

describe('Quote dialogs: every kind end to end in fr, zh and en', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  for (const kind of QUOTE_KINDS) {
    for (const lang of LANGS) {
      it(`${kind} in ${lang}: asks only the kind's required slots, once each, and files`, async () => {
        const chat = new Chat(bot, newConversation(`${kind}-${lang}`), LOCALES[lang]);
        const run = await fillByPrompts(chat, await chat.say(OPENINGS[kind][lang]), ANSWERS[lang]);
        assert.ok(run.ref, `no reference; asked ${run.asked.join(', ')}; last: ${run.last.map((r) => r.text).join(' | ')}`);
        assert.equal(run.asked.at(-1), 'confirm');
        assert.equal(new Set(run.asked).size, run.asked.length, `a slot was asked twice: ${run.asked.join(', ')}`);
        const required = missingSlots(kind, {});
        for (const slot of run.asked.slice(0, -1)) assert.ok(required.includes(slot as never), `${slot} is not required for ${kind}`);

        const { status, body } = await staffGet(bot, `/api/quote-requests/${run.ref}`);
        assert.equal(status, 200);
        assert.equal(body.kind, kind);
        assert.equal(body.locale, lang);
        assert.equal(body.status, 'submitted');
        assert.equal(body.resellerEmail, ANSWERS[lang].resellerEmail);
        assert.ok(textsOfFiled(run.last).includes(t(lang)('quote:filed', { ref: run.ref })), 'the manual-review notice');
      });
    }
  }
});

const textsOfFiled = (replies: Array<{ text?: string }>) => replies.map((r) => r.text ?? '').join('\n');
