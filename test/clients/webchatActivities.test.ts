import assert from 'node:assert/strict';
import { startBot, textOf, type TestBot } from '../support/botServer.js';
import { fixture, localeText } from './fixtures.js';

/** What the web chat page sends (test/fixtures/activities/webchat), through the real endpoint. */
describe('Web Chat activities over HTTP', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(async () => bot.close());

  it('the page’s webchat/join event gets the welcome in the page’s language', async () => {
    const replies = await bot.send(fixture('webchat', 'join-event', { conversation: { id: 'wc-join' }, from: { id: 'local-join', role: 'user' } }));
    const text = textOf(replies);
    assert.ok(text.includes(localeText('fr', 'common:welcome.prompt')), text);
    assert.ok(text.includes(localeText('fr', 'common:menu.quote')), 'the menu comes as suggested actions');
  });

  it('the language picker’s setLanguage event switches the bot to Chinese, and it stays', async () => {
    // The bot remembers each user's language: one user per test.
    const conversation = { id: 'wc-lang' };
    const from = { id: 'local-lang', role: 'user' };
    await bot.send(fixture('webchat', 'join-event', { conversation, from }));
    const switched = await bot.send(fixture('webchat', 'set-language-event', { conversation, from }));
    assert.ok(textOf(switched).includes(localeText('zh', 'common:language.switched')));
    const next = await bot.send(fixture('webchat', 'message', { conversation, from, text: 'help', locale: 'zh-CN' }));
    assert.ok(next.filter((r) => r.type === 'message').every((r) => r.locale === 'zh-CN'));
  });

  it('a typed message is answered', async () => {
    const replies = await bot.send(fixture('webchat', 'message', { conversation: { id: 'wc-msg' }, from: { id: 'local-msg', role: 'user' } }));
    assert.ok(textOf(replies).includes(localeText('fr', 'common:help.text').split('\n')[0]!));
  });
});
