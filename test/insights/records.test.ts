import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InsightRecord, TurnRecord } from '../../backend/insights/insightRecord.js';
import { subjectKey } from '../../backend/privacy/index.js';
import { createI18n } from '../../bot/i18n.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { fixture } from '../clients/fixtures.js';
import { startBot, webchatMessage, type TestBot } from '../support/botServer.js';
import { INSIGHTS_ENV, LOCALE, pick, recordsOnDisk, waitForRecords } from './support.js';

const i18n = createI18n();
const engine = defaultFaqEngine();
let n = 0;
const conv = (name: string) => `ins-${name}-${Date.now()}-${n++}`;
const turnsOf = (records: InsightRecord[], conversationText: (t: TurnRecord) => boolean) =>
  records.filter((r): r is TurnRecord => r.kind === 'turn').filter(conversationText);

describe('Insight records: every turn leaves one', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot(INSIGHTS_ENV)));
  after(() => bot.close());

  for (const lang of LANGS) {
    it(`${lang}: the decision with its scores, the answer, the topic picked after a "did you mean", the vote`, async () => {
      const t = i18n.getFixedT(lang);
      const id = conv(lang);
      const answered = pick(lang, 'answer');
      const clarified = pick(lang, 'clarify');
      const declined = pick(lang, 'none');
      // The decline comes first: right after an answer, a short message is read as its follow-up.
      await bot.send(webchatMessage(id, declined.text, LOCALE[lang]));
      await bot.send(webchatMessage(id, answered.text, LOCALE[lang]));
      await bot.send(webchatMessage(id, t('faq:feedback.down'), LOCALE[lang]));
      await bot.send(webchatMessage(id, clarified.text, LOCALE[lang]));
      const chosen = clarified.decision.candidates[1]!.id;
      await bot.send(webchatMessage(id, engine.entry(chosen)![lang].title, LOCALE[lang]));

      const records = await waitForRecords(bot, (rs) => rs.filter((r) => r.kind === 'turn' && r.lang === lang).length >= 5, `${lang} records`);
      const mine = records.filter((r): r is TurnRecord => r.kind === 'turn' && r.lang === lang);
      const [decline, ask, vote, clarify, tap] = mine.slice(-5) as [TurnRecord, TurnRecord, TurnRecord, TurnRecord, TurnRecord];
      assert.equal(ask.text, answered.text);
      assert.deepEqual({ ...ask.faq, confidence: undefined }, {
        decision: 'answer', answered: (answered.decision as { id: string }).id, via: 'engine', confidence: undefined,
        candidates: answered.decision.candidates.slice(0, 5).map(({ id: c, score }) => ({ id: c, score })),
      });
      assert.deepEqual(vote.vote, { topic: ask.faq!.answered, vote: 'down', answer: ask.id });
      assert.equal(vote.text, undefined, 'a vote is not a question');
      assert.equal(clarify.faq!.decision, 'clarify');
      assert.ok(clarify.faq!.candidates.length >= 2 && clarify.faq!.candidates.every((c) => typeof c.score === 'number'));
      assert.deepEqual(tap.pick, { topic: chosen, clarify: clarify.id });
      assert.deepEqual([tap.faq!.via, tap.faq!.answered], ['title', chosen]);
      assert.equal(decline.faq!.decision, 'none');
      for (const r of [ask, vote, clarify, tap, decline]) {
        assert.deepEqual([r.channel, r.lang, r.conversation], ['webchat', lang, ask.conversation]);
        assert.equal(r.subject, subjectKey({ channelId: 'webchat', userId: `dl_user-${id}` }));
      }
      assert.ok(!JSON.stringify(records).includes(id), 'the conversation id is a pseudonym');
    });
  }

  it('masks emails, SENs and phone numbers, keeps no text of a quote form, and records Teams turns too', async () => {
    const id = conv('mask');
    await bot.send(webchatMessage(id, 'Que couvre la maintenance logicielle ? Je suis jean.dupont@acme.fr, client SEN-12345678', 'fr-FR'));
    // An accented address was stored as "zé[email]"; a phone number was not masked at all.
    await bot.send(webchatMessage(id, 'Qui contacter pour la facturation ? Écrivez à zéphyrine.martin@acme.fr ou au +33 6 12 34 56 78', 'fr-FR'));
    const teams = fixture('msteams', 'personal-message', { id: `t-${n++}`, text: 'How do I renew a Data Center license?', conversation: { conversationType: 'personal', id: `a:${id}` } });
    await bot.send(teams);
    // A quote form: the name typed at a prompt must not be copied into the records.
    const form = conv('form');
    await bot.send(webchatMessage(form, 'I need a quote for a new Jira Cloud site', 'en-US'));
    await bot.send(webchatMessage(form, 'Zéphyrin Quatremarre', 'en-US'));
    const records = await waitForRecords(bot, (rs) => rs.some((r) => r.channel === 'msteams') && rs.filter((r) => r.kind === 'turn' && r.lang === 'en').length >= 2, 'records');
    const all = JSON.stringify(records);
    assert.ok(!all.includes('jean.dupont@acme.fr') && !all.includes('12345678'), 'no email, no SEN');
    assert.ok(!all.includes('zé') && !all.includes('martin') && !all.includes('56 78'), 'no part of the accented email, no phone number');
    assert.ok(all.includes('[email]') && all.includes('[SEN]') && all.includes('[phone]'));
    assert.ok(!all.includes('Quatremarre'), 'nothing typed into a form');
    const teamsTurn = turnsOf(records, (t) => t.channel === 'msteams')[0]!;
    assert.equal(teamsTurn.lang, 'en');
    assert.equal(teamsTurn.subject, subjectKey({ channelId: 'msteams', userId: '29:1a2b3c4d5e6f-alex-wilber' }));
  });

  it('"delete my data" removes the user\'s records from every file, the erasure turn included', async () => {
    const id = conv('erase');
    const user = `dl_user-${id}`;
    await bot.send(webchatMessage(id, 'Quelle est la politique de remboursement pour Xylophone Quatremarre ?', 'fr-FR'));
    await bot.send(webchatMessage(id, 'supprimer mes données', 'fr-FR'));
    const replies = await bot.send(webchatMessage(id, 'oui', 'fr-FR'));
    assert.ok(replies.some((r) => r.text?.includes(i18n.getFixedT('fr')('privacy:done'))));
    assert.ok(replies.some((r) => r.text?.includes(i18n.getFixedT('fr')('privacy:item.records', { n: 2 }))), replies.map((r) => r.text).join('|'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const dir = join(bot.dataDir, 'insights');
    const files = (await Promise.all((await readdir(dir)).map((f) => readFile(join(dir, f), 'utf8')))).join('');
    assert.ok(!files.includes('Quatremarre'));
    assert.ok(!files.includes(subjectKey({ channelId: 'webchat', userId: user })));
    assert.equal((await recordsOnDisk(bot.dataDir)).filter((r) => r.subject === subjectKey({ channelId: 'webchat', userId: user })).length, 0);
  });
});

export type { Lang };
