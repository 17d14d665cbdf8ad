import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PATHOLOGICAL } from '../../bench/pathologicalTexts.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import type { QuoteKind } from '../../knowledge/quoteTypes.js';
import { lastSlot, startBot, textOf, webchatMessage, type Reply, type TestBot } from '../support/botServer.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, LOCALES, newConversation, QR, staffGet, STAFF_KEY, t } from '../quote-dialogs/support.js';

const MAX = 4000;
/** A marker no answer contains, so a scan of DATA_DIR shows whether any of it was stored. */
const overLimit = (length: number) => 'toolongmarker '.repeat(Math.ceil(length / 14)).slice(0, length);
const numberIn = (lang: Lang, n: number) => (lang === 'zh' ? String(n) : new Intl.NumberFormat(LOCALES[lang]).format(n));
const tooLong = (lang: Lang, length: number, key = 'tooLong') =>
  t(lang)(`common:limits.${key}`, { length: numberIn(lang, length), max: numberIn(lang, MAX) });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Kinds that, together, ask every typed prompt. */
const KINDS: QuoteKind[] = ['dc-new', 'coterm', 'cloud-existing', 'cloud-new'];
/** Under the limit, so they are read: each must be answered or refused, the prompt kept or moved on. */
const UNDER_LIMIT = ['digits', 'letters', 'sen', 'almostEmails', 'dottedDigits', 'latinHan'].map((name) => PATHOLOGICAL[name]!(MAX - 1));

describe('Bounded turns: the message length limit', function () {
  this.timeout(120_000);
  let bot: TestBot;
  before(async () => {
    // Each prompt gets seven texts in a row, well over the per-conversation rate limit.
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY, RATE_LIMIT_PER_CONVERSATION: '0' });
  });
  after(() => bot.close());

  it('the default limit is 4,000 characters, and a text of exactly 4,000 is read', async () => {
    const replies = await new Chat(bot, newConversation('at-limit'), LOCALES.en).say('a'.repeat(MAX));
    assert.ok(replies.length > 0);
    assert.ok(!textOf(replies).includes(tooLong('en', MAX + 1).slice(0, 20)));
  });

  for (const lang of LANGS) {
    it(`at the top level in ${lang}: a longer text gets "too long" and nothing else runs on it`, async () => {
      const chat = new Chat(bot, newConversation(`too-long-${lang}`), LOCALES[lang]);
      for (const length of [MAX + 1, 20_000, 100_000]) {
        const replies = await chat.say(overLimit(length));
        assert.deepEqual(replies.map((r) => r.text), [tooLong(lang, length)]);
        assert.equal(replies[0]!.locale, LOCALES[lang]);
      }
      // Nothing ran: the conversation was never welcomed, so the first real message is.
      const first = await chat.say(ANSWERS[lang].resellerName);
      assert.ok(textOf(first).includes(t(lang)('common:welcome.greeting', { name: '' }).trim().slice(0, 8)), textOf(first));
    });
  }

  it('counts characters, not UTF-16 units: 4,000 emoji are read', async () => {
    const replies = await new Chat(bot, newConversation('emoji'), LOCALES.en).say('😀'.repeat(MAX));
    assert.ok(!textOf(replies).includes(tooLong('en', MAX + 1).slice(0, 20)));
  });

  it('a card submit with a long text is refused the same way', async () => {
    const chat = new Chat(bot, newConversation('submit'), LOCALES.fr);
    const replies = await chat.submit({ text: overLimit(MAX + 10) });
    assert.deepEqual(replies.map((r) => r.text), [tooLong('fr', MAX + 10)]);
  });

  for (const lang of LANGS) {
    it(`at every typed prompt in ${lang}: refused, the prompt keeps waiting, nothing is stored`, async () => {
      const asked = new Set<string>();
      for (const kind of KINDS) {
        const chat = new Chat(bot, newConversation(`prompts-${kind}-${lang}`), LOCALES[lang]);
        let replies: Reply[] = await chat.say(OPENINGS[kind][lang]);
        let ref: string | undefined;
        for (let turn = 0; turn < 40 && !ref; turn++) {
          let slot = lastSlot(replies);
          assert.ok(slot, `${kind}/${lang}: no prompt after ${[...asked].join(', ')}: ${textOf(replies)}`);
          if (!asked.has(`${kind}:${slot}`)) {
            asked.add(`${kind}:${slot}`);
            const refused = await chat.say(overLimit(MAX + 1));
            assert.deepEqual(refused.map((r) => r.text), [tooLong(lang, MAX + 1, 'tooLongAtPrompt')], `${kind}/${slot}`);
            for (const text of UNDER_LIMIT) {
              const res = await bot.post({ ...webchatMessage(chat.conversationId, text, LOCALES[lang]), deliveryMode: 'expectReplies' });
              assert.equal(res.status, 200, `${kind}/${slot}`);
              const read = ((res.json as { activities: Reply[] }).activities ?? []).filter((r) => r.type === 'message');
              assert.ok(read.length > 0, `${kind}/${slot}: no answer to a ${text.length}-character text`);
              if (lastSlot(read)) slot = lastSlot(read)!;
              replies = read;
            }
          }
          const answer = ANSWERS[lang][slot!];
          assert.ok(answer !== undefined, `${kind}/${lang}: no answer for ${slot}`);
          replies = await chat.say(answer);
          ref = QR.exec(textOf(replies))?.[0];
        }
        assert.ok(ref, `${kind}/${lang}: not filed`);
        const { body } = await staffGet(bot, `/api/quote-requests/${ref}`);
        assert.ok(!JSON.stringify(body).includes('toolongmarker'), `${kind}/${lang}: a refused text was stored`);
      }
      for (const slot of ['product', 'tier', 'resellerEmail', 'sen', 'targetDate', 'siteUrl', 'billingAddress', 'confirm']) {
        assert.ok([...asked].some((a) => a.endsWith(`:${slot}`)), `${lang}: the ${slot} prompt was not reached`);
      }
    });
  }

  it('nothing of a refused text reaches any file under DATA_DIR', async () => {
    for (const file of filesUnder(bot.dataDir)) {
      // A state write still in flight renames its .tmp away between the listing and the read: the renamed file is listed too.
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      assert.ok(!text.includes('toolongmarker'), file);
    }
  });

  it('MAX_MESSAGE_CHARS sets the limit', async () => {
    const small = await startBot({ MAX_MESSAGE_CHARS: '100' });
    try {
      const replies = await new Chat(small, newConversation('small'), LOCALES.en).say('x'.repeat(101));
      assert.deepEqual(replies.map((r) => r.text), [t('en')('common:limits.tooLong', { length: '101', max: '100' })]);
    } finally {
      await small.close();
    }
  });
});
