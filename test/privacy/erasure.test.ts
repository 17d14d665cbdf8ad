import assert from 'node:assert/strict';
import { subjectKey } from '../../backend/privacy/index.js';
import type { Lang } from '../../knowledge/lang.js';
import { ADVOCATES, KEYS, openEvents, startConnector, type FakeConnector } from '../handoff/support.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, QR, staffGet, STAFF_KEY, t, textsOf } from '../quote-dialogs/support.js';
import { startBot, textOf, type Reply, type TestBot } from '../support/botServer.js';
import { TEST_DATABASE_URL, usePostgres } from '../support/postgres.js';
import { filesContaining, rowsContaining } from '../support/leftovers.js';

/** What a user of each language says, and where they are when they ask for the erasure. */
const PEOPLE: Array<{ lang: Lang; name: string; email: string; unanswered: string; ask: string; human: string; cancel: string; yes: string; where: 'quote form' | 'handoff' | 'menu' }> = [
  {
    lang: 'fr', name: 'Zéphyrine Quatremarre', email: 'zephyrine.quatremarre@exemple-prive.fr',
    unanswered: 'Bonjour, je suis Zéphyrine Quatremarre : où trouver un xylophone bleu pour ma tante ?',
    ask: 'supprimer mes données', human: 'parler à un conseiller', cancel: 'annuler', yes: 'oui', where: 'quote form',
  },
  {
    lang: 'zh', name: '司徒雅琴', email: 'situ.yaqin@siyou-mail.cn',
    unanswered: '你好，我是司徒雅琴，请问哪里能买到蓝色的木琴送给我姑妈？',
    ask: '删除我的数据', human: '转人工', cancel: '取消', yes: '是', where: 'handoff',
  },
  {
    lang: 'en', name: 'Barnaby Quillfeather', email: 'barnaby.quillfeather@private-mail.example',
    unanswered: "Hi, I'm Barnaby Quillfeather: where can I buy a blue xylophone for my aunt?",
    ask: 'delete my data', human: 'talk to a human', cancel: 'cancel', yes: 'yes', where: 'menu',
  },
];

/** Where each kind of data lives: a file under DATA_DIR, or a table. */
const PLACES = {
  embedded: { state: '/state/', faq: '/faq/unanswered.jsonl', messages: '/handoff/transcripts/', tickets: '/handoff/tickets.jsonl', quotes: '/quotes/quotes.jsonl', insights: '/insights/records-' },
  postgres: { state: 'bot_state:', faq: 'record_logs:', messages: 'handoff_messages:', tickets: 'handoff_tickets:', quotes: 'quote_requests:', insights: 'insight_records:' },
};

