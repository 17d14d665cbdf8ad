import assert from 'node:assert/strict';
import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FaqLog, MAX_LOGGED_TEXT, type Unanswered } from '../../backend/faq/faqLog.js';
import { subjectKey } from '../../backend/privacy/index.js';
import { useTempDir } from './tempDir.js';

const DAY = 86_400_000;

async function all<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of values) out.push(v);
  return out;
}

describe('backend/faq FaqLog', () => {
  const tmp = useTempDir();
  const alice = { channelId: 'webchat', userId: 'alice' };
  const bob = { channelId: 'msteams', userId: 'alice' };

  it('cuts long questions: 150 questions of 99 KB take about 150 KB on disk, not 15 MB', async () => {
    const log = await FaqLog.open(tmp.path);
    const long = 'zqx '.repeat(25_000);
    for (let i = 0; i < 150; i++) await log.recordUnanswered({ text: `${i} ${long}`, lang: 'en', outcome: 'none', candidates: [] });
    const rows = await all(log.unanswered.values());
    assert.equal(rows.length, 150);
    assert.ok(rows.every((r) => r.text.length <= MAX_LOGGED_TEXT + 1 && r.text.endsWith('…')));
    const bytes = (await stat(join(tmp.path, 'faq', 'unanswered.jsonl'))).size;
    assert.ok(bytes < 150 * (MAX_LOGGED_TEXT + 300), `${bytes} bytes`);
    await log.close();
  });

  it("erases one subject's questions and votes from the files, not another channel's user with the same id", async () => {
    const log = await FaqLog.open(tmp.path);
    await log.recordUnanswered({ text: 'je suis Zéphyrin Quatremarre, où est le xylophone ?', lang: 'fr', outcome: 'none', candidates: [], subject: alice });
    await log.recordUnanswered({ text: 'question de bob', lang: 'fr', outcome: 'none', candidates: [], subject: bob });
    await log.recordUnanswered({ text: 'logged before subjects existed', lang: 'en', outcome: 'none', candidates: [] });
    await log.recordFeedback({ entryId: 'pricing', question: 'Zéphyrin asks about prices', lang: 'en', vote: 'down', subject: alice });
    assert.deepEqual(await log.erase(alice), { questions: 1, votes: 1 });
    const files = await Promise.all(['unanswered', 'feedback'].map((n) => readFile(join(tmp.path, 'faq', `${n}.jsonl`), 'utf8')));
    assert.ok(!files.join('').includes('Zéphyrin'));
    assert.ok(!files.join('').includes(subjectKey(alice)));
    assert.deepEqual((await all(log.unanswered.values())).map((u) => u.text), ['question de bob', 'logged before subjects existed']);
    assert.deepEqual(await log.erase(alice), { questions: 0, votes: 0 });
    await log.recordUnanswered({ text: 'after the erasure', lang: 'en', outcome: 'none', candidates: [] });
    assert.equal((await all(log.unanswered.values())).length, 3);
    await log.close();
  });

  it('expires lines older than the retention, with an injected clock', async () => {
    let clock = new Date('2026-01-01T10:00:00Z');
    const log = await FaqLog.open(tmp.path, { now: () => clock });
    await log.recordUnanswered({ text: 'old', lang: 'en', outcome: 'none', candidates: [] });
    await log.recordFeedback({ entryId: 'pricing', question: 'old vote', lang: 'en', vote: 'up' });
    clock = new Date(clock.getTime() + 60 * DAY);
    await log.recordUnanswered({ text: 'recent', lang: 'en', outcome: 'none', candidates: [] });
    assert.equal(await log.expire(new Date(clock.getTime() + 31 * DAY), 90), 2);
    assert.deepEqual((await all(log.unanswered.values())).map((u: Unanswered) => u.text), ['recent']);
    assert.deepEqual(await all(log.feedback.values()), []);
    await log.close();
  });

  it('drops a torn last line on open and reads lines written by the former journal', async () => {
    const file = join(tmp.path, 'faq', 'unanswered.jsonl');
    const first = await FaqLog.open(tmp.path);
    await first.close();
    await appendFile(file, '{"k":"a","v":{"at":"2026-01-01T00:00:00.000Z","text":"written by JournalCollection","lang":"en","outcome":"none","candidates":[]}}\n{"k":"b","v":{"at"');
    const log = await FaqLog.open(tmp.path);
    await log.recordUnanswered({ text: 'appended after the repair', lang: 'en', outcome: 'none', candidates: [] });
    assert.deepEqual((await all(log.unanswered.values())).map((u) => u.text), ['written by JournalCollection', 'appended after the repair']);
    await log.close();
  });
});
