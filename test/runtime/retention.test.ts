import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createI18n } from '../../bot/i18n.js';
import { recordsOnDisk } from '../insights/support.js';
import { startBot, webchatMessage, type TestBot } from '../support/botServer.js';
import { TEST_DATABASE_URL, usePostgres } from '../support/postgres.js';

const DAY = 86_400_000;

/**
 * The retention sweep, with the clock moved instead of waited for: state untouched for
 * STATE_TTL_DAYS and logs and finished tickets older than RETENTION_DAYS are deleted from disk.
 */
describe('retention: state expiry and RETENTION_DAYS, with an injected clock', function () {
  this.timeout(120_000);
  let clock: Date;
  let bot: TestBot;
  const at = (days: number) => (clock = new Date(Date.parse('2026-04-01T08:00:00Z') + days * DAY));
  const stateFiles = () => readdirSync(join(bot.dataDir, 'state')).filter((f) => f.endsWith('.json')).length;
  const say = (conversation: string, text: string, locale = 'en-US') => bot.send(webchatMessage(conversation, text, locale));

  before(async () => {
    at(0);
    bot = await startBot({}, { now: () => clock });
  });
  after(() => bot.close());

  it('1,000 conversations leave 2,000 state files; after STATE_TTL_DAYS (30) only the ones touched since remain', async () => {
    for (let i = 0; i < 1000; i++) await say(`ttl-${i}`, 'hello');
    await say('daily', 'hello');
    await bot.app.privacy.expire(clock); // nothing is old yet
    assert.equal(stateFiles(), 2002);

    at(20);
    await say('daily', 'thanks'); // read and written again: touched
    at(29);
    await bot.app.privacy.expire(clock);
    assert.equal(stateFiles(), 2002, 'nothing is 30 days old yet');

    at(31);
    await say('fresh', 'bonjour', 'fr-FR');
    const removed = await bot.app.privacy.expire(clock);
    assert.equal(removed.state, 2000);
    assert.equal(stateFiles(), 4, 'the conversation used on day 20 and the new one, each with its user');

    // The swept conversation starts over: greeted as new.
    const again = await say('ttl-1', 'thanks');
    const greeting = createI18n().getFixedT('en')('common:welcome.greeting', { name: '' });
    assert.ok(again.some((r) => r.text === greeting), 'welcomed again');
  });

  it('FAQ log lines and finished handoff tickets go after RETENTION_DAYS (90), with the ticket messages', async () => {
    at(100);
    await say('retention-faq', 'Where can I buy a blue xylophone for my grandmother?');
    const opened = await say('retention-handoff', 'talk to a human');
    assert.ok(opened.length > 0);
    const tickets = readFileSync(join(bot.dataDir, 'handoff', 'tickets.jsonl'), 'utf8').trim().split('\n');
    const ticketId = (JSON.parse(tickets.at(-1)!) as { k: string }).k;
    const transcript = join(bot.dataDir, 'handoff', 'transcripts', `${ticketId}.jsonl`);
    assert.ok(existsSync(transcript));
    const unanswered = () => readFileSync(join(bot.dataDir, 'faq', 'unanswered.jsonl'), 'utf8');
    assert.ok(unanswered().includes('xylophone'));

    at(189);
    await bot.app.privacy.expire(clock);
    assert.ok(unanswered().includes('xylophone'), 'kept for 89 days');
    assert.ok(existsSync(transcript));

    at(191);
    const removed = await bot.app.privacy.expire(clock);
    assert.ok(!unanswered().includes('xylophone'));
    assert.equal(existsSync(transcript), false);
    assert.ok(!readFileSync(join(bot.dataDir, 'handoff', 'tickets.jsonl'), 'utf8').includes(ticketId), 'and compacted out of the journal');
    assert.ok(removed.faq! >= 1 && removed.handoff === 1, JSON.stringify(removed));
  });
});

for (const kind of ['embedded', 'postgres'] as const) describe(`retention of the insight records after RETENTION_DAYS: ${kind}`, function () {
  this.timeout(60_000);
  let clock: Date;
  let bot: TestBot;
  const pg = kind === 'postgres' ? usePostgres() : undefined;
  const at = (days: number) => (clock = new Date(Date.parse('2026-04-01T08:00:00Z') + days * DAY));
  /** The texts of the stored records: the day files, or the table. */
  const stored = async (): Promise<string> =>
    pg ? JSON.stringify((await pg.db.query('SELECT record FROM insight_records')).rows) : JSON.stringify(await recordsOnDisk(bot.dataDir));

  before(async () => {
    at(0);
    bot = await startBot(pg ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: pg.db.schema } : {}, { now: () => clock });
  });
  after(() => bot?.close());

  it("a turn's record is kept 89 days and gone after 91, the newer one kept", async () => {
    await bot.send(webchatMessage('retention-insights-old', 'Where can I buy a blue xylophone for my grandmother?', 'en-US'));
    at(60);
    await bot.send(webchatMessage('retention-insights-new', 'Où acheter un tambour vert pour ma cousine ?', 'fr-FR'));
    await bot.app.insights.flush();
    assert.ok((await stored()).includes('xylophone'));

    at(89);
    await bot.app.privacy.expire(clock);
    assert.ok((await stored()).includes('xylophone'), 'kept for 89 days');

    at(91);
    const removed = await bot.app.privacy.expire(clock);
    assert.ok(!(await stored()).includes('xylophone'));
    assert.ok((await stored()).includes('tambour'), 'the newer record stays');
    assert.equal(removed.insights, 1, JSON.stringify(removed));
  });
});
