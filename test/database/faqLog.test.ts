import assert from 'node:assert/strict';
import { FaqLog, feedbackSchema, MAX_LOGGED_TEXT, unansweredSchema } from '../../backend/faq/faqLog.js';
import { subjectKey } from '../../backend/privacy/index.js';
import { PgRecordLog } from '../../backend/store/pgRecordLog.js';
import { usePostgres } from '../support/postgres.js';

const DAY = 86_400_000;

async function all<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of values) out.push(v);
  return out;
}

describe('FAQ log on PostgreSQL (record_logs)', () => {
  const pg = usePostgres();
  const open = (now?: () => Date) =>
    FaqLog.over(new PgRecordLog(pg.db, 'unanswered', (v) => unansweredSchema.parse(v)), new PgRecordLog(pg.db, 'feedback', (v) => feedbackSchema.parse(v)), now ? { now } : {});
  const alice = { channelId: 'webchat', userId: 'alice' };
  const bob = { channelId: 'msteams', userId: 'alice' };

  it("erases one subject's questions and votes from the table, not another channel's user with the same id", async () => {
    const log = open();
    await log.recordUnanswered({ text: 'je suis Zéphyrin Quatremarre, où est le xylophone ?', lang: 'fr', outcome: 'none', candidates: [], subject: alice });
    await log.recordUnanswered({ text: 'question de bob', lang: 'fr', outcome: 'none', candidates: [{ id: 'pricing', score: 1.5 }], subject: bob });
    await log.recordUnanswered({ text: 'logged before subjects existed', lang: 'en', outcome: 'none', candidates: [] });
    await log.recordFeedback({ entryId: 'pricing', question: 'Zéphyrin asks about prices', lang: 'en', vote: 'down', subject: alice });
    assert.deepEqual(await log.erase(alice), { questions: 1, votes: 1 });
    const rows = JSON.stringify((await pg.db.query('SELECT * FROM record_logs')).rows);
    assert.ok(!rows.includes('Zéphyrin'));
    assert.ok(!rows.includes(subjectKey(alice)));
    assert.deepEqual((await all(log.unanswered.values())).map((u) => u.text), ['question de bob', 'logged before subjects existed']);
    assert.deepEqual(await log.erase(alice), { questions: 0, votes: 0 });
  });

  it('expires records older than the retention and reads long logs page by page, oldest first, texts cut', async () => {
    let clock = new Date('2026-01-01T10:00:00Z');
    const log = open(() => clock);
    await log.recordUnanswered({ text: 'old', lang: 'en', outcome: 'none', candidates: [] });
    await log.recordFeedback({ entryId: 'pricing', question: 'old vote', lang: 'en', vote: 'up' });
    clock = new Date(clock.getTime() + 60 * DAY);
    for (let i = 0; i < 600; i++) await log.unanswered.append({ at: clock.toISOString(), text: `q${i} ${'zqx '.repeat(i === 7 ? 1000 : 1)}`.slice(0, MAX_LOGGED_TEXT), lang: 'zh', outcome: 'none', candidates: [] });
    assert.equal(await log.expire(new Date(clock.getTime() + 31 * DAY), 90), 2);
    const texts = (await all(log.unanswered.values())).map((u) => u.text.split(' ')[0]);
    assert.deepEqual(texts, Array.from({ length: 600 }, (_, i) => `q${i}`));
    assert.deepEqual(await all(log.feedback.values()), []);
  });
});
