import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { startBot, textOf, webchatMessage, type Reply, type TestBot } from '../support/botServer.js';

const i18n = createI18n();
const T = (lang: Lang) => i18n.getFixedT(lang);
const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' };
let n = 0;
const conv = (name: string) => `conv-${name}-${Date.now()}-${n++}`;

function teamsMembersAdded(conversationId: string, locale: string): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: `f:${n++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/teams/',
    from: { id: '29:1abc', aadObjectId: '6f1c-user' },
    conversation: { conversationType: 'personal', tenantId: 'tenant-1', id: conversationId },
    recipient: { id: '28:bot-app-id', name: 'Reseller Assistant' },
    membersAdded: [{ id: '29:1abc', aadObjectId: '6f1c-user' }],
    channelData: { tenant: { id: 'tenant-1' } },
    locale,
  };
}

describe('Conversation shell', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(() => bot.close());

  for (const lang of LANGS) {
    it(`welcomes a new Teams member in ${lang} from activity.locale`, async () => {
      const replies = await bot.send(teamsMembersAdded(conv(`welcome-${lang}`), LOCALE[lang]));
      const text = textOf(replies);
      assert.ok(text.includes(T(lang)('common:welcome.capabilities')), text);
      assert.ok(text.includes(T(lang)('common:menu.quote')));
      assert.ok(replies.every((r) => r.locale === LOCALE[lang]));
    });
  }

  it('does not welcome the bot itself being added', async () => {
    const activity = teamsMembersAdded(conv('bot-added'), 'en-US');
    activity.membersAdded = [{ id: '28:bot-app-id' }];
    assert.deepEqual(await bot.send(activity), []);
  });

  const detected: Array<[Lang, string]> = [
    ['fr', 'Bonjour, je voudrais savoir comment fonctionne votre assistant'],
    ['zh', '你好，我想了解一下这个助手'],
    ['en', 'Hello there, I would like to know what this assistant does'],
  ];
  for (const [lang, text] of detected) {
    it(`detects ${lang} from the text of a first message despite another activity.locale`, async () => {
      const other = lang === 'en' ? 'fr-FR' : 'en-US';
      const replies = await bot.send(webchatMessage(conv(`detect-${lang}`), text, other));
      assert.ok(textOf(replies).includes(T(lang)('common:welcome.greeting', { name: '' }).slice(0, 8)), textOf(replies));
      assert.ok(replies.every((r) => r.locale === LOCALE[lang]));
    });
  }

  it('keeps the language on short or neutral messages (sticky), and switches on explicit request', async () => {
    const id = conv('sticky');
    await bot.send(webchatMessage(id, 'Bonjour, comment ça marche pour un devis ?', 'en-US'));
    for (const neutral of ['ok', 'jean.dupont@exemple.fr', 'SEN-L1234567', '2000']) {
      const replies = await bot.send(webchatMessage(id, neutral, 'en-US'));
      assert.ok(replies.every((r) => r.locale === 'fr-FR'), `${neutral} switched the language`);
    }
    const switched = await bot.send(webchatMessage(id, 'in English please', 'fr-FR'));
    assert.ok(textOf(switched).includes(T('en')('common:language.switched')));
    const after = await bot.send(webchatMessage(id, 'aide', 'fr-FR'));
    assert.ok(after.every((r) => r.locale === 'en-US'), 'the explicit choice should stick');
  });

  const switches: Array<[string, Lang]> = [['请用中文', 'zh'], ['en français svp', 'fr'], ['English', 'en'], ['中文', 'zh']];
  for (const [phrase, lang] of switches) {
    it(`switches language on "${phrase}"`, async () => {
      const replies = await bot.send(webchatMessage(conv('switch'), phrase, lang === 'en' ? 'zh-CN' : 'en-US'));
      assert.ok(textOf(replies).includes(T(lang)('common:language.switched')), textOf(replies));
    });
  }

  // Finding 27: "agent" in a zh-CN client switched the rest of the handoff to English.
  const borrowed: Array<{ lang: Lang; opening?: string; words: string[] }> = [
    { lang: 'zh', words: ['agent', '不用了', 'cancel', 'help', 'Jira Service Management'] },
    { lang: 'fr', opening: "Bonjour, j'ai une question sur les licences", words: ['help', 'agent', 'cancel', 'Confluence Data Center', 'ok'] },
    { lang: 'en', opening: 'Hello, I have a question about licences', words: ['merci', 'bonjour', 'My colleague 王伟 will call you tomorrow', 'Jira 云'] },
  ];
  for (const { lang, opening, words } of borrowed) {
    it(`${lang}: a borrowed word, product or name does not switch the language (${words.join(', ')})`, async () => {
      const id = conv(`borrowed-${lang}`);
      if (opening) assert.ok((await bot.send(webchatMessage(id, opening, LOCALE[lang]))).every((r) => r.locale === LOCALE[lang]));
      for (const word of words) {
        const replies = await bot.send(webchatMessage(id, word, LOCALE[lang]));
        assert.ok(replies.length > 0 && replies.every((r) => r.locale === LOCALE[lang]), `"${word}" → ${replies.map((r) => `${r.locale}: ${r.text}`).join(' | ')}`);
      }
    });
  }

  it('zh-CN: "agent" as the first message answers in Chinese, and the handoff stays Chinese', async () => {
    const id = conv('agent-zh');
    const first = await bot.send(webchatMessage(id, 'agent', 'zh-CN'));
    assert.ok(textOf(first).includes(T('zh')('handoff:followUp.askEmail')), textOf(first));
    const cancelled = await bot.send(webchatMessage(id, 'cancel', 'zh-CN'));
    assert.ok(cancelled.every((r) => r.locale === 'zh-CN'), textOf(cancelled));
  });

  it('a sentence in another language, or an explicit request, still switches', async () => {
    const id = conv('real-switch');
    await bot.send(webchatMessage(id, 'agent', 'zh-CN'));
    await bot.send(webchatMessage(id, '取消', 'zh-CN'));
    assert.ok((await bot.send(webchatMessage(id, '是', 'zh-CN'))).every((r) => r.locale === 'zh-CN'));
    const english = await bot.send(webchatMessage(id, 'How do I renew a license for my customer?', 'zh-CN'));
    assert.ok(english.every((r) => r.locale === 'en-US'), textOf(english));
    const french = await bot.send(webchatMessage(id, 'Comment je paie une facture pour mon client ?', 'zh-CN'));
    assert.ok(french.every((r) => r.locale === 'fr-FR'), textOf(french));
    const chinese = await bot.send(webchatMessage(id, '请用中文', 'fr-FR'));
    assert.ok(textOf(chinese).includes(T('zh')('common:language.switched')));
    // With no locale the client says nothing: a one-word command is the only clue, and it is used.
    const bare = await bot.send(webchatMessage(conv('no-locale'), 'bonjour'));
    assert.ok(bare.every((r) => r.locale === 'fr-FR'), textOf(bare));
  });

  it('offers the three languages on the Language button, each under its own name', async () => {
    const replies = await bot.send(webchatMessage(conv('lang-button'), T('fr')('common:menu.language'), 'fr-FR'));
    const titles = replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);
    assert.deepEqual(titles.sort(), ['English', 'Français', '中文'].sort());
  });

  it('switches language on a setLanguage event from the web page', async () => {
    const id = conv('event-lang');
    const replies = await bot.send({ ...webchatMessage(id, ''), type: 'event', name: 'setLanguage', value: 'zh', text: undefined });
    assert.ok(textOf(replies).includes(T('zh')('common:language.switched')));
  });

  const help: Record<Lang, string> = { en: 'help', fr: 'aide', zh: '帮助' };
  const cancel: Record<Lang, string> = { en: 'cancel', fr: 'annuler', zh: '取消' };
  for (const lang of LANGS) {
    it(`answers help and cancel in ${lang}`, async () => {
      const id = conv(`help-${lang}`);
      const h = await bot.send(webchatMessage(id, help[lang], LOCALE[lang]));
      assert.ok(textOf(h).includes(T(lang)('common:help.text').slice(0, 12)), textOf(h));
      const c = await bot.send(webchatMessage(id, cancel[lang], LOCALE[lang]));
      assert.ok(textOf(c).includes(T(lang)('common:cancel.nothing')), textOf(c));
    });

    it(`says it did not understand, with the menu, in ${lang}`, async () => {
      const replies = await bot.send(webchatMessage(conv(`unknown-${lang}`), 'zzqx vlorp', LOCALE[lang]));
      const last = replies.at(-1) as Reply;
      assert.ok((last.suggestedActions?.actions.length ?? 0) >= 4, 'no dead end: the menu is offered');
    });
  }

  it('welcomes on the web page join event', async () => {
    const replies = await bot.send({ ...webchatMessage(conv('join'), ''), type: 'event', name: 'webchat/join', text: undefined, locale: 'zh-CN' });
    assert.ok(textOf(replies).includes(T('zh')('common:welcome.capabilities')));
  });

  const noOps: Array<[string, Record<string, unknown>]> = [
    ['typing', { type: 'typing' }],
    ['messageReaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: 'x' }],
    ['installationUpdate', { type: 'installationUpdate', action: 'add' }],
    ['conversationUpdate without members', { type: 'conversationUpdate' }],
    ['invoke with an unknown name', { type: 'invoke', name: 'unknown/thing', value: {} }],
    ['event with an unknown name', { type: 'event', name: 'something' }],
    ['endOfConversation', { type: 'endOfConversation' }],
    ['deleteUserData', { type: 'deleteUserData' }],
    ['an unknown type', { type: 'holograms' }],
  ];
  for (const [what, patch] of noOps) {
    it(`treats ${what} as a quiet no-op`, async () => {
      const res = await bot.post({ ...webchatMessage(conv('noop'), ''), text: undefined, deliveryMode: 'expectReplies', ...patch });
      assert.equal(res.status, 200, res.text);
      const acts = ((res.json as { activities?: Reply[] } | undefined)?.activities ?? []).filter((a) => a.type === 'message');
      assert.equal(acts.length, 0, JSON.stringify(acts));
    });
  }

  it('answers an attachment-only message with a localized note, not a crash', async () => {
    const replies = await bot.send({ ...webchatMessage(conv('attach'), '', 'fr-FR'), text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] });
    assert.ok(textOf(replies).includes(T('fr')('common:unsupported')));
  });

  it('logs no message text or email at info level', async () => {
    await bot.send(webchatMessage(conv('log'), 'my email is secret.person@example.com', 'en-US'));
    const info = bot.logs.map((l) => JSON.parse(l) as { level: string }).filter((l) => l.level !== 'debug' && l.level !== 'trace');
    assert.ok(!JSON.stringify(info).includes('secret.person@example.com'));
  });
});
