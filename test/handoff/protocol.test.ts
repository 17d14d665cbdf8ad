import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import type { TestBot } from '../support/botServer.js';
import { FAKE_QUOTE, startConnector, startHandoffBot, texts, user, type FakeConnector } from './support.js';

const i18n = createI18n();

describe('handoff (protocol mode, contact-center hub)', () => {
  let bot: TestBot;
  let connector: FakeConnector;
  before(async () => {
    connector = await startConnector();
    bot = await startHandoffBot({ HANDOFF_MODE: 'protocol' });
  });
  after(async () => {
    await bot.close();
    await connector.close();
  });

  it('en: emits a well-formed handoff.initiate with context and transcript; accepted → silent bot → completed → rating → resume', async () => {
    const t = i18n.getFixedT('en');
    const u = user(bot, connector.serviceUrl, 'en-US');
    await u.say(FAKE_QUOTE.start);
    await u.say('Acme Ltd');
    const replies = await u.say('talk to a human');

    const initiate = replies.find((r) => r.type === 'event');
    assert.ok(initiate, 'an event activity is sent');
    assert.equal(initiate.name, 'handoff.initiate');
    assert.equal((initiate.conversation as { id: string }).id, u.conversationId);
    const value = initiate.value as { language: string; reason: string; quote: Record<string, unknown>; ticketId: string };
    assert.equal(value.language, 'en');
    assert.equal(value.reason, 'request');
    assert.deepEqual(value.quote, { draft: { kind: 'cloud', product: 'jira' }, company: 'Acme Ltd' });
    assert.equal(typeof value.ticketId, 'string');
    const [attachment] = initiate.attachments ?? [];
    assert.equal(attachment?.contentType, 'application/json');
    assert.equal((attachment as { name?: string }).name, 'Transcript');
    const activities = (attachment!.content as { activities: Array<{ text?: string; from: { role?: string } }> }).activities;
    assert.ok(activities.some((a) => a.text === 'Acme Ltd' && a.from.role === 'user'), 'the user side is in the transcript');
    assert.ok(activities.some((a) => a.text === FAKE_QUOTE.askUsers), 'the bot side is in the transcript');
    assert.ok(activities.some((a) => a.text === 'talk to a human'), 'the request itself is in the transcript');
    assert.deepEqual(texts(replies), [t('handoff:request.protocol')]);

    assert.deepEqual(texts(await u.event('handoff.status', { state: 'accepted' })), [t('handoff:protocol.accepted')]);
    assert.deepEqual(await u.say('are you there?'), [], 'the bot stays silent while the hub has the conversation');
    const completed = await u.event('handoff.status', { state: 'completed' });
    assert.deepEqual(texts(completed), [t('handoff:protocol.completed'), t('handoff:rating.ask')]);
    assert.deepEqual(texts(await u.say('⭐⭐⭐⭐')), [t('handoff:rating.thanks'), t('handoff:resume'), FAKE_QUOTE.askUsers]);
  });

  it('fr: failed → email follow-up', async () => {
    const t = i18n.getFixedT('fr');
    const u = user(bot, connector.serviceUrl, 'fr-FR');
    await u.say('bonjour');
    const replies = await u.say('parler à un conseiller');
    assert.equal(replies.find((r) => r.type === 'event')?.name, 'handoff.initiate');
    assert.equal((replies.find((r) => r.type === 'event')?.value as { language: string }).language, 'fr');
    assert.deepEqual(texts(await u.event('handoff.status', { state: 'failed', message: 'no agent' })), [
      `${t('handoff:protocol.failed')} ${t('handoff:followUp.askEmail')}`,
    ]);
    assert.deepEqual(texts(await u.say('jean.dupont@exemple.fr')), [t('handoff:followUp.askAbout')]);
    const done = texts(await u.say('une question de facturation'));
    assert.match(done[0]!, /^Merci\. Un conseiller répondra à jean\.dupont@exemple\.fr/);
  });

  it('zh: accepted then failed closes the conversation and asks for a rating; a status with no ticket is ignored', async () => {
    const t = i18n.getFixedT('zh');
    const u = user(bot, connector.serviceUrl, 'zh-CN');
    await u.say('你好');
    await u.say('转人工');
    assert.deepEqual(texts(await u.event('handoff.status', { state: 'accepted' })), [t('handoff:protocol.accepted')]);
    assert.deepEqual(texts(await u.event('handoff.status', { state: 'failed' })), [t('handoff:protocol.failed'), t('handoff:rating.ask')]);
    // The rating is optional: "不用了" leaves it.
    assert.deepEqual(texts(await u.say('不用了')), [t('handoff:rating.skipped')]);

    const stranger = user(bot, connector.serviceUrl, 'zh-CN');
    assert.deepEqual(await stranger.event('handoff.status', { state: 'accepted' }), []);
    assert.deepEqual(await stranger.event('handoff.status', { state: 'bogus' }), []);
  });
});
