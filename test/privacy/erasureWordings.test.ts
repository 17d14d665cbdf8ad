import assert from 'node:assert/strict';
import { subjectKey } from '../../backend/privacy/index.js';
import type { Lang } from '../../knowledge/lang.js';
import { Chat, LOCALES, t, textsOf } from '../quote-dialogs/support.js';
import { INSIGHTS_ENV, staffGet, waitForRecords } from '../insights/support.js';
import { startBot, type TestBot } from '../support/botServer.js';
import { TEST_DATABASE_URL, usePostgres } from '../support/postgres.js';
import { filesContaining, rowsContaining } from '../support/leftovers.js';

/** Everyday ways of asking to be erased (finding 18), each the first message of a conversation. */
const WORDINGS: Record<Lang, string[]> = {
  fr: [
    'effacez tout ce que vous savez sur moi',
    "je veux exercer mon droit à l'effacement RGPD",
    'supprimez mes infos personnelles svp',
    'Pouvez-vous supprimer mon compte et mes données ?',
    'oubliez-moi',
    'Je souhaite la suppression de mes données personnelles',
    'Merci de retirer toutes les données me concernant',
    'ne conservez pas mes informations',
  ],
  zh: ['我要注销，删掉我的所有记录', '删除我的个人信息', '请清除我所有的数据', '把跟我相关的记录都删掉', '不要保存我的信息', '忘了我吧'],
  en: [
    'erase my personal data',
    'GDPR deletion request',
    'please remove all my info',
    'forget me',
    'right to be forgotten',
    'Please delete all of my personal data',
    'can you wipe everything you know about me?',
    'I want to be forgotten',
  ],
};

/** Questions about data and privacy that are not a request to erase the asker's data. */
const NEAR_MISSES: Record<Lang, string[]> = {
  fr: [
    'Combien de temps gardez-vous mes données ?',
    'Quelle est votre politique de confidentialité ?',
    'RGPD : où sont hébergées les données de Jira Cloud ?',
    'Comment supprimer un utilisateur dans Confluence ?',
    'Comment supprimer mon site Confluence ?',
  ],
  zh: ['你们会保存我的数据多久？', '隐私政策是什么？', '如何删除 Jira 里的用户？', 'Atlassian 的数据存储在哪里？'],
  en: ['How long do you keep my data?', 'What is your privacy policy?', 'Is Jira Cloud GDPR compliant?', 'How do I delete a user in Jira?', 'How do I delete my data in Jira Cloud before cancelling?'],
};

/** Not recognised as a request, but about erasing the user's data: and with their name in it. */
const NOT_UNDERSTOOD: Record<Lang, { name: string; text: string; yes: string }> = {
  fr: { name: 'Zéphyrine Quatremarre', text: 'Bonjour, je suis Zéphyrine Quatremarre et je veux que vous effaciez absolument tout, merci', yes: 'oui' },
  zh: { name: '司徒雅琴', text: '我是司徒雅琴，请把我说过的话都清空', yes: '是' },
  en: { name: 'Barnaby Quillfeather', text: "I'm Barnaby Quillfeather and I'd like you to wipe out whatever you stored from our chats", yes: 'yes' },
};

