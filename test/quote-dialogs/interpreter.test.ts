import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { Lang } from '../../knowledge/lang.js';
import { startBot, lastSlot, type Reply, type TestBot } from '../support/botServer.js';
import { ANSWERS, OPENINGS } from './answers.js';
import { Chat, CHANNELS, fillByPrompts, LOCALES, newConversation, QR, staffGet, STAFF_KEY, t, teamsMessage, textsOf } from './support.js';

/**
 * The form interpreter in real conversations, through the HTTP server, in fr, zh and en, on Web
 * Chat and Teams activity JSON: questions, language requests and repeated buttons at free-text
 * prompts, corrections at a later prompt and at the summary, articles without a count, the
 * rounding notice, durations in words, a SEN at the URL prompt, status without a reference,
 * start over, the cancel confirmation, and the summary card updated after Confirm.
 */

const LANGS: Lang[] = ['fr', 'zh', 'en'];

/** Per language: what a busy reseller types (never copied from the shared check files). */
const SAY: Record<Lang, Record<string, string>> = {
  fr: {
    open: 'Il me faudrait un devis pour une nouvelle licence Jira Software Data Center pour un client, deux ans de maintenance',
    tierSmall: '50 utilisateurs',
    question: "c'est quoi le délai pour un virement ?",
    addressQuestion: "attendez, c'est mon adresse ou celle du client ?",
    otherLanguage: 'on peut continuer en anglais ?',
    back: 'en français',
    correctTier: "ah non en fait 2000 users, pas 500",
    correctEmail: "l'e-mail du contact technique c'est marc.petit@exemple.com, pas marc.petit@exemple.fr",
    newEmail: 'marc.petit@exemple.com',
    status: 'où en est ma demande ?',
    restart: 'on recommence : mise à niveau Confluence Data Center SEN-L7654321 de 500 à 1000 utilisateurs',
    notYesNo: 'peut-être',
  },
  zh: {
    open: '你好，我想给一家客户报一个Jira Software Data Center的新许可证，维护两年',
    tierSmall: '50个用户',
    question: '银行转账要几天？',
    addressQuestion: '这是我的地址还是客户的地址？',
    otherLanguage: '可以用英文吗',
    back: '请用中文',
    correctTier: '不对，改成2000用户',
    correctEmail: '技术联系人邮箱写错了，应该是li.lei@minghua-tech.com',
    newEmail: 'li.lei@minghua-tech.com',
    status: '我的报价进度怎么样了',
    restart: '重新开始：升级 Confluence 数据中心 SEN-L7654321，从500用户升级到1000用户',
    notYesNo: '让我想想',
  },
  en: {
    open: 'I need a quote for a new Jira Data Center licence for one of our clients, two years of maintenance',
    tierSmall: '50 users',
    question: 'how long does a bank transfer take?',
    addressQuestion: "wait, is this my address or the customer's?",
    otherLanguage: 'could we do this in French instead?',
    back: 'in English please',
    correctTier: 'sorry, it should be 2000 users, not 500',
    correctEmail: 'the technical contact email is ops@harbourline.com, not ops@harbourline.com.au',
    newEmail: 'ops@harbourline.com',
    status: "what's the status of my quote?",
    restart: 'start over: upgrade Confluence DC, SEN-L7654321, 500 to 1000 users',
    notYesNo: 'hmm, maybe',
  },
};
const OTHER: Record<Lang, Lang> = { fr: 'en', zh: 'en', en: 'fr' };

const promptOf = (replies: Reply[]) => [...replies].reverse().find((r) => r.channelData?.slot);

