import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import type { Lang } from '../../knowledge/lang.js';
import type { TestBot } from '../support/botServer.js';
import { ADVOCATES, consoleApi, FAKE_QUOTE, KEYS, OFFER_TRIGGER, openEvents, startConnector, startHandoffBot, texts, user, type FakeConnector } from './support.js';

const i18n = createI18n();

/** The same scenario in each language: what the user types differs, what they read is checked by key. */
const CASES: Array<{ lang: Lang; locale: string; ask: string; cancel: string; company: string; injected: string }> = [
  { lang: 'fr', locale: 'fr-FR', ask: 'parler à un conseiller', cancel: 'annuler', company: 'Dupont SARL', injected: '<script>alert("fr")</script> bonjour' },
  { lang: 'zh', locale: 'zh-CN', ask: '转人工', cancel: '取消', company: '上海某某科技', injected: '<script>alert("zh")</script> 你好' },
  { lang: 'en', locale: 'en-US', ask: 'talk to a human', cancel: 'cancel', company: 'Acme Ltd', injected: '<script>alert("en")</script> hello' },
];

describe('handoff (console mode) through the real server', () => {
  let bot: TestBot;
  let connector: FakeConnector;
  const latencies: number[] = [];

  before(async () => {
    connector = await startConnector();
    bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '60' });
  });
  after(async () => {
    await bot.close();
    await connector.close();
    if (latencies.length) {
      const sorted = [...latencies].sort((a, b) => a - b);
      process.stdout.write(`      relay user → console (SSE) median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms over ${sorted.length}\n`);
    }
  });

  for (const c of CASES) {
    it(`${c.lang}: request → queue → accept → relay both ways → close → rating → the parked quote resumes`, async () => {
      const t = i18n.getFixedT(c.lang);
      const u = user(bot, connector.serviceUrl, c.locale);
      const marie = consoleApi(bot.url, KEYS.marie);
      const sse = await openEvents(bot.url, KEYS.marie);
      try {
        assert.equal(sse.status, 200);
        assert.deepEqual(texts(await u.say(FAKE_QUOTE.start)).at(-1), FAKE_QUOTE.askCompany);
        assert.deepEqual(texts(await u.say(c.company)), [FAKE_QUOTE.askUsers]);

        // Request: the user hears their position; the console hears about the ticket.
        assert.deepEqual(texts(await u.say(c.ask)), [t('handoff:request.searching', { position: 1 })]);
        const created = await sse.next('ticket event', (e) => e.event === 'ticket' && e.data.status === 'waiting' && e.data.lang === c.lang);
        const id = String(created.data.id);
        assert.equal(created.data.reason, 'request');

        const list = await marie.tickets();
        const row = list.json.tickets.find((x: { id: string }) => x.id === id);
        assert.equal(row.position, 1);
        assert.equal(row.channel, 'webchat');
        const detail = (await marie.ticket(id)).json.ticket;
        assert.ok(detail.transcript.some((e: { from: string; text: string }) => e.from === 'user' && e.text === c.company), 'transcript has what the user typed');
        assert.equal(detail.parked.dialogId, 'fakeQuote');
        assert.deepEqual(detail.parked.data, { draft: { kind: 'cloud', product: 'jira' }, company: c.company });
        assert.equal(detail.reference, undefined, 'the conversation reference is not served');

        // Accept: the user is told, in their language.
        const accepted = await marie.accept(id);
        assert.equal(accepted.status, 200);
        assert.equal(accepted.json.delivered, true);
        assert.deepEqual(texts(await connector.take(1, 'accepted message')), [t('handoff:accepted', { name: 'Marie' })]);

        // User → console: the bot stays silent, the console gets the text as text.
        const sentAt = performance.now();
        assert.deepEqual(await u.say(c.injected), [], 'the bot does not answer while a person is in charge');
        const relayed = await sse.next('user message', (e) => e.event === 'message' && e.data.ticketId === id && e.data.from === 'user');
        latencies.push(relayed.at - sentAt);
        assert.equal(relayed.data.text, c.injected);

        // Console → user, through the stored conversation reference.
        const sent = await marie.send(id, 'Bonjour / hello / 你好 — SEN-12345');
        assert.equal(sent.status, 200);
        const [fromAdvocate] = await connector.take(1, 'advocate message');
        assert.equal(fromAdvocate!.text, t('handoff:relay.fromAdvocate', { name: 'Marie', text: 'Bonjour / hello / 你好 — SEN-12345' }));
        assert.equal(fromAdvocate!.conversation && (fromAdvocate!.conversation as { id: string }).id, u.conversationId);
        await sse.next('advocate message event', (e) => e.event === 'message' && e.data.from === 'advocate' && e.data.ticketId === id);

        // Close: the bot is back and asks for a rating.
        assert.equal((await marie.close(id)).status, 200);
        const closing = await connector.take(2, 'close messages');
        assert.deepEqual(texts(closing), [t('handoff:closed', { name: 'Marie' }), t('handoff:rating.ask')]);
        assert.deepEqual(closing[1]!.suggestedActions?.actions.map((a) => a.title), ['1', '2', '3', '4', '5']);

        // Rating, then the parked quote asks its pending question again.
        assert.deepEqual(texts(await u.say('5')), [t('handoff:rating.thanks'), t('handoff:resume'), FAKE_QUOTE.askUsers]);
        const final = (await marie.ticket(id)).json.ticket;
        assert.equal(final.status, 'closed');
        assert.equal(final.rating, 5);
        assert.deepEqual(
          final.transcript.slice(-2).map((e: { from: string }) => e.from),
          ['user', 'advocate'],
        );
        assert.deepEqual(texts(await u.say('25')), [FAKE_QUOTE.done]);
      } finally {
        sse.close();
      }
    });

    it(`${c.lang}: "${c.cancel}" while waiting withdraws the request and resumes the parked quote`, async () => {
      const t = i18n.getFixedT(c.lang);
      const u = user(bot, connector.serviceUrl, c.locale);
      await u.say(FAKE_QUOTE.start);
      await u.say(c.company);
      const queued = texts(await u.say(c.ask));
      assert.match(queued[0]!, /\d/);
      assert.deepEqual(texts(await u.say(c.cancel)), [t('handoff:cancelled'), t('handoff:resume'), FAKE_QUOTE.askUsers]);
      const store = consoleApi(bot.url, KEYS.marie);
      const rows = (await store.tickets()).json.tickets as Array<{ id: string; status: string }>;
      assert.ok(!rows.some((r) => r.status === 'waiting'), 'the withdrawn ticket left the queue');
      // The bot answers again.
      assert.deepEqual(texts(await u.say('30')), [FAKE_QUOTE.done]);
    });
  }

  it('the advocate button opens a ticket without a running dialog, and the menu comes back after', async () => {
    const t = i18n.getFixedT('en');
    const u = user(bot, connector.serviceUrl, 'en-US');
    const replies = await u.say(t('common:menu.advocate'));
    assert.deepEqual(texts(replies), [t('common:welcome.greeting', { name: '' }), t('handoff:request.searching', { position: 1 })]);
    const marie = consoleApi(bot.url, KEYS.marie);
    const row = (await marie.tickets()).json.tickets.find((x: { status: string }) => x.status === 'waiting');
    assert.equal(row.reason, 'menu');
    const cancelled = await u.say('cancel');
    assert.equal(cancelled[0]!.text, t('handoff:cancelled'));
    assert.ok((cancelled[0]!.suggestedActions?.actions.length ?? 0) > 0, 'the menu is offered');
  });

  it('an offer (two unanswered questions) is a button, not a handoff; tapping it files the ticket with that reason', async () => {
    const t = i18n.getFixedT('fr');
    const u = user(bot, connector.serviceUrl, 'fr-FR');
    await u.say('bonjour');
    const [offer] = await u.say(OFFER_TRIGGER);
    assert.equal(offer!.text, t('handoff:offer.unanswered'));
    assert.deepEqual(offer!.suggestedActions?.actions.map((a) => a.title), [t('common:menu.advocate'), t('handoff:offer.noThanks')]);
    const marie = consoleApi(bot.url, KEYS.marie);
    const before = ((await marie.tickets()).json.tickets as unknown[]).length;
    assert.equal(((await marie.tickets()).json.tickets as unknown[]).length, before, 'offering files nothing');
    assert.deepEqual(texts(await u.say(t('common:menu.advocate'))), [t('handoff:request.searching', { position: 1 })]);
    const row = (await marie.tickets()).json.tickets.find((x: { status: string }) => x.status === 'waiting');
    assert.equal(row.reason, 'unanswered');
    await u.say('annuler');
  });
});
