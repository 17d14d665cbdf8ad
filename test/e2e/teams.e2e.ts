import type { Page } from 'playwright-core';
import { startBot, type TestBot } from '../support/botServer.js';
import { localeText } from '../clients/fixtures.js';
import { faqAnswerStart, launch, requireChromium, screenshot, waitForText, type Browser } from './harness.js';
import { startPlayground, type Playground } from './playground.js';

const COMPOSE = '[data-lexical-editor="true"]';

async function say(page: Page, text: string): Promise<void> {
  await page.click(COMPOSE);
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
}

/** The bot in Microsoft's Teams emulator, driven in headless chromium. */
describe('Teams (Microsoft 365 Agents Playground, headless chromium)', function () {
  this.timeout(90_000);
  let bot: TestBot;
  let playground: Playground;
  let browser: Browser;

  before(async function () {
    requireChromium(this);
    bot = await startBot({ LOG_LEVEL: 'warn' });
    playground = await startPlayground(bot.url);
    browser = await launch({ width: 1280, height: 800 });
  });
  after(async () => {
    await browser?.close();
    await playground?.close();
    await bot?.close();
  });

  it('shows the welcome when the app is installed', async () => {
    const { page } = browser;
    await page.goto(playground.url);
    await waitForText(page, 'body', localeText('en', 'common:welcome.prompt'), 40_000);
  });

  it('answers a Chinese FAQ question in Chinese', async () => {
    const { page } = browser;
    await say(page, '退款政策是什么？');
    await waitForText(page, 'body', faqAnswerStart('refund-policy', 'zh'));
    await page.waitForTimeout(500);
    await screenshot(page, 'teams-desktop');
  });

  // Pending: written before the quote dialogs landed (96330ff); the Playground shows no channelData.slot,
  // so this needs a driver that reads the Playground's log panel (or its /_debug API) for the slot asked.
  it.skip('renders the quote summary card, and its Confirm button files the request (QR- reference)', async () => {
    const { page } = browser;
    await say(page, 'I need a cloud quote for acme-test.atlassian.net, Jira Standard 100 users');
    const answers: Record<string, string> = {
      resellerName: 'Camille Martin',
      resellerEmail: 'camille.martin@partner.example',
      authorizedContactName: 'Li Wei',
      authorizedContactEmail: 'li.wei@acme.example',
    };
    // The summary card is an Adaptive Card; the Playground renders it with .ac-adaptiveCard.
    for (const value of Object.values(answers)) {
      if (await page.locator('.ac-adaptiveCard').count()) break;
      await say(page, value);
      await page.waitForTimeout(1500);
    }
    await page.locator('.ac-adaptiveCard').last().waitFor();
    await screenshot(page, 'teams-quote-summary');
    await page.locator('.ac-adaptiveCard').last().getByRole('button', { name: /confirm|confirmer|确认/i }).click();
    await waitForText(page, 'body', 'QR-');
  });
});
