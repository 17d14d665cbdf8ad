import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { startBot, type TestBot } from '../support/botServer.js';
import { ADVOCATES, startConnector, texts, user, type FakeConnector } from './support.js';

const t = createI18n().getFixedT('zh');

describe('handoff in the bot as registered (bot/features.ts)', () => {
  let bot: TestBot;
  let connector: FakeConnector;
  before(async () => {
    connector = await startConnector();
    bot = await startBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '60' });
  });
  after(async () => {
    await bot.close();
    await connector.close();
  });

  it('zh: "我要找人" after an FAQ question reaches the queue, and the console page is served', async () => {
    const u = user(bot, connector.serviceUrl, 'zh-CN');
    await u.say('你好');
    await u.say('怎么续订云产品？');
    assert.deepEqual(texts(await u.say('我要找人')), [t('handoff:request.searching', { position: 1 })]);
    // No FAQ answer while waiting for a person: the message joins the request, and the user is told so.
    assert.deepEqual(texts(await u.say('还在吗？')), [t('handoff:waiting.added', { position: 1 })]);
    assert.equal((await fetch(`${bot.url}/advocate`)).status, 200);
  });
});
