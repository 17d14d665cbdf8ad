import type { Page } from 'playwright-core';
import { createI18n } from '../../bot/i18n.js';
import { fromRoot } from '../../bot/paths.js';
import { startBot, type TestBot } from '../support/botServer.js';
import { localeText } from '../clients/fixtures.js';
import { faqAnswerStart, launch, requireChromium, screenshot, waitForText, type Browser } from './harness.js';
import { startPlayground, type Playground } from './playground.js';
import { startWireRecorder, type WireRecorder } from './supportWire.js';

const i18n = createI18n();

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
  let wire: WireRecorder;
  let playground: Playground;
  let browser: Browser;

  before(async function () {
    requireChromium(this);
    bot = await startBot({ LOG_LEVEL: 'warn' });
    // The Playground talks to the bot through a recording relay, so the driver can read channelData.slot.
    wire = await startWireRecorder(bot.url);
    playground = await startPlayground(wire.url);
    browser = await launch({ width: 1280, height: 800 });
  });
  after(async () => {
    await browser?.close();
    await playground?.close();
    await wire?.close();
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

  it('renders the quote summary card, and its Confirm button files the request (QR- reference)', async () => {
    const { page } = browser;
    // The log panel repeats the bot's texts: hidden, so what is checked below is the conversation.
    await page.click('button[title="Toggle Log Panel"]');
    const reference = await driveCloudQuoteInTeams(page, wire);
    await waitForText(page, 'body', reference);
    await page.waitForTimeout(300);
    // The filed reference, for the run's artifacts only (the README shows the card).
    await page.screenshot({ path: fromRoot('test-artifacts', 'teams-quote-filed.png') });
  });
});

/** A reseller's answers for a cloud quote on an existing site, by slot. */
const ANSWERS: Record<string, string> = {
  resellerName: 'Camille Martin',
  resellerEmail: 'camille.martin@partner.example',
  siteUrl: 'acme-test.atlassian.net',
  authorizedContactName: 'Li Wei',
  authorizedContactEmail: 'li.wei@acme.example',
  product: 'Jira',
  tier: '100',
  edition: 'Standard',
  notes: 'none',
  billingAddress: '1 rue de la Paix, 75002 Paris, France',
};

/** The start of a prompt as the Playground shows it (markdown rendered): up to any markup-looking part. */
const visibleStart = (text: string): string => text.split(/[(<*_`\n]/)[0]!.trim().slice(0, 40);

/**
 * Files a cloud quote in the Playground the way a Teams user does: the menu's
 * kind buttons, typed answers, the edition buttons, the summary card's Confirm.
 * The Playground hides channelData, so which slot is asked is read from the
 * bot's activities on the wire (the relay between the Playground and the bot);
 * each prompt is first awaited on the page, so the user has seen it.
 */
async function driveCloudQuoteInTeams(page: Page, recorder: WireRecorder): Promise<string> {
  const en = i18n.getFixedT('en');
  const from = recorder.sent.length;
  const prompts = () => recorder.sent.slice(from).filter((a) => a.type === 'message' && (a.channelData?.slot || a.suggestedActions?.actions.length || a.attachments?.length));
  await say(page, 'I need a quote');
  const deadline = Date.now() + 60_000;
  let answered = 0;
  let cardShown = false;
  for (;;) {
    const filed = recorder.sent.slice(from).map((a) => a.text ?? '').join('\n').match(/QR-\d{8}-\d{4,}/);
    if (filed) return filed[0];
    const asked = prompts();
    if (Date.now() > deadline) throw new Error(`no QR- reference; last prompts: ${JSON.stringify(asked.slice(-2).map((a) => [a.channelData?.slot, a.text]))}`);
    const last = asked.at(-1);
    if (last && asked.length > answered) {
      answered = asked.length;
      const slot = last.channelData?.slot;
      if (last.text && slot !== 'confirm') await waitForText(page, 'body', visibleStart(last.text));
      if (slot === 'confirm') {
        const card = page.locator('.ac-adaptiveCard').last();
        await card.waitFor();
        await card.scrollIntoViewIfNeeded();
        await waitForText(page, '.ac-adaptiveCard:last-of-type', en('quote:summary.title', { kind: en('quote:kind.cloud-existing') }));
        if (!cardShown) await screenshot(page, 'teams-quote-card');
        cardShown = true;
        await card.getByRole('button', { name: en('quote:summary.confirm') }).click();
      } else if (!slot) {
        // The kind question: its buttons are the quote kinds.
        await page.getByRole('button', { name: en('quote:kind.cloud-existing') }).last().click();
      } else {
        const want = ANSWERS[slot];
        if (want === undefined) throw new Error(`no answer for slot ${slot}: ${last.text}`);
        const button = last.suggestedActions?.actions.map((a) => a.title ?? '').find((t) => t.toLowerCase() === want.toLowerCase());
        if (button) await page.getByRole('button', { name: button, exact: true }).last().click();
        else await say(page, want);
      }
    }
    await page.waitForTimeout(200);
  }
}