for (const kind of ['embedded', 'postgres'] as const) describe(`"delete my data" in fr, zh and en, then a scan of ${kind === 'embedded' ? 'every file under DATA_DIR' : 'every row of every table (PostgreSQL)'}`, function () {
  this.timeout(120_000);
  let bot: TestBot;
  let connector: FakeConnector;
  const pg = kind === 'postgres' ? usePostgres() : undefined;
  /** Where `needles` are still stored. */
  const holding = (needles: string[]) => (pg ? rowsContaining(pg.db, needles) : Promise.resolve(filesContaining(bot.dataDir, needles)));
  before(async () => {
    connector = await startConnector();
    const database: Record<string, string> = pg ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: pg.db.schema } : {};
    bot = await startBot({ ADVOCATES, STAFF_API_KEY: STAFF_KEY, HANDOFF_TIMEOUT_MIN: '600', ...database });
  });
  after(async () => {
    await bot?.close();
    await connector?.close();
  });

  for (const p of PEOPLE) {
    it(`${p.lang}: typed in the ${p.where}, everything about the user is erased; the filed quote stays, unlinked`, async () => {
      const T = t(p.lang);
      const userId = `erase-${p.lang}-${Date.now()}`;
      const as = (conversation: string) => new Chat(bot, `${conversation}-${userId}`, LOCALES[p.lang], { from: { id: userId, name: p.name }, serviceUrl: connector.serviceUrl });

      // 1. A filed quote request (a business record, with the reseller's business contacts).
      const filing = as('filed');
      const { ref } = await fillByPrompts(filing, await filing.say(OPENINGS['cloud-renewal'][p.lang]), ANSWERS[p.lang]);
      assert.ok(ref, 'the quote request is filed');
      // 2. An unanswered question with the user's name in it, kept for FAQ writers.
      const faq = as('faq');
      await faq.say(p.unanswered);
      // 3. An advocate conversation: the name and email told to the advocate.
      const handoff = as('handoff');
      const queued = textsOf(await handoff.say(p.human));
      assert.ok(queued.includes(T('handoff:request.searching', { position: '#' }).split('#')[0]!), queued);
      const added = T('handoff:waiting.added', { position: '#' }).split('#')[0]!;
      assert.ok(textsOf(await handoff.say(`${p.name}, ${p.email}`)).startsWith(added), 'relayed to the console, and the user told so');
      // 4. A quote form with the name and email typed in, not sent yet.
      const form = as('form');
      const personal = Object.fromEntries(Object.entries(ANSWERS[p.lang]).map(([slot, v]) => [slot, /Name$/.test(slot) ? p.name : /Email$/.test(slot) ? p.email : v]));
      delete personal.confirm;
      const draft = await fillByPrompts(form, await form.say(OPENINGS['dc-new'][p.lang]), personal);
      assert.equal(draft.ref, undefined, 'the form waits for its confirmation');
      // A bystander, whose data must survive.
      const bystander = new Chat(bot, `bystander-${userId}`, LOCALES[p.lang], { from: { id: `bystander-${userId}` } });
      await bystander.say(`${p.unanswered.replace(p.name, 'Alex')} (bystander)`);

      const needles = [p.name, p.email, `"${userId}"`, subjectKey({ channelId: 'webchat', userId })];
      const before = await holding(needles);
      for (const where of Object.values(PLACES[kind])) {
        assert.ok(before.some((hit) => hit.includes(where)), `before the erasure, ${where} holds the user's data: ${before.join('; ')}`);
      }

      // The request, where the user is: in the unsent form, waiting for an advocate, or at the menu.
      const chat = p.where === 'quote form' ? form : p.where === 'handoff' ? handoff : as('menu');
      const advocates = await openEvents(bot.url, KEYS.marie);
      const confirm = await chat.say(p.ask);
      assert.ok(textsOf(confirm).includes(T('privacy:confirm')), textsOf(confirm));
      assert.deepEqual(confirm.at(-1)!.suggestedActions?.actions.map((a) => a.title), [T('common:yesNo.yes'), T('common:yesNo.no')]);
      const done = await chat.say(p.yes);
      const text = textsOf(done);
      assert.ok(text.startsWith(T('privacy:done')), text);
      for (const kind of ['conversations', 'profiles', 'questions', 'quotesUnlinked'] as const) assert.ok(text.includes(T(`privacy:item.${kind}`, { n: 1, messages: 0 }).split(/[:：]/)[0]!), `${kind} in ${text}`);
      assert.ok(text.includes(T('privacy:item.tickets', { n: 1, messages: 'X' }).split(/[:：]/)[0]!));
      assert.ok(done.at(-1)!.suggestedActions?.actions.length, 'and the menu');
      // The advocates' console drops the ticket.
      await advocates.next('ticket removed', (e) => e.event === 'removed' && e.data.reason === 'erased');
      advocates.close();

      // Physically gone: no file under DATA_DIR (no row) holds the name, the email, the user id or its pseudonym.
      assert.deepEqual(await holding(needles), []);
      assert.ok((await holding(['(bystander)'])).length > 0, "the bystander's question is still there");

      // The filed request is still a business record, linked to nobody.
      const stored = (await staffGet(bot, `/api/quote-requests/${ref}`)).body;
      assert.equal(stored.resellerEmail, ANSWERS[p.lang].resellerEmail);
      assert.equal(stored.userId, undefined);
      assert.ok(stored.unlinkedAt);
      // Asking for its status now gets "not found", and the next message starts afresh.
      const after = await as('after').say(`${ref}?`);
      assert.ok(textsOf(after).includes(T('quote:status.notFound', { ref })), textsOf(after));
      assert.ok(QR.test(ref));
    });
  }

  it('"no" deletes nothing and the form asks its question again; the help has a "Delete my data" button that starts it', async () => {
    const T = t('fr');
    const chat = new Chat(bot, `keep-${Date.now()}`, LOCALES.fr, { serviceUrl: connector.serviceUrl });
    const opened = await chat.say(OPENINGS['dc-new'].fr);
    const prompt = opened.at(-1)!.text;
    const help = await chat.say('aide');
    assert.ok(textOf(help).includes(T('common:help.text')), 'the help names the command');
    const button = await chat.say(T('privacy:menu'));
    assert.ok(textsOf(button).includes(T('privacy:confirm')));
    const kept = await chat.say('non');
    assert.equal(kept[0]!.text, T('privacy:kept'));
    assert.equal(kept.at(-1)!.text, prompt, 'the form asks its question again');
    // Asked while "stop what we're doing?" waits: the erasure question wins.
    assert.ok(textsOf(await chat.say('annuler')).includes(T('common:cancel.confirm')));
    assert.ok(textsOf(await chat.say('supprimer mes données')).includes(T('privacy:confirm')));
    assert.equal((await chat.say('non'))[0]!.text, T('privacy:kept'));
    // Neither yes nor no, twice: nothing is deleted either.
    await chat.say('supprimer mes données');
    assert.ok(textsOf(await chat.say('peut-être')).includes(T('privacy:retry')));
    assert.equal((await chat.say('je ne sais pas'))[0]!.text, T('privacy:kept'));
  });

  it('at the menu, the help reply carries the button in every language', async () => {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const chat = new Chat(bot, `help-${lang}-${Date.now()}`, LOCALES[lang]);
      const replies: Reply[] = await chat.say({ fr: 'aide', zh: '帮助', en: 'help' }[lang]);
      const titles = replies.at(-1)!.suggestedActions?.actions.map((a) => a.title) ?? [];
      assert.ok(titles.includes(t(lang)('privacy:menu')), `${lang}: ${titles.join(', ')}`);
    }
  });

  it('staff: POST /api/privacy/erase does the same for a (channel, user id), behind STAFF_API_KEY', async () => {
    const userId = `staff-erase-${Date.now()}`;
    const chat = new Chat(bot, `staff-${userId}`, LOCALES.en, { from: { id: userId, name: 'Ottilie Wrenfield' }, serviceUrl: connector.serviceUrl });
    await chat.say("I'm Ottilie Wrenfield, where can I buy a blue xylophone?");
    await chat.say('talk to a human');
    await chat.say('ottilie.wrenfield@private-mail.example');
    const needles = ['Ottilie Wrenfield', 'ottilie.wrenfield@private-mail.example', `"${userId}"`];
    assert.ok((await holding(needles)).length > 0);

    const call = (body: unknown, key = STAFF_KEY) =>
      fetch(`${bot.url}/api/privacy/erase`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: JSON.stringify(body) });
    assert.equal((await call({ channelId: 'webchat', userId }, 'wrong')).status, 401);
    assert.equal((await call({ channelId: 'webchat', userId }, '')).status, 401);
    const bad = await call({ channelId: 'webchat', userId, extra: 1 });
    assert.equal(bad.status, 400);
    assert.deepEqual(((await bad.json()) as { error: { fields: string[] } }).error.fields, ['extra']);
    // Another channel's user with the same id is somebody else: nothing of this user goes.
    assert.deepEqual(((await (await call({ channelId: 'msteams', userId })).json()) as { erased: Record<string, number> }).erased.tickets, 0);
    assert.ok((await holding(needles)).length > 0);

    const res = await call({ channelId: 'webchat', userId });
    assert.equal(res.status, 200);
    const { erased } = (await res.json()) as { erased: Record<string, number> };
    assert.deepEqual({ tickets: erased.tickets, questions: erased.questions, profiles: erased.profiles }, { tickets: 1, questions: 1, profiles: 1 });
    assert.ok(erased.conversations! >= 1 && erased.messages! >= 2);
    assert.deepEqual(await holding(needles), []);
  });
});
