import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import type { Lang } from '../../knowledge/lang.js';
import type { TestBot } from '../support/botServer.js';
import { ADVOCATES, closedHours, consoleApi, titles, FAKE_QUOTE, KEYS, OFFER_TRIGGER, startConnector, startHandoffBot, texts, user, type FakeConnector } from './support.js';

const i18n = createI18n();

/** What users typed to the testers (qa1 20/21/42/43/48, qa2 4/6/13/16), per language. */
const CASES: Array<{
  lang: Lang;
  locale: string;
  company: string;
  ask: string;
  backOut: string;
  cancel: string;
  same: string;
  sentence: string;
  email: string;
  about: string;
  noThanks: string;
}> = [
  {
    lang: 'fr', locale: 'fr-FR', company: 'Dupont SARL', ask: 'je veux parler à quelqu’un', backOut: 'finalement non', cancel: 'annuler',
    same: 'la même que dans le devis', sentence: "c'est pour un problème de facture", email: 'julien.moreau@softeam.fr', about: 'une remise éducation', noThanks: 'non merci',
  },
  {
    lang: 'zh', locale: 'zh-CN', company: '上海某某科技', ask: '能转人工吗', backOut: '算了 不用了 继续报价吧', cancel: '取消',
    same: '就是刚才那个邮箱', sentence: '是发票的问题', email: 'wulei@jiahe-logistics.com', about: '教育版折扣', noThanks: '不用了',
  },
  {
    lang: 'en', locale: 'en-US', company: 'Acme Ltd', ask: 'ugh can I just talk to a real person?', backOut: "never mind, let's finish the quote", cancel: 'cancel',
    same: 'same as above', sentence: 'it is about an unpaid invoice', email: 'ryan.cole@northwind-it.co.uk', about: 'an education discount', noThanks: 'no thanks',
  },
];