for (const kind of ['embedded', 'postgres'] as const) describe(`asking to be erased in everyday words, fr/zh/en (${kind})`, function () {
  this.timeout(90_000);
  let bot: TestBot;
  let n = 0;
  const pg = kind === 'postgres' ? usePostgres() : undefined;
  /** Everything stored: files under DATA_DIR (the insight records stay files) and, on PostgreSQL, rows too. */
  const stored = async (needles: string[]) => [...filesContaining(bot.dataDir, needles), ...(pg ? await rowsContaining(pg.db, needles) : [])];
  /**
   * What FAQ authors read, for RETENTION_DAYS: the insight records and the FAQ log (not the
   * recent messages a ticket starts with, kept a day and erased with the rest).
   */
  const forAuthors = async (needles: string[]) => (await stored(needles)).filter((hit) => /^\/(insights|faq)\/|^record_logs:/.test(hit));
  const chat = (lang: Lang, userId = `wording-${lang}-${Date.now()}-${n++}`) => new Chat(bot, `c-${userId}`, LOCALES[lang], { from: { id: userId, name: 'Reseller' } });
  before(async () => {
    const database: Record<string, string> = pg ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: pg.db.schema } : {};
    bot = await startBot({ ...INSIGHTS_ENV, ...database });
  });
  after(() => bot?.close());

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: each wording asks "delete it all?", and none is kept for FAQ authors`, async () => {
      const T = t(lang);
      const subjects: string[] = [];
      for (const text of WORDINGS[lang]) {
        const userId = `wording-${lang}-${Date.now()}-${n++}`;
        subjects.push(subjectKey({ channelId: 'webchat', userId }));
        const replies = await chat(lang, userId).say(text);
        assert.ok(textsOf(replies).includes(T('privacy:confirm')), `"${text}" → ${textsOf(replies)}`);
      }
      await waitForRecords(bot, (records) => subjects.every((key) => records.some((r) => r.subject === key)), 'a record of each turn', pg?.db);
      const review = JSON.stringify((await staffGet(bot, '/api/insights/review')).json);
      assert.deepEqual(WORDINGS[lang].filter((w) => review.includes(w)), [], 'in the review queue');
      assert.deepEqual(await forAuthors(WORDINGS[lang]), []);
    });

    it(`${lang}: questions about data and privacy are not taken for a request to erase`, async () => {
      const T = t(lang);
      for (const text of NEAR_MISSES[lang]) {
        const replies = await chat(lang).say(text);
        assert.ok(!textsOf(replies).includes(T('privacy:confirm')), `"${text}" → ${textsOf(replies)}`);
      }
      // No erasure words in it: an unanswered privacy question stays a question for the FAQ writers.
      const question = NEAR_MISSES[lang][0]!;
      const replies = await chat(lang).say(question);
      assert.ok(!textsOf(replies).includes(T('privacy:suggest')), textsOf(replies));
    });

    it(`${lang}: a request to erase that is not understood offers the erasure and keeps its text nowhere; erased, nothing of the user is left`, async () => {
      const T = t(lang);
      const p = NOT_UNDERSTOOD[lang];
      const userId = `not-understood-${lang}-${Date.now()}`;
      const c = chat(lang, userId);
      const replies = await c.say(p.text);
      assert.ok(textsOf(replies).includes(T('privacy:suggest')), textsOf(replies));
      assert.equal(replies.at(-1)!.suggestedActions?.actions[0]?.title, T('privacy:menu'));
      const key = subjectKey({ channelId: 'webchat', userId });
      await waitForRecords(bot, (records) => records.some((r) => r.subject === key), 'the turn record', pg?.db);
      // The turn is counted, without its text: not in the records, the FAQ log or the review queue.
      assert.deepEqual(await forAuthors([p.name]), []);
      assert.ok(!JSON.stringify((await staffGet(bot, '/api/insights/review')).json).includes(p.name));

      // The button starts the erasure; afterwards nothing of the user is stored or held in memory.
      assert.ok(textsOf(await c.say(T('privacy:menu'))).includes(T('privacy:confirm')));
      assert.ok(textsOf(await c.say(p.yes)).startsWith(T('privacy:done')));
      const needles = [p.name, `"${userId}"`, key];
      assert.deepEqual(await stored(needles), []);
      assert.deepEqual(Object.entries(bot.app.privacy.inMemory()).filter(([, held]) => needles.some((x) => JSON.stringify(held).includes(x))).map(([name]) => name), []);
      assert.ok(!JSON.stringify((await staffGet(bot, '/api/insights/review')).json).includes(key));
    });
  }
});
