import assert from 'node:assert/strict';
import type { Lang } from '../../knowledge/lang.js';
import { startBot, lastSlot, type Reply, type TestBot } from '../support/botServer.js';
import { Chat, CHANNELS, fillByPrompts, LOCALES, newConversation, staffGet, STAFF_KEY, t, textsOf } from './support.js';

/**
 * Conversations as black-box testers played them (rephrased), through the HTTP server in fr, zh
 * and en on Web Chat and Teams: an opening sentence whose facts the kind has no field for (kept
 * in the notes and said, never dropped), a complete Chinese request without a quote keyword, and
 * "start over with …" that only changes the order (everything else kept).
 */

const promptOf = (replies: Reply[]) => [...replies].reverse().find((r) => r.channelData?.slot);

interface Case {
  open: string;
  /** Said back before the first question, and stored in the notes. */
  noted: RegExp;
  answers: Record<string, string>;
  /** A restart with changes typed at this prompt, and what it must change. */
  restartAt: string;
  restart: string;
  after: (body: any) => void;
}

const CASES: Record<Lang, Case> = {
  fr: {
    open: 'bonjour, devis renouvellement Confluence DC pour mon client Acme Industries, SEN-L4471902, 2000 users, 2 ans de maintenance',
    noted: /Remarques : Palier d'utilisateurs : 2000 utilisateurs/u,
    answers: { technicalContactEmail: 'jm.dubois@acme-industries.fr', endUserName: 'Jean-Marc Dubois', endUserEmail: 'jm.dubois@acme-industries.fr', resellerName: 'Sophie Marchand', resellerEmail: 'sophie@numerik.fr', confirm: 'Confirmer' },
    restartAt: 'endUserName',
    restart: 'on recommence avec Jira à la place, le reste ne change pas',
    after: (body) => {
      assert.equal(body.items[0].product, 'jira');
      assert.equal(body.endUserOrganization, 'Acme Industries');
      assert.match(body.notes, /2000/u);
      assert.deepEqual(body.sens ?? [body.sen], ['SEN-L4471902']);
    },
  },
  zh: {
    open: '你好，客户已有云站点 https://hongyun-edu.atlassian.net ，想加购Jira Service Management，50个坐席，标准版。授权联系人是孙丽，sunli@hongyun-edu.cn。',
    noted: /hongyun-edu\.atlassian\.net/u,
    answers: { resellerName: '赵强', resellerEmail: 'zhaoqiang@dingxin-it.com', tier: '50', confirm: '确认' },
    restartAt: 'resellerEmail',
    restart: '重新开始 改成100个坐席 其他不变',
    after: (body) => {
      assert.equal(body.siteUrl, 'https://hongyun-edu.atlassian.net');
      assert.equal(body.authorizedContactName, '孙丽');
      assert.equal(body.items[0].tier, 100);
    },
  },
  en: {
    open: "hi, need a quote for a brand new Jira cloud site for my customer Bondi Surf Co, 75 users, Standard, they'll pay by card",
    noted: /Notes: Payment: [^\n]*card/iu,
    answers: { resellerName: 'Mark Ellison', resellerEmail: 'mark@ellison-it.com.au', billingAddress: '22 Pitt St, Sydney NSW 2000, Australia', endUserName: 'Kai Moana', endUserEmail: 'kai@bondisurf.com.au', confirm: 'Confirm' },
    restartAt: 'billingAddress',
    restart: 'hmm start over with Confluence Premium 100 users, same customer',
    after: (body) => {
      assert.equal(body.items[0].product, 'confluence');
      assert.equal(body.items[0].tier, 100);
      assert.equal(body.endUserOrganization, 'Bondi Surf Co');
      assert.match(body.notes, /card/iu);
    },
  },
};

describe('Quote dialogs: conversations as real users had them', function () {
  this.timeout(120_000);
  let bot: TestBot;
  before(async () => {
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(() => bot.close());

  const QUESTIONS: Record<Lang, string> = { fr: 'le virement ça prend combien de temps ?', zh: '银行转账一般要几天到账', en: 'how long does a bank transfer take to clear?' };
  for (const lang of ['fr', 'zh', 'en'] as const) {
    it(`${lang}: a payment question at an email prompt is answered (or its likeliest topic, titled), then the same prompt`, async () => {
      const chat = new Chat(bot, newConversation(`real-q-${lang}`), LOCALES[lang]);
      const opened = await chat.say(CASES[lang].open);
      const slot = lastSlot(opened);
      assert.ok(slot);
      const replies = await chat.say(QUESTIONS[lang]);
      assert.equal(lastSlot(replies), slot, 'the same prompt again');
      const said = textsOf(replies);
      const deflected = t(lang)('quoteDialog:question.field', { explanation: '' }).slice(0, 20);
      assert.ok(!said.includes(deflected), `answered, not deflected: ${said}`);
    });
  }

  for (const channel of CHANNELS) {
    for (const lang of ['fr', 'zh', 'en'] as const) {
      const c = CASES[lang];
      it(`${channel} ${lang}: nothing of the opening sentence is dropped; "start over with …" changes only what it names`, async () => {
        const chat = new Chat(bot, newConversation(`real-${channel}-${lang}`), LOCALES[lang], {}, channel);
        const opened = await chat.say(c.open);
        assert.ok(lastSlot(opened), `a form started: ${textsOf(opened)}`);
        assert.match(textsOf(opened), c.noted);
        assert.ok(textsOf(opened).includes(t(lang)('quoteDialog:prefill.noted')));
        let replies = opened;
        let restarted = false;
        for (let turn = 0; turn < 30 && !/QR-\d{8}-\d{4,}/u.test(textsOf(replies)); turn++) {
          const slot = lastSlot(replies);
          assert.ok(slot, `no prompt after ${textsOf(replies)}`);
          if (slot === c.restartAt && !restarted) {
            restarted = true;
            const changed = await chat.say(c.restart);
            assert.equal(lastSlot(changed), c.restartAt, `the same prompt after the change: ${textsOf(changed)}`);
            assert.ok(!textsOf(changed).includes(t(lang)('common:cancel.confirm')), 'not a cancel');
            replies = changed;
            continue;
          }
          const answer = c.answers[slot];
          assert.ok(answer !== undefined, `unexpected prompt ${slot}: ${promptOf(replies)?.text}`);
          replies = await chat.say(answer);
        }
        assert.ok(restarted, 'the restart prompt was reached');
        const ref = /QR-\d{8}-\d{4,}/u.exec(textsOf(replies))?.[0];
        assert.ok(ref, 'filed');
        const { body } = await staffGet(bot, `/api/quote-requests/${ref}`);
        c.after(body);
      });
    }
  }
});
