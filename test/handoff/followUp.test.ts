import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import type { TestBot } from '../support/botServer.js';
import { ADVOCATES, closedHours, consoleApi, FAKE_QUOTE, KEYS, startConnector, startHandoffBot, texts, user, type FakeConnector } from './support.js';

const i18n = createI18n();

describe('handoff follow-up by email', () => {
  let connector: FakeConnector;
  before(async () => {
    connector = await startConnector();
  });
  after(() => connector.close());

  describe('timeout while waiting', () => {
    let bot: TestBot;
    before(async () => {
      // 0.005 min = 300 ms; the sweep runs every 100 ms.
      bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '0.005' });
    });
    after(() => bot.close());

    it('fr: nobody accepts → offered an email follow-up → the ticket stays open with the email and a promise', async () => {
      const t = i18n.getFixedT('fr');
      const u = user(bot, connector.serviceUrl, 'fr-FR');
      await u.say(FAKE_QUOTE.start);
      await u.say('Dupont SARL');
      assert.deepEqual(texts(await u.say('un humain svp')), [t('handoff:request.searching', { position: 1 })]);
      const [timeout] = await connector.take(1, 'timeout message');
      assert.equal(timeout!.text, `${t('handoff:followUp.timeout')} ${t('handoff:followUp.askEmail')}`);
      // The quote draft has no email yet: only "never mind" is offered.
      assert.deepEqual(timeout!.suggestedActions?.actions.map((a) => a.title), [t('handoff:followUp.backOut')]);

      // Nobody said what it is about ("un humain svp"): asked once the email is known, then the promise.
      assert.deepEqual(texts(await u.say('mon mail : Jean.Dupont@exemple.fr')), [t('handoff:followUp.askAbout')]);
      const replies = texts(await u.say('une remise pour un client éducation'));
      assert.equal(replies.length, 3);
      assert.match(replies[0]!, /^Merci\. Un conseiller répondra à jean\.dupont@exemple\.fr d'ici .+ à \d{1,2} h( \d\d)? \(UTC\)\.$/);
      assert.deepEqual(replies.slice(1), [t('handoff:resume'), FAKE_QUOTE.askUsers]);

      const api = consoleApi(bot.url, KEYS.marie);
      const row = (await api.tickets()).json.tickets.find((x: { status: string }) => x.status === 'followUp');
      assert.equal(row.followUpCause, 'timeout');
      const ticket = (await api.ticket(row.id)).json.ticket;
      assert.equal(ticket.email, 'jean.dupont@exemple.fr');
      assert.equal(ticket.about, 'une remise pour un client éducation');
      // Always open: the answer is promised within a day.
      const promisedIn = Date.parse(ticket.followUpBy) - Date.now();
      assert.ok(promisedIn > 23 * 3600_000 && promisedIn <= 24 * 3600_000, `followUpBy ${ticket.followUpBy}`);
    });

    it('zh: a sentence instead of an email is kept as the reason, the email asked again, then accepted (no half-width space between sentences)', async () => {
      const t = i18n.getFixedT('zh');
      const u = user(bot, connector.serviceUrl, 'zh-CN');
      await u.say('人工客服');
      const [timeout] = await connector.take(1, 'timeout message');
      assert.equal(timeout!.text, `${t('handoff:followUp.timeout')}${t('handoff:followUp.askEmail')}`);
      assert.doesNotMatch(timeout!.text!, /。 /);
      assert.deepEqual(texts(await u.say('是发票的问题')), [`${t('handoff:followUp.noted')}${t('handoff:followUp.askEmail')}`]);
      const done = texts(await u.say('邮箱是 zhang.san@example.cn'));
      assert.match(done[0]!, /zhang\.san@example\.cn/);
      assert.match(done[0]!, /^谢谢。顾问将在\d+月\d+日星期.\d\d:\d\d（UTC）之前回复/);
      const row = (await consoleApi(bot.url, KEYS.li).tickets()).json.tickets.find((x: { lang: string; status: string }) => x.lang === 'zh' && x.status === 'followUp');
      const ticket = (await consoleApi(bot.url, KEYS.li).ticket(row.id)).json.ticket;
      assert.equal(ticket.about, '是发票的问题');
      assert.ok(ticket.transcript.some((e: { from: string; text: string }) => e.from === 'user' && e.text === '是发票的问题'));
    });
  });

  describe('out of business hours', () => {
    let bot: TestBot;
    before(async () => {
      bot = await startHandoffBot({ ADVOCATES, HANDOFF_HOURS: closedHours() });
    });
    after(() => bot.close());

    it('en: told when the team is back, asked for an email, promised an answer from the next opening', async () => {
      const t = i18n.getFixedT('en');
      const u = user(bot, connector.serviceUrl, 'en-US');
      await u.say(FAKE_QUOTE.start);
      const replies = await u.say('agent please');
      const [away, ask] = texts(replies);
      assert.match(away!, /^Our advocates are away right now; they are back \w+day, \w+ \d+ at \d{1,2}:00 [AP]M \(UTC\)\. One of them can reply to you by email\.$/);
      assert.equal(ask, t('handoff:followUp.askEmail'));
      assert.deepEqual(texts(await u.say('not sure')), [`${t('handoff:followUp.noted')} ${t('handoff:followUp.askEmail')}`]);
      const done = texts(await u.say('jane.doe@example.com'));
      assert.match(done[0]!, /^Thank you\. An advocate will reply to jane\.doe@example\.com from .+, when the team is back\.$/);
      assert.deepEqual(done.slice(1), [t('handoff:resume'), FAKE_QUOTE.askCompany]);

      const row = (await consoleApi(bot.url, KEYS.li).tickets()).json.tickets.find((x: { status: string }) => x.status === 'followUp');
      assert.equal(row.followUpCause, 'outOfHours');
      const ticket = (await consoleApi(bot.url, KEYS.li).ticket(row.id)).json.ticket;
      const opensIn = Date.parse(ticket.followUpBy) - Date.now();
      assert.ok(opensIn > 3600_000 && opensIn <= 2 * 3600_000, `next opening ${ticket.followUpBy}`);
    });
  });

  describe('the topic said with the email (QA11 F39)', () => {
    let bot: TestBot;
    before(async () => {
      bot = await startHandoffBot({ ADVOCATES, HANDOFF_HOURS: closedHours() });
    });
    after(() => bot.close());

    const cases: Array<[string, string, string, string, string]> = [
      ['fr', 'fr-FR', 'je veux parler à un conseiller', "c'est au sujet d'une facture contestée, écrivez-moi à paul.roux@exemple.fr", 'paul.roux@exemple.fr'],
      ['zh', 'zh-CN', '转人工', '关于一张有争议的发票，邮箱是 wang.fang@example.cn', 'wang.fang@example.cn'],
      ['en', 'en-US', 'talk to an advocate', "it's about a disputed invoice, email me at sam.reed@example.com", 'sam.reed@example.com'],
    ];
    for (const [lang, locale, ask, answer, email] of cases) {
      it(`${lang}: kept as what the request is about, "what is it about?" not asked`, async () => {
        const t = i18n.getFixedT(lang);
        const u = user(bot, connector.serviceUrl, locale);
        await u.say(ask);
        const done = texts(await u.say(answer));
        assert.equal(done.length, 1, done.join(' | '));
        assert.ok(done[0]!.includes(email) && done[0] !== t('handoff:followUp.askAbout'), done[0]);
        const api = consoleApi(bot.url, KEYS.li);
        const rows = (await api.tickets()).json.tickets.filter((x: { status: string }) => x.status === 'followUp');
        const tickets = await Promise.all(rows.map(async (r: { id: string }) => (await api.ticket(r.id)).json.ticket));
        const ticket = tickets.find((x: { email?: string }) => x.email === email);
        assert.equal(ticket?.about, answer);
      });
    }

    it('en: an email with only its lead-in still asks what it is about', async () => {
      const t = i18n.getFixedT('en');
      const u = user(bot, connector.serviceUrl, 'en-US');
      await u.say('talk to an advocate');
      assert.deepEqual(texts(await u.say('email me at lee.park@example.com, thanks')), [t('handoff:followUp.askAbout')]);
    });
  });

  describe('no advocates configured (the default)', () => {
    let bot: TestBot;
    before(async () => {
      bot = await startHandoffBot({});
    });
    after(() => bot.close());

    it('fr: goes straight to the email follow-up, and the start-up log says why', async () => {
      const t = i18n.getFixedT('fr');
      const u = user(bot, connector.serviceUrl, 'fr-FR');
      await u.say('bonjour');
      const asked = await u.say('parler à un conseiller');
      assert.deepEqual(texts(asked), [t('handoff:followUp.noAdvocate'), t('handoff:followUp.askEmail')]);
      assert.ok(bot.logs.some((l) => l.includes('ADVOCATES is empty')));
      const res = await fetch(`${bot.url}/api/handoff/tickets`, { headers: { authorization: `Bearer ${KEYS.marie}` } });
      assert.equal(res.status, 401, 'no key opens the console');
    });
  });
});
