import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, t } from '../quote-dialogs/support.js';
import { lastSlot, startBot, type TestBot } from '../support/botServer.js';
import { ADVOCATES, consoleApi, KEYS, startConnector, texts, titles, type FakeConnector } from './support.js';

/** What the testers typed (qa2 2, 3, 5, 12), per language, to the whole bot (FAQ, quotes, handoff, privacy). */
const CASES: Array<{
  lang: Lang;
  callback: string[];
  person: string[];
  humanAndQuote: string;
  question: string;
  notHelpful: string;
  erase: string;
  neverMind: string;
  whatStays: string;
  quote: string;
  cancel: string;
}> = [
  {
    lang: 'fr', callback: ['pouvez-vous me rappeler ?', "je peux avoir quelqu'un au téléphone ?"],
    person: ['Je voudrais un vrai interlocuteur, votre bot ne répond pas à ma question sur les remises partenaires', 'il me faudrait un humain pour vérifier ce devis', "quelqu'un de chez vous peut regarder mon panier ?"],
    humanAndQuote: 'je veux parler à un conseiller, il me faut un devis de renouvellement Jira Cloud pour un client',
    question: 'Comment suivre une commande ?', notHelpful: "ça ne m'aide pas", erase: 'supprimer mes données', neverMind: 'laisse tomber',
    whatStays: "qu'est-ce qui reste exactement ?", quote: 'je voudrais un devis pour un nouveau site Jira Cloud', cancel: 'annuler',
  },
  {
    lang: 'zh', callback: ['能给我打个电话吗'], person: ['有没有真人', '我想找人工顾问聊一下', '能不能找个真人帮我核对一下续订价格？'],
    humanAndQuote: '转人工，我要给客户续订 Jira Cloud 的报价',
    question: '怎么跟踪订单？', notHelpful: '没用', erase: '删除我的数据', neverMind: '算了',
    whatStays: '具体会保留什么？', quote: '我想要一个新的 Jira Cloud 站点报价', cancel: '取消',
  },
  {
    lang: 'en', callback: ['can someone call me?'], person: ['can I talk to someone', 'this is useless, get me a person', 'can I get a human to double check this quote', 'could a real person look at my renewal pricing?'],
    humanAndQuote: 'get me a human please, I need help with a renewal for a customer',
    question: 'How do I track an order?', notHelpful: "that doesn't help", erase: 'delete my data', neverMind: 'never mind',
    whatStays: 'hmm, what exactly stays?', quote: 'I need a quote for a new Jira cloud site', cancel: 'cancel',
  },
];