describe('Quote dialogs: the form interpreter in conversations', function () {
  this.timeout(90_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  for (const channel of CHANNELS) {
    for (const lang of LANGS) {
      const say = SAY[lang];
      const tr = t(lang);

      it(`${channel} ${lang}: a full Data Center request with every kind of messy turn files the data meant`, async () => {
        const chat = new Chat(bot, newConversation(`messy-${channel}-${lang}`), LOCALES[lang], {}, channel);
        // Status before anything was filed: said plainly, never a new quote or an FAQ answer.
        assert.ok(textsOf(await chat.say(say.status)).includes(tr('quote:status.none')));

        // Articles are not user counts, durations in words are years; what was understood is said.
        const opened = await chat.say(say.open);
        assert.equal(lastSlot(opened), 'tier', 'the user count was not invented from an article');
        assert.ok(textsOf(opened).includes(tr('quoteDialog:prefill.noted')));
        const rounded = await chat.say(say.tierSmall);
        assert.ok(textsOf(rounded).includes(tr('quote:notice.tierMinimum', { count: 50, tier: 500, deployment: 'Data Center' })), textsOf(rounded));

        const answers = ANSWERS[lang];
        let replies = rounded;
        const seen = new Set<string>();
        for (let turn = 0; turn < 40 && !QR.test(textsOf(replies)); turn++) {
          const slot = lastSlot(replies);
          assert.ok(slot, `no prompt after ${JSON.stringify(textsOf(replies))}`);
          const first = !seen.has(slot);
          seen.add(slot);
          if (first && slot === 'resellerName') {
            // A question at a name prompt is answered, then the same prompt.
            assert.equal(lastSlot(await chat.say(say.question)), 'resellerName');
            // A language request switches language and asks the same prompt again, in that language.
            const other = await chat.say(say.otherLanguage);
            assert.equal(promptOf(other)?.text, t(OTHER[lang])('quote:ask.resellerName'));
            assert.equal(promptOf(await chat.say(say.back))?.text, tr('quote:ask.resellerName'));
          }
          if (first && slot === 'resellerCompany') {
            // A button of an earlier step pressed again is a repeat, never a company name.
            const repeat = await chat.say(tr('quote:kind.dc-new'));
            assert.ok(textsOf(repeat).includes(tr('quoteDialog:repeat.button')));
            assert.equal(lastSlot(repeat), 'resellerCompany');
          }
          if (first && slot === 'billingAddress') {
            const explained = await chat.say(say.addressQuestion);
            assert.ok(textsOf(explained).includes(tr('quote:explain.billingAddressOrganization')), textsOf(explained));
            assert.equal(lastSlot(explained), 'billingAddress');
          }
          if (first && slot === 'paymentPreference') {
            // A correction at a later prompt: said back in one line, the same prompt again.
            const corrected = await chat.say(say.correctTier);
            assert.match(textsOf(corrected), /2[\s,]?000/u);
            assert.equal(lastSlot(corrected), 'paymentPreference');
          }
          if (first && slot === 'confirm') {
            assert.match(JSON.stringify(promptOf(replies)?.attachments), /2[\s,]?000/u, 'the summary shows the corrected tier');
            const fixed = await chat.say(say.correctEmail);
            assert.equal(lastSlot(fixed), 'confirm', 'the summary is shown again');
            assert.ok(JSON.stringify(promptOf(fixed)?.attachments).includes(say.newEmail!));
            assert.ok(textsOf(fixed).split('\n').some((line) => line.includes(say.newEmail!) && !line.includes('\n')));
          }
          replies = await chat.say(answers[slot] ?? answers.notes ?? '-');
        }
        const ref = QR.exec(textsOf(replies))?.[0];
        assert.ok(ref, 'filed');
        const { body } = await staffGet(bot, `/api/quote-requests/${ref}`);
        assert.equal(body.items[0].tier, 2000);
        assert.equal(body.items[0].maintenanceYears, 2);
        assert.equal(body.technicalContactEmail, say.newEmail);
        const stored = JSON.stringify(body);
        for (const text of [say.question, say.addressQuestion, say.otherLanguage, tr('quote:kind.dc-new')]) assert.ok(!stored.includes(text!), `${text} stored`);

        // Status without a reference lists this user's own requests.
        const listed = textsOf(await chat.say(say.status));
        assert.ok(listed.includes(tr('quote:status.list', { count: 1 })) && listed.includes(ref!), listed);
      });

      it(`${channel} ${lang}: a SEN at the site URL prompt is a SEN; "start over" starts the new request; the cancel question is asked again`, async () => {
        const chat = new Chat(bot, newConversation(`sen-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const { siteUrl: _u, confirm: _x, ...answers } = ANSWERS[lang];
        let replies = await chat.say(OPENINGS['cloud-existing'][lang]);
        for (let i = 0; i < 10 && lastSlot(replies) !== 'siteUrl'; i++) replies = await chat.say(answers[lastSlot(replies)!]!);
        assert.equal(lastSlot(replies), 'siteUrl');
        const sen = await chat.say('SEN-C7778889');
        assert.notEqual(lastSlot(sen), 'siteUrl');

        // Cancel, then neither yes nor no: asked again, nothing taken as an answer.
        const cancel = await chat.say(lang === 'fr' ? 'annuler' : lang === 'zh' ? '取消' : 'cancel');
        assert.ok(textsOf(cancel).includes(tr('common:cancel.confirm')));
        const again = await chat.say(say.notYesNo);
        assert.ok(textsOf(again).includes(tr('common:cancel.again')));
        const kept = await chat.say(tr('common:yesNo.no'));
        assert.equal(lastSlot(kept), lastSlot(sen));

        const restarted = await chat.say(say.restart);
        assert.ok(textsOf(restarted).includes(tr('common:restart.done')));
        const run = await fillByPrompts(chat, restarted, { ...ANSWERS[lang], technicalContactName: ANSWERS[lang].technicalContactName! });
        assert.ok(run.ref, `filed after restart (asked ${run.asked.join(', ')})`);
        assert.ok(!run.asked.includes('sen') && !run.asked.includes('tier'), 'the restart sentence prefilled the new request');
        const { body } = await staffGet(bot, `/api/quote-requests/${run.ref}`);
        assert.equal(body.kind, 'dc-upgrade');
        assert.equal(body.sen, 'SEN-L7654321');
        assert.equal(body.items[0].tier, 1000);
        const list = await staffGet(bot, '/api/quote-requests?limit=500');
        assert.ok(!JSON.stringify(list.body).includes('sen-c7778889'), 'no invented site URL');
      });
    }
  }

  const MONTHLY: Record<Lang, string> = {
    fr: 'ah et on peut le facturer au mois plutôt ?',
    zh: '可以改成按月付费吗？',
    en: 'oh and can it be billed monthly instead?',
  };
  const CANCEL: Record<Lang, string> = { fr: 'laisse tomber', zh: '算了，不要了', en: 'never mind' };
  const RESUME: Record<Lang, string> = { fr: 'ah zut, en fait je voulais le garder, vous pouvez reprendre ?', zh: '恢复', en: 'sorry, I wanted to keep it, resume please' };
  for (const lang of LANGS) {
    it(`${lang}: monthly cloud billing asked at the summary is refused with the rule, then the summary again`, async () => {
      const chat = new Chat(bot, newConversation(`monthly-${lang}`), LOCALES[lang]);
      const { confirm: _c, ...answers } = ANSWERS[lang];
      const run = await fillByPrompts(chat, await chat.say(OPENINGS['cloud-existing'][lang]), answers);
      assert.equal(run.asked.at(-1), 'confirm');
      const refused = await chat.say(MONTHLY[lang]);
      assert.ok(textsOf(refused).includes(t(lang)('quote:rule.annualCloudOnly')), textsOf(refused));
      assert.equal(lastSlot(refused), 'confirm');
    });

    it(`${lang}: a confirmed cancel can be brought back, at the same question`, async () => {
      const chat = new Chat(bot, newConversation(`resume-${lang}`), LOCALES[lang]);
      const opened = await chat.say(OPENINGS['dc-renewal'][lang]);
      const slot = lastSlot(opened);
      assert.ok(textsOf(await chat.say(CANCEL[lang])).includes(t(lang)('common:cancel.confirm')));
      const done = await chat.say(t(lang)('common:yesNo.yes'));
      assert.ok(textsOf(done).includes(t(lang)('common:cancel.doneUndo')));
      const back = await chat.say(RESUME[lang]);
      assert.ok(textsOf(back).includes(t(lang)('common:resume.done')), textsOf(back));
      assert.equal(lastSlot(back), slot);
      const run = await fillByPrompts(chat, back, ANSWERS[lang]);
      assert.ok(run.ref, 'the resumed request files');
      assert.ok(textsOf(await chat.say(RESUME[lang])).includes(t(lang)('common:resume.nothing')));
    });
  }

  it('a QR reference typed while a prompt waits is a status question, then the same prompt', async () => {
    const chat = new Chat(bot, newConversation('ref-at-prompt'), LOCALES.en);
    const first = await fillByPrompts(chat, await chat.say(OPENINGS['dc-renewal'].en), ANSWERS.en);
    assert.ok(first.ref);
    const opened = await chat.say(OPENINGS['dc-renewal'].en);
    const slot = lastSlot(opened);
    const status = await chat.say(`${first.ref}?`);
    assert.ok(textsOf(status).includes(t('en')('quote:status.submitted', { ref: first.ref })));
    assert.equal(lastSlot(status), slot);
  });
});

/** A stand-in Bot Connector recording every call, answering POSTs with an id (as Teams does). */
async function recordingConnector(): Promise<{ url: string; calls: Array<{ method: string; path: string; body: any }>; close(): Promise<void> }> {
  const calls: Array<{ method: string; path: string; body: any }> = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      calls.push({ method: req.method ?? '', path: req.url ?? '', body: raw ? JSON.parse(raw) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `teams-msg-${++n}` }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((ok) => server.close(() => ok())) };
}

describe('Quote dialogs: the Teams summary card after Confirm', function () {
  this.timeout(90_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  for (const lang of LANGS) {
    it(`${lang}: becomes a read-only "Submitted — QR-…" card, updated in place`, async () => {
      const connector = await recordingConnector();
      try {
        const conversationId = newConversation(`card-${lang}`);
        const chat = new Chat(bot, conversationId, LOCALES[lang], { serviceUrl: connector.url }, 'msteams');
        const { confirm: _c, ...answers } = ANSWERS[lang];
        // Expect replies up to the last answer, which is sent as Teams does: replies go to the connector.
        let replies = await chat.say(OPENINGS['cloud-renewal'][lang]);
        for (let i = 0; i < 20; i++) {
          const slot = lastSlot(replies)!;
          const next = answers[slot]!;
          const probe = await bot.send(teamsMessage(conversationId, next, LOCALES[lang], { serviceUrl: connector.url, deliveryMode: 'expectReplies', id: `probe-${i}` }));
          if (lastSlot(probe) === 'confirm') break;
          replies = probe;
        }
        // A correction under the summary, sent as Teams does: the summary comes back through the connector, with an id.
        const posted = await bot.post(teamsMessage(conversationId, SAY[lang].correctTier!, LOCALES[lang], { serviceUrl: connector.url }));
        assert.equal(posted.status, 200);
        const summary = connector.calls.filter((c) => c.method === 'POST' && c.body.channelData?.slot === 'confirm').at(-1);
        assert.ok(summary, 'the summary card went through the connector');
        await bot.post(teamsMessage(conversationId, t(lang)('quote:summary.confirm'), LOCALES[lang], { serviceUrl: connector.url }));
        const update = connector.calls.find((c) => c.method === 'PUT');
        assert.ok(update, `no update; calls: ${connector.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`);
        const index = connector.calls.indexOf(summary);
        assert.ok(update.path.endsWith(`/activities/teams-msg-${index + 1}`), update.path);
        const card = JSON.stringify(update.body.attachments);
        const ref = QR.exec(card)?.[0];
        assert.ok(ref && card.includes(t(lang)('quoteDialog:summary.submitted', { ref })));
        assert.ok(!card.includes('Action.Submit'), 'no button left to press');
      } finally {
        await connector.close();
      }
    });
  }
});
