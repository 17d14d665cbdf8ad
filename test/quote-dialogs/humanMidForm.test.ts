import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { lastSlot } from '../support/botServer.js';
import { Chat, LOCALES, newConversation, staffBot, t, textsOf } from './support.js';

/**
 * Asking for a person in the middle of a form (black-box round 11, F26): "我想找人工" starts the
 * handoff as "can I talk to a human?" does in English and French; taking it back returns to the
 * same prompt, and "算了，不用了" typed at a name prompt is never stored as a name.
 */

const OPEN: Record<Lang, string> = {
  zh: '要给客户南方数码报一个 Confluence Data Center 新购，1000人，维护1年，我是星辰软件的范磊 fanlei@xingchen-soft.cn',
  fr: "Devis nouvelle licence Confluence Data Center, 1000 utilisateurs, 1 an, pour le client Verrerie Aubin. Je suis Lucie Garrel de Cimes Informatique, lucie@cimes-info.fr",
  en: "Quote for a new Confluence Data Center licence, 1000 users, 1 year, customer Dunmore Glass. I'm Felix Orr from Ridgeback IT, felix@ridgeback-it.com",
};
const HUMAN: Record<Lang, string> = { zh: '我想要找人工', fr: 'je peux parler à un conseiller ?', en: 'can I talk to a human?' };
const NEVER_MIND: Record<Lang, string> = { zh: '算了，不用了', fr: 'laisse tomber, pas la peine', en: 'never mind, forget it' };

describe('Quote dialogs: a person asked for mid-form (qa11 F26)', function () {
  this.timeout(120_000);
  const bot = staffBot();
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "${HUMAN[lang]}" starts the handoff; taking it back returns to the same prompt`, async () => {
      const chat = new Chat(bot(), newConversation(`human-mid-${lang}`), LOCALES[lang]);
      const asked = lastSlot(await chat.say(OPEN[lang]));
      assert.ok(asked, 'a form prompt');
      const human = await chat.say(HUMAN[lang]);
      assert.ok(textsOf(human).includes(t(lang)('handoff:followUp.askEmail')) || textsOf(human).includes(t(lang)('handoff:followUp.noAdvocate')), `the handoff: ${textsOf(human)}`);
      const back = await chat.say(NEVER_MIND[lang]);
      assert.ok(textsOf(back).includes(t(lang)('handoff:cancelled')), textsOf(back));
      assert.equal(lastSlot(back), asked, textsOf(back));
    });

    it(`${lang}: "${NEVER_MIND[lang]}" at a name prompt is no name`, async () => {
      const chat = new Chat(bot(), newConversation(`never-mind-name-${lang}`), LOCALES[lang]);
      const asked = lastSlot(await chat.say(OPEN[lang]));
      assert.equal(asked, 'technicalContactName');
      const replies = await chat.say(NEVER_MIND[lang]);
      assert.equal(lastSlot(replies), 'technicalContactName', `asked again: ${textsOf(replies)}`);
    });
  }

  // The one word the "no reliable answer" reply tells the user to type (and "conseiller", "转人工").
  const ONE_WORD: Record<Lang, string> = { zh: '转人工', fr: 'conseiller', en: 'advocate' };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: "${ONE_WORD[lang]}" alone at a name prompt starts the handoff, never a name`, async () => {
      const chat = new Chat(bot(), newConversation(`one-word-human-${lang}`), LOCALES[lang]);
      assert.equal(lastSlot(await chat.say(OPEN[lang])), 'technicalContactName');
      const human = await chat.say(ONE_WORD[lang]);
      assert.ok(textsOf(human).includes(t(lang)('handoff:followUp.askEmail')), `the handoff: ${textsOf(human)}`);
    });
  }
});