describe('asking for a person, and saying "never mind" at a yes/no question (whole bot, fr, zh, en)', () => {
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
  const chat = (lang: Lang) => new Chat(bot, newConversation(`person-${lang}`), LOCALES[lang], { serviceUrl: connector.serviceUrl });
  const searching = (lang: Lang, reply: string | undefined) => {
    assert.ok(reply, 'a reply');
    const [before, after] = t(lang)('handoff:request.searching', { position: 999 }).split('999');
    assert.ok(reply.includes(before!) && reply.endsWith(after!), reply);
  };

  for (const c of CASES) {
    const tr = t(c.lang);

    it(`${c.lang}: "call me" is a handoff, and the user is told advocates answer in the chat or by email`, async () => {
      for (const text of c.callback) {
        const said = texts(await chat(c.lang).say(text)).at(-1)!;
        assert.ok(said.startsWith(`${tr('handoff:request.callback')}${tr('common:sentenceGap')}`), `${text} → ${said}`);
        searching(c.lang, said);
      }
    });

    it(`${c.lang}: other ways of asking for a person open a ticket`, async () => {
      for (const text of c.person) searching(c.lang, texts(await chat(c.lang).say(text)).at(-1));
    });

    it(`${c.lang}: "get me a human" wins over a quote keyword in the same message, which is kept as what the ticket is about`, async () => {
      const u = chat(c.lang);
      searching(c.lang, texts(await u.say(c.humanAndQuote)).at(-1));
      const api = consoleApi(bot.url, KEYS.marie);
      const rows = (await api.tickets()).json.tickets as Array<{ id: string; status: string; lang: string }>;
      const mine = rows.filter((r) => r.status === 'waiting' && r.lang === c.lang).at(-1)!;
      assert.equal((await api.ticket(mine.id)).json.ticket.about, c.humanAndQuote);
      assert.equal(texts(await u.say(c.cancel))[0], tr('handoff:cancelled'));
    });

    it(`${c.lang}: "${c.notHelpful}" right after an answer is a 👎 on it, with the way to an advocate; as a first message too`, async () => {
      const u = chat(c.lang);
      const answered = await u.say(c.question);
      assert.ok(titles(answered.at(-1)).includes(tr('faq:feedback.down')), 'an answer with 👍/👎');
      const sorry = await u.say(c.notHelpful);
      assert.deepEqual(texts(sorry), [tr('faq:feedback.sorry')]);
      assert.ok(titles(sorry[0]).includes(tr('common:menu.advocate')));

      const first = await chat(c.lang).say(c.notHelpful);
      assert.equal(texts(first).at(-1), tr('faq:feedback.sorry'));
      assert.ok(titles(first.at(-1)).includes(tr('common:menu.advocate')));
    });

    it(`${c.lang}: "${c.neverMind}" at "delete my data?" is no, and a question there is answered before asking again`, async () => {
      const u = chat(c.lang);
      await u.say(c.erase);
      const explained = await u.say(c.whatStays);
      assert.deepEqual(texts(explained), [tr('privacy:explain')]);
      assert.deepEqual(titles(explained[0]), [tr('common:yesNo.yes'), tr('common:yesNo.no')]);
      const kept = texts(await u.say(c.neverMind));
      assert.deepEqual(kept, [tr('privacy:kept')]);
      assert.ok(!kept.some((x) => x.includes(tr('common:cancel.confirm'))));
    });

    it(`${c.lang}: everyday ways of asking to be erased open the "delete my data?" question`, async () => {
      const ERASE: Record<Lang, string[]> = {
        fr: ['effacez tout ce que vous savez sur moi', "je veux exercer mon droit à l'effacement RGPD", 'supprimez mes infos personnelles svp', 'Pouvez-vous supprimer mon compte et mes données ?'],
        zh: ['我要注销，删掉我的所有记录'],
        en: ['erase my personal data', 'GDPR deletion request', 'please remove all my info'],
      };
      for (const text of ERASE[c.lang]) {
        const u = chat(c.lang);
        assert.equal(texts(await u.say(text)).at(-1), tr('privacy:confirm'), text);
        assert.deepEqual(texts(await u.say(c.neverMind)), [tr('privacy:kept')]);
      }
      // "Remind me of the tiers" is not a call-back request.
      if (c.lang === 'fr') assert.ok(!texts(await chat('fr').say('Vous pouvez me rappeler les paliers disponibles en Data Center ?')).some((x) => x.includes(tr('handoff:request.callback'))));
    });

    it(`${c.lang}: "${c.neverMind}" at "stop what we're doing?" is no: the form asks its question again`, async () => {
      const u = chat(c.lang);
      const opened = await u.say(c.quote);
      const prompt = opened.at(-1)!.text;
      assert.deepEqual(texts(await u.say(c.cancel)), [tr('common:cancel.confirm')]);
      // A question about it is explained, and the question asked again.
      assert.deepEqual(texts(await u.say(c.whatStays)), [tr('common:cancel.explain')]);
      const kept = texts(await u.say(c.neverMind));
      assert.equal(kept[0], tr('common:cancel.kept'));
      assert.equal(kept.at(-1), prompt);
    });
  }
});

describe('a person asked for in the middle of a real quote form, no advocate free (qa1 20, 21, 42, 43)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startBot({});
  });
  after(() => bot.close());

  const WORDS: Record<Lang, { ask: string; about: string; same: string }> = {
    fr: { ask: "je veux parler à quelqu'un avant de valider", about: '', same: 'la même' },
    zh: { ask: '能转人工吗', about: '想确认折扣', same: '就是刚才那个邮箱' },
    en: { ask: 'ugh can I just talk to a real person?', about: 'a question about the discount', same: 'same as above' },
  };

  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: the email given for the advocate answers the form's "your email?" with "${WORDS[lang].same}"`, async () => {
      const tr = t(lang);
      const w = WORDS[lang];
      const u = new Chat(bot, newConversation(`form-${lang}`), LOCALES[lang]);
      const { resellerEmail, ...others } = ANSWERS[lang];
      const run = await fillByPrompts(u, await u.say(OPENINGS['cloud-new'][lang]), others);
      assert.equal(run.asked.at(-1), 'resellerEmail', `stopped at the reseller's email (asked: ${run.asked.join(', ')})`);
      const prompt = run.last.at(-1)!.text;

      assert.deepEqual(texts(await u.say(w.ask)), [tr('handoff:followUp.noAdvocate'), tr('handoff:followUp.askEmail')]);
      let replies = await u.say(resellerEmail!);
      if (texts(replies)[0] === tr('handoff:followUp.askAbout')) replies = await u.say(w.about);
      const done = texts(replies);
      assert.ok(done[0]!.includes(resellerEmail!), done[0]);
      assert.deepEqual(done.slice(1), [tr('handoff:resume'), prompt]);

      const next = await u.say(w.same);
      assert.notEqual(lastSlot(next), 'resellerEmail', `"${w.same}" was taken: ${texts(next).join(' | ')}`);
      assert.ok(texts(next).some((x) => x.includes(resellerEmail!)), 'the email is said back');
    });
  }
});
