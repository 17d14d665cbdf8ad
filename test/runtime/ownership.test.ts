import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { conversationKey, userKey } from '../../bot/state.js';
import { waitFor } from '../handoff/support.js';
import { startBot, textOf, webchatMessage, type TestBot } from '../support/botServer.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, STAFF_KEY, t } from '../quote-dialogs/support.js';

/**
 * Ids come from the client: a conversation or user id is only someone's together with its
 * channel. Nothing of one user may be reached by replaying their ids on another channel, or by
 * ids that glue into the same storage key.
 */
describe('ownership: (channel, conversation, user) everywhere', function () {
  this.timeout(60_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  it('storage keys cannot collide: webchat + "b/conversations/collide" and "webchat/conversations/b" + "collide" are two conversations', async () => {
    assert.notEqual(conversationKey('webchat', 'b/conversations/collide'), conversationKey('webchat/conversations/b', 'collide'));
    assert.notEqual(userKey('webchat', 'a/users/b'), userKey('webchat/users/a', 'b'));
    assert.equal(conversationKey('msteams', 'a:1XyZ'), 'msteams/conversations/a:1XyZ/', 'ordinary ids keep their former keys');

    const first = webchatMessage('b/conversations/collide', 'hello', 'en-US', { from: { id: 'user-one' } });
    const second = { ...webchatMessage('collide', 'thanks', 'en-US', { from: { id: 'user-two' } }), channelId: 'webchat/conversations/b' };
    const files = () => readdirSync(join(bot.dataDir, 'state')).length;
    const before = files();
    await bot.send(first);
    const replies = await bot.send(second);
    // A conversation of its own: the second one is greeted as new, not taken for the first.
    assert.ok(textOf(replies).includes(t('en')('common:welcome.greeting', { name: '' }).trim()), textOf(replies));
    // State files are written behind the turn: wait for them.
    await waitFor('four state files', () => files() - before >= 4);
    assert.equal(files() - before, 4, 'two conversation states and two user states');
  });

  it("a quote's status is told on its own channel only: the same user and conversation ids from msteams get \"not found\"", async () => {
    const chat = new Chat(bot, newConversation('owner'), LOCALES.en);
    const { ref } = await fillByPrompts(chat, await chat.say(OPENINGS['cloud-renewal'].en), ANSWERS.en);
    assert.ok(ref);
    const mine = await chat.say(`status of ${ref}`);
    assert.ok(textOf(mine).includes(t('en')('quote:status.submitted', { ref })));
    const replay = { ...webchatMessage(chat.conversationId, `status of ${ref}`, 'en-US'), channelId: 'msteams', id: 'teams-replay' };
    const theirs = await bot.send(replay);
    assert.ok(textOf(theirs).includes(t('en')('quote:status.notFound', { ref })), textOf(theirs));
  });
});
