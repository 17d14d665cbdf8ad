import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startBot, type TestBot } from '../support/botServer.js';
import { localeText } from '../clients/fixtures.js';
import { faqAnswerStart, launch, requireChromium, screenshot, waitForText, type Browser } from './harness.js';

const TRANSCRIPT = '#webchat';
const SEND_BOX = '[data-id="webchat-sendbox-input"]';

async function say(page: Page, text: string): Promise<void> {
  await page.locator(SEND_BOX).fill(text);
  await page.locator(SEND_BOX).press('Enter');
}

/** The page in headless chromium, against the real server and its local Direct Line. */
describe('Web Chat page (headless chromium)', function () {
  this.timeout(60_000);
  let bot: TestBot;
  let browser: Browser;

  before(async function () {
    requireChromium(this);
    bot = await startBot({ LOG_LEVEL: 'warn' });
    browser = await launch({ width: 390, height: 844 });
  });
  after(async () => {
    await browser?.close();
    await bot?.close();
  });

  it('opens with the welcome and the menu, in the language asked for (?lang=fr)', async () => {
    const { page } = browser;
    await page.goto(`${bot.url}/?lang=fr`);
    await waitForText(page, TRANSCRIPT, localeText('fr', 'common:welcome.prompt'));
    await page.getByRole('button', { name: localeText('fr', 'common:menu.quote') }).first().waitFor();
    assert.equal(await page.getAttribute('[data-lang="fr"]', 'aria-pressed'), 'true');
    assert.equal(await page.locator(SEND_BOX).getAttribute('placeholder'), 'Tapez votre message', 'Web Chat UI in French');
  });

  it('answers a French question about payment methods', async () => {
    const { page } = browser;
    await say(page, 'Quels moyens de paiement acceptez-vous ?');
    await waitForText(page, TRANSCRIPT, faqAnswerStart('payment-methods', 'fr'));
    await screenshot(page, 'webchat-fr-phone');
  });

  it('switches to Chinese with the picker (UI and bot) and answers about refunds', async () => {
    const { page } = browser;
    await page.click('[data-lang="zh"]');
    await waitForText(page, TRANSCRIPT, localeText('zh', 'common:language.switched'));
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.textContent('#title'), '经销商助手');
    await say(page, '退款政策是什么？');
    await waitForText(page, TRANSCRIPT, faqAnswerStart('refund-policy', 'zh'));
    await screenshot(page, 'webchat-zh-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(300);
    await screenshot(page, 'webchat-zh-desktop');
  });

  it('files a cloud quote for an existing site by buttons and typing, and shows the QR- reference', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('[data-lang="en"]');
    await waitForText(page, TRANSCRIPT, localeText('en', 'common:language.switched'));
    await driveCloudQuote(page, () => page.getByRole('button', { name: localeText('en', 'common:menu.quote') }).last().click());
    await screenshot(page, 'webchat-quote-filed');
  });
});

/** Answers for a cloud quote on an existing site, by slot (prompts carry channelData.slot). */
export const CLOUD_EXISTING_ANSWERS: Record<string, string> = {
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

/**
 * Drives the quote dialog the way a user does: it watches the bot's activities
 * on the wire (the Direct Line polls) for the slot being asked, clicks a button
 * when one fits, otherwise types the answer, and stops at the QR- reference.
 */
export async function driveCloudQuote(page: Page, start: () => Promise<void>): Promise<string> {
  const asked: Array<{ slot?: string; text?: string; actions: string[] }> = [];
  page.on('response', async (response) => {
    if (!/\/directline\/conversations\/[^/]+\/activities\?/.test(response.url())) return;
    const body = (await response.json().catch(() => ({ activities: [] }))) as {
      activities: Array<{ from?: { role?: string }; type: string; text?: string; channelData?: { slot?: string }; suggestedActions?: { actions: Array<{ title?: string }> } }>;
    };
    for (const a of body.activities) {
      if (a.type === 'message' && a.from?.role !== 'user') asked.push({ slot: a.channelData?.slot, text: a.text, actions: (a.suggestedActions?.actions ?? []).map((x) => x.title ?? '') });
    }
  });
  await start();
  const deadline = Date.now() + 40_000;
  let answered = 0;
  for (;;) {
    const reference = (await page.locator('#webchat').innerText()).match(/QR-\d{8}-\d{4,}/);
    if (reference) return reference[0];
    if (Date.now() > deadline) throw new Error(`no QR- reference; last prompts: ${JSON.stringify(asked.slice(-3))}`);
    const last = asked.at(-1);
    if (last && asked.length > answered) {
      answered = asked.length;
      const want = last.slot ? CLOUD_EXISTING_ANSWERS[last.slot] : undefined;
      // Without a slot the bot asks which kind of quote (or to confirm): prefer "existing", then cloud, then yes/confirm.
      const button = want
        ? last.actions.find((t) => t.toLowerCase().includes(want.toLowerCase()))
        : [/existing/i, /cloud/i, /confirm|yes|submit|send/i].map((re) => last.actions.find((t) => re.test(t))).find(Boolean);
      if (last.slot === 'confirm') await page.getByRole('button', { name: /^(confirm|confirmer|确认)/i }).last().click(); // the summary card's button
      else if (button) await page.getByRole('button', { name: button }).last().click();
      else if (want) await say(page, want);
    }
    await page.waitForTimeout(300);
  }
}
