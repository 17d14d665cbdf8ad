import assert from 'node:assert/strict';
import { subjectKey } from '../../backend/privacy/index.js';
import type { Lang } from '../../knowledge/lang.js';
import { Chat, LOCALES, STAFF_KEY, t, textsOf, type Channel } from '../quote-dialogs/support.js';
import { startBot, type TestBot } from '../support/botServer.js';
import { TEST_DATABASE_URL, usePostgres } from '../support/postgres.js';
import { filesContaining, rowsContaining } from '../support/leftovers.js';

/** What the process keeps in memory (the redelivery replies, recent messages…) that holds one of `needles`. */
function memoryHolding(bot: TestBot, needles: string[]): string[] {
  return Object.entries(bot.app.privacy.inMemory()).flatMap(([store, held]) => {
    const text = JSON.stringify(held);
    return needles.filter((n) => text.includes(n)).map((n) => `${store}: ${n}`);
  });
}

// The reason is said before the email, so the reply to the email is the promise that names it.
const PEOPLE: Array<{ lang: Lang; channel: Channel; email: string; human: string; reason: string; ask: string; yes: string }> = [
  { lang: 'fr', channel: 'msteams', email: 'sophie.lemaire@exemple-dd.fr', human: 'parler à un conseiller', reason: "c'est pour une facture impayée", ask: 'supprimer mes données', yes: 'oui' },
  { lang: 'zh', channel: 'webchat', email: 'wang.fang@redeliver-mail.cn', human: '转人工', reason: '是关于一张未付的发票', ask: '删除我的数据', yes: '是' },
  { lang: 'en', channel: 'webchat', email: 'olive.pemberton@redeliver.example', human: 'talk to a human', reason: "it's about an unpaid invoice", ask: 'delete my data', yes: 'yes' },
];

for (const kind of ['embedded', 'postgres'] as const) describe(`a redelivery after "delete my data" replays nothing erased (${kind})`, function () {
  this.timeout(60_000);
  let bot: TestBot;
  const pg = kind === 'postgres' ? usePostgres() : undefined;
  before(async () => {
    const database: Record<string, string> = pg ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: pg.db.schema } : {};
    // No advocates: the handoff asks for an email and promises an answer there (finding 25).
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY, ...database });
  });
  after(() => bot?.close());

  it('the staff erasure (POST /api/privacy/erase) forgets the replies too', async () => {
    const userId = `redeliver-staff-${Date.now()}`;
    const chat = new Chat(bot, `conv-${userId}`, LOCALES.en, { from: { id: userId } });
    await chat.say('talk to a human');
    await chat.say("it's about an unpaid invoice");
    const email = 'hollis.fairweather@redeliver.example';
    const activityId = `dup-${userId}`;
    assert.ok(textsOf(await chat.say(email, { id: activityId })).includes(email));
    const res = await fetch(`${bot.url}/api/privacy/erase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_KEY}` },
      body: JSON.stringify({ channelId: 'webchat', userId }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(memoryHolding(bot, [email, `"${userId}"`]), []);
    assert.equal(textsOf(await chat.say(email, { id: activityId })), '');
  });

  for (const p of PEOPLE) {
    it(`${p.lang} (${p.channel}): the reply with the email is gone from memory, files and rows; its activity sent again gets no answer`, async () => {
      const T = t(p.lang);
      const userId = `redeliver-${p.lang}-${Date.now()}`;
      const chat = new Chat(bot, `conv-${userId}`, LOCALES[p.lang], { from: { id: userId, name: 'Reseller' } }, p.channel);
      assert.ok(textsOf(await chat.say(p.human)).includes(T('handoff:followUp.askEmail')));
      await chat.say(p.reason);
      const activityId = `dup-${userId}`;
      const promised = textsOf(await chat.say(p.email, { id: activityId }));
      assert.ok(promised.includes(p.email), promised);
      // Redelivered before the erasure: the same reply again, processed once.
      assert.ok(textsOf(await chat.say(p.email, { id: activityId })).includes(p.email));

      assert.ok(textsOf(await chat.say(p.ask)).includes(T('privacy:confirm')));
      assert.ok(textsOf(await chat.say(p.yes)).startsWith(T('privacy:done')));

      const needles = [p.email, `"${userId}"`, subjectKey({ channelId: p.channel, userId }), activityId];
      assert.deepEqual(memoryHolding(bot, needles), [], 'nothing of the user is left in the process');
      assert.deepEqual(pg ? await rowsContaining(pg.db, needles) : filesContaining(bot.dataDir, needles), []);

      // Teams resends the activity: neither the old reply nor a new run of it.
      const replay = await chat.say(p.email, { id: activityId });
      assert.deepEqual(textsOf(replay), '', 'a redelivery of an erased turn is answered with nothing');
      assert.deepEqual(memoryHolding(bot, needles), []);
      assert.deepEqual(pg ? await rowsContaining(pg.db, needles) : filesContaining(bot.dataDir, needles), []);
      // A new message afterwards starts afresh, as the erasure promised.
      assert.ok(textsOf(await chat.say(p.human)).includes(T('handoff:followUp.askEmail')));
    });
  }
});
