import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, dayIn } from '../../backend/insights/days.js';
import { CHARTS } from '../../backend/insights/charts.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import { seedInsights } from '../insights/seed.js';
import { ADVOCATE_KEY, INSIGHTS_ENV } from '../insights/support.js';
import { startBot, textOf, webchatMessage, type TestBot } from '../support/botServer.js';
import { launch, requireChromium, screenshot, type Browser } from './harness.js';

const tid = (id: string): string => `[data-testid="${id}"]`;

/** Every chart drawn by Chart.js on its canvas, with at least one non-empty dataset. */
async function chartsDrawn(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<{ dataset: { chart: string }; querySelector(s: string): unknown }> };
      Chart: { getChart(c: unknown): { data: { datasets: Array<{ data: Array<number | null> }> } } | undefined };
    };
    const out: Record<string, number> = {};
    for (const node of Array.from(g.document.querySelectorAll('.chart'))) {
      const chart = g.Chart.getChart(node.querySelector('canvas'));
      out[node.dataset.chart] = chart ? chart.data.datasets.reduce((n, d) => n + d.data.filter((v) => typeof v === 'number' && v > 0).length, 0) : -1;
    }
    return out;
  });
}

/**
 * The /insights page in headless chromium over a seeded data folder (two weeks of traffic in
 * fr/zh/en on Web Chat and Teams, tickets, quote requests): sign-in, every chart drawn, the CSV
 * of a chart, the page in French, and a cluster of the review queue accepted — after which the
 * bot answers that wording on /api/messages.
 */
describe('Insights page (headless chromium, seeded data folder)', function () {
  this.timeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-e2e-insights-'));
  const now = new Date();
  let bot: TestBot;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  before(async function () {
    requireChromium(this);
    await seedInsights(dataDir, { now, days: 14 });
    bot = await startBot({ ...INSIGHTS_ENV, LOG_LEVEL: 'warn' }, { dataDir });
    browser = await launch({ width: 1400, height: 1000 });
    page = browser.page;
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await bot?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a wrong key, then signs in with an advocate key', async () => {
    await page.goto(`${bot.url}/insights`);
    await page.fill(tid('signin-key'), 'not-a-key-0123456789');
    await page.click(tid('signin-submit'));
    await page.waitForSelector(`${tid('signin-error')}:not([hidden])`);
    await page.fill(tid('signin-key'), ADVOCATE_KEY);
    await page.click(tid('signin-submit'));
    await page.waitForSelector(`${tid('workspace')}:not([hidden])`);
    assert.match((await page.textContent(tid('signed-in-as'))) ?? '', /Camille/);
  });

  it('draws every chart from the seeded folder over the chosen range, and saves the screenshot', async () => {
    const today = dayIn(now, Intl.DateTimeFormat().resolvedOptions().timeZone);
    await page.fill(tid('range-from'), addDays(dayIn(now, 'UTC'), -13));
    await page.fill(tid('range-to'), today);
    await page.click(tid('range-apply'));
    for (const chart of CHARTS) await page.waitForSelector(`.chart[data-chart="${chart}"][data-state="ready"]`, { timeout: 15_000 });
    const drawn = await chartsDrawn(page);
    for (const chart of CHARTS) assert.ok(drawn[chart]! > 0, `${chart} has data points (${drawn[chart]})`);
    assert.match((await page.textContent(tid('summary-questions'))) ?? '', /\d{3}/);
    // Tall enough for the summary and six of the eight charts, for the README.
    await page.setViewportSize({ width: 1400, height: 1560 });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await screenshot(page, 'insights');
    await page.setViewportSize({ width: 1400, height: 1000 });
    assert.deepEqual(violations, []);
  });

  it("downloads a chart's table as CSV", async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`.chart[data-chart="outcomes"] ${tid('csv')}`)]);
    const file = await download.path();
    const csv = readFileSync(file!, 'utf8');
    assert.ok(csv.startsWith('\uFEFFday,questions,answered,clarified,declined'), csv.slice(0, 80));
    assert.equal(csv.trimEnd().split('\r\n').length, 15, 'a header and 14 days');
  });

  it('switches to French: strings and dates in French, charts drawn again', async () => {
    await page.selectOption(tid('language'), 'fr');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('h1')?.textContent === 'Statistiques');
    for (const chart of CHARTS) await page.waitForSelector(`.chart[data-chart="${chart}"][data-state="ready"]`, { timeout: 15_000 });
    assert.match((await page.textContent('.chart[data-chart="outcomes"] h2')) ?? '', /vouliez-vous dire/);
    await page.selectOption(tid('language'), 'en');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('h1')?.textContent === 'Insights');
  });

  it('accepts a cluster of the review queue; the bot then answers that wording on /api/messages', async () => {
    const engine = defaultFaqEngine();
    await page.waitForSelector(tid('cluster'));
    // The cluster users resolved to "pay-invoice" after a "did you mean", across languages.
    const cluster = page.locator(`${tid('cluster')}[data-suggested="pay-invoice"]`).first();
    const questions = await cluster.locator(tid('cluster-question')).evaluateAll((nodes) =>
      nodes.map((n) => {
        const node = n as unknown as { getAttribute(a: string): string | null; querySelector(s: string): { textContent: string | null } | null };
        return { lang: node.getAttribute('data-lang') as 'en' | 'fr' | 'zh', text: node.querySelector('.text')?.textContent ?? '' };
      }),
    );
    const { text: wording, lang } = questions.find((q) => q.lang === 'en') ?? questions[0]!;
    assert.notEqual(engine.decide(wording, lang).kind, 'answer', `"${wording}" is not answered by the shipped knowledge base`);
    const before = await bot.send(webchatMessage(`e2e-before-${Date.now()}`, wording, { fr: 'fr-FR', zh: 'zh-CN', en: 'en-US' }[lang]));
    const answer = engine.entry('pay-invoice')![lang].answer.split('\n')[0]!.slice(0, 30);
    assert.ok(!textOf(before).includes(answer));

    assert.equal(await cluster.locator(tid('cluster-accept')).getAttribute('data-action'), 'accept');
    await cluster.locator(tid('cluster-accept')).click();
    await page.waitForSelector(`${tid('overlay-status')}[data-state="applied"][data-version="1"]`, { timeout: 15_000 });
    await page.waitForSelector(`${tid('overlay-change')}[data-version="1"]`);

    const after = await bot.send(webchatMessage(`e2e-after-${Date.now()}`, wording, { fr: 'fr-FR', zh: 'zh-CN', en: 'en-US' }[lang]));
    assert.ok(textOf(after).includes(answer), textOf(after).slice(0, 200));
    await page.locator(tid('review')).screenshot({ path: join(dataDir, 'review.png') });
  });
});
