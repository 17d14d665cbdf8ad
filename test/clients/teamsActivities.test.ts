import assert from 'node:assert/strict';
import { startBot, textOf, type TestBot } from '../support/botServer.js';
import { fixture, localeText } from './fixtures.js';

/**
 * Real Teams activity shapes (test/fixtures/activities/msteams) through the real
 * HTTP endpoint. Replies come back in the response body (expectReplies), so the
 * Teams serviceUrl in the fixtures is never called.
 */
describe('Teams activities over HTTP', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(async () => bot.close());

  // The bot remembers each user's language: every test is a new user in a new conversation.
  const unique = (activity: Record<string, unknown>): Record<string, unknown> => {
    const conversation = activity.conversation as Record<string, unknown>;
    const from = activity.from as Record<string, unknown>;
    const suffix = Math.random().toString(36).slice(2);
    return { ...activity, conversation: { ...conversation, id: `${String(conversation.id)}-${suffix}` }, from: { ...from, id: `${String(from.id)}-${suffix}` } };
  };

  it('answers a personal chat message', async () => {
    const replies = await bot.send(unique(fixture('msteams', 'personal-message')));
    assert.match(textOf(replies), new RegExp(escape(localeText('en', 'common:help.text').split('\n')[0]!)));
  });

  it('in a channel, strips the <at> mention and answers in the Teams locale', async () => {
    const replies = await bot.send(unique(fixture('msteams', 'channel-message-mention')));
    const text = textOf(replies);
    assert.match(text, new RegExp(escape(localeText('fr', 'common:help.text').split('\n')[0]!)));
    assert.doesNotMatch(text, new RegExp(escape(localeText('fr', 'common:unknown'))));
  });

  it('in a channel, stays silent when not mentioned', async () => {
    const replies = await bot.send(unique(fixture('msteams', 'channel-message-no-mention')));
    assert.deepEqual(replies.filter((r) => r.type === 'message'), []);
  });

  it('welcomes a member added to a personal chat, in the Teams locale (zh-CN)', async () => {
    const replies = await bot.send(unique(fixture('msteams', 'conversation-update-members-added')));
    assert.match(textOf(replies), /Atlassian 经销商助手/);
    assert.ok(replies.every((r) => r.type !== 'message' || r.locale === 'zh-CN'));
  });

  it('acknowledges installationUpdate and messageReaction without an error', async () => {
    for (const name of ['installation-update', 'message-reaction']) {
      const replies = await bot.send(unique(fixture('msteams', name)));
      assert.ok(!textOf(replies).includes(localeText('en', 'common:error')), name);
    }
  });

  it('answers an adaptiveCard/action invoke with 200 (no 501 for Teams to show as an error)', async () => {
    // Invokes carry no replies; a loopback serviceUrl keeps local mode's reply-address rule satisfied.
    const res = await bot.post(unique(fixture('msteams', 'invoke-adaptive-card-action', { serviceUrl: 'http://127.0.0.1:9/' })));
    assert.equal(res.status, 200, res.text);
  });

  it('takes an Action.Submit value.text as the message text', async () => {
    const replies = await bot.send(unique(fixture('msteams', 'card-submit-message')));
    assert.match(textOf(replies), new RegExp(escape(localeText('fr', 'common:help.text').split('\n')[0]!)));
  });

  it('in local mode, refuses a Teams activity whose replies would go to the Teams service', async () => {
    const res = await bot.post(unique(fixture('msteams', 'personal-message')));
    assert.equal(res.status, 403);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