describe('handoff: backing out, the email prompt, the optional rating (fr, zh, en)', () => {
  let connector: FakeConnector;
  before(async () => {
    connector = await startConnector();
  });
  after(() => connector.close());

  describe('email follow-up (out of hours)', () => {
    let bot: TestBot;
    before(async () => {
      bot = await startHandoffBot({ ADVOCATES, HANDOFF_HOURS: closedHours() });
    });
    after(() => bot.close());

    /** The newest follow-up ticket in this language, as the console shows it. */
    async function followUpTicket(lang: Lang) {
      const api = consoleApi(bot.url, KEYS.marie);
      const row = ((await api.tickets()).json.tickets as Array<{ id: string; lang: string; status: string }>).find((r) => r.lang === lang && r.status === 'followUp');
      assert.ok(row, `a ${lang} follow-up is listed`);
      return (await api.ticket(row.id)).json.ticket;
    }

    for (const c of CASES) {
      it(`${c.lang}: in the middle of a quote, "${c.backOut}" at the email prompt withdraws the ticket and the quote asks its question again`, async () => {
        const t = i18n.getFixedT(c.lang);
        const u = user(bot, connector.serviceUrl, c.locale);
        await u.say(FAKE_QUOTE.start);
        await u.say(c.company);
        const asked = await u.say(c.ask);
        assert.equal(texts(asked).at(-1), t('handoff:followUp.askEmail'));
        assert.deepEqual(titles(asked.at(-1)), [t('handoff:followUp.backOut')]);
        const ticket = await followUpTicket(c.lang);

        assert.deepEqual(texts(await u.say(c.backOut)), [t('handoff:cancelled'), t('handoff:resume'), FAKE_QUOTE.askUsers]);
        assert.equal((await consoleApi(bot.url, KEYS.marie).ticket(ticket.id)).json.ticket.status, 'abandoned', 'withdrawn, not left open');
        assert.deepEqual(texts(await u.say('30')), [FAKE_QUOTE.done]);
      });

      it(`${c.lang}: "${c.cancel}" at the email prompt cancels the handoff, not the quote, without a yes/no question`, async () => {
        const t = i18n.getFixedT(c.lang);
        const u = user(bot, connector.serviceUrl, c.locale);
        await u.say(FAKE_QUOTE.start);
        await u.say(c.company);
        await u.say(c.ask);
        const ticket = await followUpTicket(c.lang);
        assert.deepEqual(texts(await u.say(c.cancel)), [t('handoff:cancelled'), t('handoff:resume'), FAKE_QUOTE.askUsers]);
        assert.equal((await consoleApi(bot.url, KEYS.marie).ticket(ticket.id)).json.ticket.status, 'abandoned');
        assert.deepEqual(texts(await u.say('30')), [FAKE_QUOTE.done]);
      });

      it(`${c.lang}: the email already in the quote is a button, "${c.same}" takes it; a sentence is kept as the reason`, async () => {
        const t = i18n.getFixedT(c.lang);
        const gap = t('common:sentenceGap');
        const u = user(bot, connector.serviceUrl, c.locale, { localTimezone: 'Europe/Paris' });
        await u.say(FAKE_QUOTE.start);
        // The fake form keeps an email typed as its first answer as the reseller's own email.
        await u.say(c.email);
        const asked = await u.say(c.ask);
        assert.deepEqual(titles(asked.at(-1)), [c.email, t('handoff:followUp.backOut')]);

        // Not an email: kept with the request, and the email asked again.
        const noted = await u.say(c.sentence);
        assert.deepEqual(texts(noted), [`${t('handoff:followUp.noted')}${gap}${t('handoff:followUp.askEmail')}`]);
        assert.deepEqual(titles(noted[0]), [c.email, t('handoff:followUp.backOut')]);

        const done = texts(await u.say(c.same));
        assert.equal(done.length, 3);
        assert.ok(done[0]!.includes(c.email), done[0]);
        // In the user's own zone (Europe/Paris, from localTimezone), so no zone is named.
        assert.doesNotMatch(done[0]!, /UTC|GMT|heure de|time\)/);
        if (c.lang === 'fr') assert.match(done[0]!, / à \d{1,2} h( \d\d)?, dès le retour de l'équipe\.$/);
        assert.deepEqual(done.slice(1), [t('handoff:resume'), FAKE_QUOTE.askUsers]);

        const ticket = await followUpTicket(c.lang);
        assert.equal(ticket.email, c.email);
        assert.equal(ticket.about, c.sentence);
      });

      it(`${c.lang}: at the top level, with no reason given, the follow-up asks what it is about (and "${c.backOut}" there withdraws it)`, async () => {
        const t = i18n.getFixedT(c.lang);
        const u = user(bot, connector.serviceUrl, c.locale);
        await u.say(t('common:menu.advocate'));
        assert.deepEqual(texts(await u.say(c.email)), [t('handoff:followUp.askAbout')]);
        const done = await u.say(c.about);
        assert.ok(done[0]!.text!.includes(c.email));
        assert.ok((done[0]!.suggestedActions?.actions.length ?? 0) > 0, 'the menu comes back');
        assert.equal((await followUpTicket(c.lang)).about, c.about);

        const v = user(bot, connector.serviceUrl, c.locale);
        await v.say(t('common:menu.advocate'));
        await v.say(c.email);
        const ticket = await followUpTicket(c.lang);
        const withdrawn = await v.say(c.backOut);
        assert.equal(withdrawn[0]!.text, t('handoff:cancelled'));
        assert.equal((await consoleApi(bot.url, KEYS.marie).ticket(ticket.id)).json.ticket.status, 'abandoned');
      });
    }

    it('an advocate who becomes free takes a follow-up live; another one is marked done', async () => {
      const t = i18n.getFixedT('fr');
      const marie = consoleApi(bot.url, KEYS.marie);
      const u = user(bot, connector.serviceUrl, 'fr-FR');
      await u.say('un conseiller svp');
      const live = await followUpTicket('fr');
      const accepted = await marie.accept(live.id);
      assert.equal(accepted.status, 200);
      assert.equal(accepted.json.ticket.status, 'active');
      assert.deepEqual(texts(await connector.take(1, 'accepted message')), [t('handoff:accepted', { name: 'Marie' })]);
      assert.deepEqual(await u.say('bonjour Marie'), [], 'the conversation is live: relayed, the bot silent');

      const v = user(bot, connector.serviceUrl, 'fr-FR');
      await v.say('un conseiller svp');
      await v.say('julien.moreau@softeam.fr');
      await v.say('une remise éducation');
      const answered = await followUpTicket('fr');
      const done = await marie.call('POST', `/tickets/${answered.id}/done`);
      assert.equal(done.status, 200);
      assert.equal(done.json.ticket.status, 'closed');
      assert.equal((await marie.call('POST', `/tickets/${answered.id}/done`)).status, 409, 'done once');
    });
  });

  describe('live queue', function () {
    // Several live conversations per test, on a machine shared with other builds.
    this.timeout(60_000);
    let bot: TestBot;
    before(async () => {
      bot = await startHandoffBot({ ADVOCATES, HANDOFF_TIMEOUT_MIN: '60', MAX_MESSAGE_CHARS: '100' });
    });
    after(() => bot.close());

    for (const c of CASES) {
      it(`${c.lang}: "${c.backOut}" in the queue withdraws the ticket and the quote resumes at its prompt`, async () => {
        const t = i18n.getFixedT(c.lang);
        const u = user(bot, connector.serviceUrl, c.locale);
        await u.say(FAKE_QUOTE.start);
        await u.say(c.company);
        assert.deepEqual(texts(await u.say(c.ask)), [t('handoff:request.searching', { position: 1 })]);
        const id = ((await consoleApi(bot.url, KEYS.li).tickets()).json.tickets as Array<{ id: string; lang: string }>).find((r) => r.lang === c.lang)!.id;
        // The advocate sees what the user was told, and when.
        const transcript = (await consoleApi(bot.url, KEYS.li).ticket(id)).json.ticket.transcript as Array<{ from: string; text: string }>;
        assert.ok(transcript.some((e) => e.from === 'bot' && e.text === t('handoff:request.searching', { position: 1 })));

        assert.deepEqual(texts(await u.say(c.backOut)), [t('handoff:cancelled'), t('handoff:resume'), FAKE_QUOTE.askUsers]);
        assert.equal((await consoleApi(bot.url, KEYS.li).ticket(id)).json.ticket.status, 'abandoned');
      });

      it(`${c.lang}: after a close the rating is optional: "${c.noThanks}", a new request for a person, or another message leave it`, async () => {
        const t = i18n.getFixedT(c.lang);
        const li = consoleApi(bot.url, KEYS.li);
        const closeLive = async (u: ReturnType<typeof user>) => {
          await u.say(c.ask);
          const rows = (await li.tickets()).json.tickets as Array<{ id: string; status: string; lang: string }>;
          const id = rows.filter((r) => r.status === 'waiting' && r.lang === c.lang).at(-1)!.id;
          await li.accept(id);
          await connector.take(1, 'accepted');
          await li.close(id);
          assert.deepEqual(texts(await connector.take(2, 'closed and rating')), [t('handoff:closed', { name: 'Li' }), t('handoff:rating.ask')]);
        };

        const a = user(bot, connector.serviceUrl, c.locale);
        await closeLive(a);
        const skipped = await a.say(c.noThanks);
        assert.equal(skipped[0]!.text, t('handoff:rating.skipped'));

        const b = user(bot, connector.serviceUrl, c.locale);
        await closeLive(b);
        assert.deepEqual(texts(await b.say(t('common:menu.advocate'))), [t('handoff:request.searching', { position: 1 })]);
        // And "cancel" there gives the menu back, not a bare line.
        const cancelled = await b.say(c.cancel);
        assert.equal(cancelled[0]!.text, t('handoff:cancelled'));
        assert.ok((cancelled[0]!.suggestedActions?.actions.length ?? 0) > 0, 'the menu is offered');

        const d = user(bot, connector.serviceUrl, c.locale);
        await closeLive(d);
        // Something else (this test bot has no FAQ): handled as a new message, not "answer 1 to 5".
        const other = await d.say(c.sentence);
        assert.equal(other[0]!.text, t('common:unknown'));
        assert.equal((await d.say(c.sentence))[0]!.text, t('common:unknown'), 'the rating is gone');
      });

      it(`${c.lang}: "${c.cancel}" with an advocate leaves the live conversation (the advocate is told) and offers the rating`, async () => {
        const t = i18n.getFixedT(c.lang);
        const li = consoleApi(bot.url, KEYS.li);
        const u = user(bot, connector.serviceUrl, c.locale);
        await u.say(c.ask);
        const rows = (await li.tickets()).json.tickets as Array<{ id: string; status: string; lang: string }>;
        const id = rows.filter((r) => r.status === 'waiting' && r.lang === c.lang).at(-1)!.id;
        await li.accept(id);
        await connector.take(1, 'accepted');
        assert.deepEqual(texts(await u.say(c.cancel)), [t('handoff:left', { name: 'Li' }), t('handoff:rating.ask')]);
        const ticket = (await li.ticket(id)).json.ticket;
        assert.equal(ticket.status, 'closed');
        assert.equal(ticket.transcript.at(-1).text, c.cancel);
        assert.equal((await u.say('4'))[0]!.text, t('handoff:rating.thanks'));
      });
    }

    it('en: a question at the rating, with a quote parked below: answered first, then the quote asks its question again', async () => {
      const t = i18n.getFixedT('en');
      const li = consoleApi(bot.url, KEYS.li);
      const u = user(bot, connector.serviceUrl, 'en-US');
      await u.say(FAKE_QUOTE.start);
      await u.say('Acme Ltd');
      await u.say('talk to a human');
      const id = ((await li.tickets()).json.tickets as Array<{ id: string; status: string; lang: string }>).filter((r) => r.status === 'waiting').at(-1)!.id;
      await li.accept(id);
      await connector.take(1, 'accepted');
      await li.close(id);
      await connector.take(2, 'closed and rating');
      assert.deepEqual(texts(await u.say('what is a SEN exactly?')), [t('common:unknown'), FAKE_QUOTE.askUsers]);
      assert.deepEqual(texts(await u.say('30')), [FAKE_QUOTE.done]);
    });

    for (const [lang, locale, yes, no] of [['fr', 'fr-FR', 'oui', 'non merci'], ['zh', 'zh-CN', '好的', '不用了'], ['en', 'en-US', 'yes please', 'no thanks']] as const) {
      it(`${lang}: "${yes}" answers "would you like to talk to an advocate?" (the ticket keeps the offer's reason); "${no}" declines it`, async () => {
        const t = i18n.getFixedT(lang);
        const u = user(bot, connector.serviceUrl, locale);
        assert.equal(texts(await u.say(OFFER_TRIGGER)).at(-1), t('handoff:offer.unanswered'));
        assert.deepEqual(texts(await u.say(yes)), [t('handoff:request.searching', { position: 1 })]);
        const li = consoleApi(bot.url, KEYS.li);
        const row = ((await li.tickets()).json.tickets as Array<{ status: string; lang: string; reason: string }>).find((r) => r.status === 'waiting' && r.lang === lang)!;
        assert.equal(row.reason, 'unanswered');
        await u.say(t('common:yesNo.no') === 'No' ? 'cancel' : lang === 'fr' ? 'annuler' : '取消');

        const v = user(bot, connector.serviceUrl, locale);
        await v.say(OFFER_TRIGGER);
        const declined = await v.say(no);
        assert.deepEqual(texts(declined), [t('handoff:offer.declined')]);
        assert.ok((declined[0]!.suggestedActions?.actions.length ?? 0) > 0, 'the menu');
      });
    }

    it('fr → en: "can we continue in English please?" in the queue switches the ticket, tells the advocate, and is answered in English', async () => {
      const en = i18n.getFixedT('en');
      const li = consoleApi(bot.url, KEYS.li);
      const u = user(bot, connector.serviceUrl, 'fr-FR');
      await u.say('un conseiller svp');
      const id = ((await li.tickets()).json.tickets as Array<{ id: string; status: string; lang: string }>).filter((r) => r.status === 'waiting').at(-1)!.id;
      const replies = texts(await u.say('can we continue in English please?'));
      assert.equal(replies.length, 1);
      assert.ok(replies[0]!.startsWith(en('common:language.switched')), replies[0]);
      const ticket = (await li.ticket(id)).json.ticket;
      assert.equal(ticket.lang, 'en');
      const last = ticket.transcript.slice(-2) as Array<{ from: string; text: string }>;
      assert.deepEqual(last.map((e) => e.from), ['user', 'bot']);
      assert.equal(last[1]!.text, en('handoff:waiting.languageNote'));
      assert.match(texts(await u.say('my SEN is SEN-L2222222'))[0]!, /^Got it/);
    });

    it('zh: a message too long in the queue says it was not passed on to the advocate (characters counted as code points)', async () => {
      const t = i18n.getFixedT('zh');
      const u = user(bot, connector.serviceUrl, 'zh-CN');
      await u.say('转人工');
      const long = '很长的消息'.repeat(24) + '😀';
      assert.deepEqual(texts(await u.say(long)), [t('common:limits.tooLongInQueue', { length: 121, max: 100 })]);
    });
  });
});
