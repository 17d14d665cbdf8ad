import assert from 'node:assert/strict';
import { faqKnowledge } from '../../bot/handoff/faqKnowledge.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import type { TestBot } from '../support/botServer.js';
import { ADVOCATES, consoleApi, KEYS, startHandoffBot } from './support.js';

describe('handoff console: knowledge search', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startHandoffBot({ ADVOCATES }, faqKnowledge());
  });
  after(() => bot.close());

  for (const [lang, q] of [['fr', 'renouveler une licence cloud'], ['zh', '续订云许可证'], ['en', 'renew a cloud licence']] as const) {
    it(`${lang}: answers come from the FAQ, in the user's language, as markdown text`, async () => {
      const res = await consoleApi(bot.url, KEYS.li).call('GET', `/knowledge?q=${encodeURIComponent(q)}&lang=${lang}`);
      assert.equal(res.status, 200);
      const results = res.json.results as Array<{ id: string; question: string; answer: string }>;
      assert.ok(results.length > 0 && results.length <= 5);
      const entry = defaultFaqEngine().entry(results[0]!.id)!;
      assert.equal(results[0]!.answer, entry[lang].answer);
      assert.equal(results[0]!.question, entry[lang].title);
    });
  }

  it('says so when no knowledge base is wired in', async () => {
    const bare = await startHandoffBot({ ADVOCATES });
    try {
      assert.equal((await consoleApi(bare.url, KEYS.li).call('GET', '/knowledge?q=x')).status, 501);
      assert.equal((await consoleApi(bare.url, KEYS.li).call('POST', '/session')).json.knowledge, false);
    } finally {
      await bare.close();
    }
  });
});
