import assert from 'node:assert/strict';
import { lastSlot, type Reply } from '../support/botServer.js';
import { CHANNELS, Chat, LOCALES, newConversation, staffBot, t, textsOf } from './support.js';

/**
 * "Get a quote" tapped twice: the second tap reaches the kind question, which used to read "quote"
 * in it as a kind and start a form the user never chose. It asks the same question again.
 */

const buttons = (replies: Reply[]) => replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);

describe('Quote dialogs: the menu button tapped twice', function () {
  this.timeout(60_000);
  const bot = staffBot();

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      it(`${channel} ${lang}: the kind question again, then the kind the user picks`, async () => {
        const chat = new Chat(bot(), newConversation(`menu-twice-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const tr = t(lang);
        const first = await chat.say(tr('common:menu.quote'));
        const kinds = buttons(first);
        assert.ok(kinds.includes(tr('quote:kind.cloud-renewal')), `the kinds: ${kinds.join(' | ')}`);
        const again = await chat.say(tr('common:menu.quote'));
        assert.equal(lastSlot(again), undefined, `no form started: ${textsOf(again)}`);
        assert.deepEqual(buttons(again), kinds, 'the same question');
        const picked = await chat.say(tr('quote:kind.cloud-renewal'));
        assert.ok(lastSlot(picked), `a form for the kind picked: ${textsOf(picked)}`);
      });
    }
  }
});
