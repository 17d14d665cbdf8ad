import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHARTS } from '../../backend/insights/charts.js';
import { addDays, dayIn } from '../../backend/insights/days.js';
import { startBot, webchatMessage, type TestBot } from '../support/botServer.js';
import { seedInsights } from './seed.js';
import { ADVOCATE_KEY, INSIGHTS_ENV, pick, staffGet, waitForRecords } from './support.js';

describe('Insights API: /api/insights/summary and one route per chart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-insights-'));
  const now = new Date();
  const today = dayIn(now, 'UTC');
  let bot: TestBot;
  let seeded: Awaited<ReturnType<typeof seedInsights>>;
  before(async () => {
    seeded = await seedInsights(dataDir, { now, days: 14 });
    bot = await startBot(INSIGHTS_ENV, { dataDir });
  });
  after(async () => {
    await bot.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a missing or wrong key (401) and lets the staff key and an advocate key in', async () => {
    assert.equal((await staffGet(bot, '/api/insights/summary', '')).status, 401);
    assert.equal((await staffGet(bot, '/api/insights/summary', 'not-the-key-0123456789')).status, 401);
    assert.equal((await staffGet(bot, '/api/insights/outcomes', '')).status, 401);
    assert.equal((await staffGet(bot, '/api/insights/outcomes.csv', '')).status, 401);
    assert.equal((await staffGet(bot, '/api/insights/summary')).status, 200);
    const res = await fetch(`${bot.url}/api/insights/session`, { method: 'POST', headers: { authorization: `Bearer ${ADVOCATE_KEY}` } });
    assert.deepEqual(await res.json(), { name: 'Camille', role: 'advocate' });
  });

  it('sums the seeded two weeks: every record, ticket and quote request of the range', async () => {
    const { json } = await staffGet(bot, `/api/insights/summary?from=${addDays(today, -13)}&to=${today}`);
    const s = json.summary;
    assert.equal(s.quoteRequests, seeded.quotes);
    assert.equal(s.escalated > 0, true);
    assert.ok(s.questions > 100, `${s.questions} questions`);
    assert.equal(s.answered + s.clarified + s.declined, s.questions);
    assert.ok(s.ratings > 0 && s.csat > 0 && s.csat <= 1);
    assert.ok(s.medianWaitSeconds >= 20 && s.medianWaitSeconds <= 440);
    assert.ok(s.faqConversationsWithQuote > 0 && s.faqConversationsWithQuote <= s.faqConversations);
    // A range before the data is empty, not an error.
    const empty = (await staffGet(bot, '/api/insights/summary?from=2020-01-01&to=2020-01-31')).json.summary;
    assert.deepEqual([empty.questions, empty.quoteRequests, empty.csat], [0, 0, null]);
  });

  it('serves every chart as JSON and its table as CSV (BOM, header, one row per JSON row)', async () => {
    const range = `from=${addDays(today, -13)}&to=${today}&tz=Europe/Paris&lang=fr`;
    for (const chart of CHARTS) {
      const { status, json } = await staffGet(bot, `/api/insights/${chart}?${range}`);
      assert.equal(status, 200, chart);
      assert.ok(json.columns.length >= 2 && json.rows.length > 0, `${chart} has rows`);
      const csv = await staffGet(bot, `/api/insights/${chart}.csv?${range}`);
      assert.equal(csv.status, 200);
      assert.match(csv.type, /^text\/csv/);
      const lines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      assert.equal(lines[0], json.columns.join(','));
      assert.equal(lines.length, json.rows.length + 1, chart);
    }
    const topics = (await staffGet(bot, `/api/insights/top-topics?${range}`)).json;
    assert.deepEqual(topics.columns.slice(0, 3), ['topic', 'title', 'answers']);
    assert.ok(topics.rows.some((row: string[]) => /[éèà]|Licence|licence|Tarif|Paiement|Remise|Commande/.test(row[1]!)), 'titles in French');
    const outcomes = (await staffGet(bot, `/api/insights/outcomes?${range}`)).json;
    assert.equal(outcomes.rows.length, 14, 'one row per day, empty days too');
  });

  it('names what is wrong with a range: bad day, bad zone, from after to, too long, unknown parameter', async () => {
    const bad = async (query: string) => (await staffGet(bot, `/api/insights/summary?${query}`)).json.error;
    assert.deepEqual((await bad('from=2026-13-01')).fields, ['from']);
    assert.deepEqual((await bad('tz=Mars/Olympus')).fields, ['tz']);
    assert.match((await bad('from=2026-03-02&to=2026-03-01')).message, /after/);
    assert.match((await bad('from=2020-01-01&to=2026-01-01')).message, /at most 400 days/);
    assert.deepEqual((await bad('colour=blue')).fields, ['colour']);
  });

  it("today's live traffic shows up: a question asked now is counted on today's row", async () => {
    const before = (await staffGet(bot, `/api/insights/questions?from=${today}&to=${today}`)).json.rows;
    const count = (rows: Array<[string, string, string, number]>) => rows.filter((r) => r[1] === 'zh' && r[2] === 'webchat').reduce((s, r) => s + r[3], 0);
    const question = pick('zh', 'answer').text;
    await bot.send(webchatMessage(`live-${Date.now()}`, question, 'zh-CN'));
    await waitForRecords(bot, (rs) => rs.some((r) => r.kind === 'turn' && r.text === question && r.at.startsWith(today)), 'the live record');
    await new Promise((resolve) => setTimeout(resolve, 2100)); // past the page's 2 s dataset cache
    const after = (await staffGet(bot, `/api/insights/questions?from=${today}&to=${today}`)).json.rows;
    assert.equal(count(after), count(before) + 1);
  });
});

describe('The /insights page', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot(INSIGHTS_ENV)));
  after(() => bot.close());

  it('is served with the console CSP, no inline script or style, Chart.js from node_modules, and its strings in fr/zh/en', async () => {
    const page = await fetch(`${bot.url}/insights`);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await page.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'every script has a src');
    assert.doesNotMatch(html, /\sstyle=|<style/, 'no inline style');
    assert.doesNotMatch(html, /https?:\/\//, 'nothing from another origin');
    const chart = await fetch(`${bot.url}/insights/chart.js`);
    assert.equal(chart.status, 200);
    assert.match(await chart.text(), /Chart\.js v4/);
    for (const lang of ['en', 'fr', 'zh'] as const) {
      const { strings } = (await (await fetch(`${bot.url}/insights/strings.json?lang=${lang}`)).json()) as { strings: Record<string, unknown> };
      assert.ok(typeof strings.title === 'string' && (strings.charts as Record<string, unknown>).quotes, lang);
    }
    assert.notEqual(
      ((await (await fetch(`${bot.url}/insights/strings.json?lang=fr`)).json()) as { strings: { title: string } }).strings.title,
      ((await (await fetch(`${bot.url}/insights/strings.json?lang=en`)).json()) as { strings: { title: string } }).strings.title,
    );
  });
});

describe('Insights API without any key configured', () => {
  let bot: TestBot;
  before(async () => (bot = await startBot()));
  after(() => bot.close());

  it('answers 503 insights_disabled rather than opening to an empty key', async () => {
    const res = await staffGet(bot, '/api/insights/summary', '');
    assert.equal(res.status, 503);
    assert.equal(res.json.error.code, 'insights_disabled');
  });
});
