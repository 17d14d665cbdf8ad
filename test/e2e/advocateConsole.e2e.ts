import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createI18n } from '../../bot/i18n.js';
import { fromRoot } from '../../bot/paths.js';
import { startBot, type TestBot } from '../support/botServer.js';
import { localeText } from '../clients/fixtures.js';
import { faqAnswerStart, launch, normalise, requireChromium, screenshot, waitForText, type Browser } from './harness.js';

const ADVOCATE = { name: 'Marie', key: 'marie-e2e-key-0123456789abcdef' };
const t = createI18n().getFixedT('fr');

const CHAT = '#webchat';
const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const tid = (id: string): string => `[data-testid="${id}"]`;
const TRANSCRIPT = tid('transcript');
const INJECTED = '<script>alert(1)</script><b>x</b>';

async function say(page: Page, text: string): Promise<void> {
  await page.locator(SEND_BOX).fill(text);
  await page.locator(SEND_BOX).press('Enter');
}

/** The transcript entries as the console shows them: who, and the text node's content. */
async function entries(desk: Page): Promise<Array<{ from: string | null; text: string }>> {
  return desk.locator(`${TRANSCRIPT} ${tid('transcript-entry')}`).evaluateAll((nodes) =>
    nodes.map((n) => {
      const node = n as unknown as { getAttribute(a: string): string | null; querySelector(s: string): { textContent: string | null } | null };
      return { from: node.getAttribute('data-from'), text: node.querySelector('.text')?.textContent ?? '' };
    }),
  );
}

async function waitForEntry(desk: Page, from: string, text: string): Promise<void> {
  await desk
    .locator(`${TRANSCRIPT} ${tid('transcript-entry')}[data-from="${from}"]`)
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout: 15_000 });
}

/**
 * The advocate console at /advocate in headless chromium, with a French user on
 * the Web Chat page in a second tab of the same browser: what each side sees,
 * from the request to the rating prompt.
 */
describe('Advocate console (headless chromium, user on the Web Chat page)', function () {
  this.timeout(90_000);
  let bot: TestBot;
  let deskBrowser: Browser;
  let userBrowser: Browser;
  let desk: Page;
  let user: Page;
  const dialogs: string[] = [];
  let ticketId = '';

  before(async function () {
    requireChromium(this);
    bot = await startBot({ LOG_LEVEL: 'warn', ADVOCATES: `${ADVOCATE.name}:${ADVOCATE.key}`, HANDOFF_TIMEOUT_MIN: '60', HANDOFF_HOURS: 'always' });
    // Two browsers, not two tabs: a background tab is throttled, which slows every click there.
    [deskBrowser, userBrowser] = await Promise.all([launch({ width: 1280, height: 800 }), launch({ width: 390, height: 844 })]);
    desk = deskBrowser.page;
    user = userBrowser.page;
    for (const page of [desk, user]) {
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
    }
  });
  after(async () => {
    await Promise.all([deskBrowser?.close(), userBrowser?.close()]);
    await bot?.close();
  });

  it('refuses a wrong key with an error, and signs in with the right one (live stream open)', async () => {
    await desk.goto(`${bot.url}/advocate`);
    await desk.fill(tid('signin-key'), 'not-an-advocate-key-000000');
    await desk.click(tid('signin-submit'));
    await desk.locator(tid('signin-error')).waitFor({ state: 'visible' });
    assert.ok((await desk.textContent(tid('signin-error')))!.trim().length > 0, 'the error says why');
    assert.equal(await desk.locator(tid('workspace')).isVisible(), false, 'no workspace without a valid key');

    await desk.fill(tid('signin-key'), ADVOCATE.key);
    await desk.click(tid('signin-submit'));
    await desk.locator(tid('workspace')).waitFor({ state: 'visible' });
    assert.equal(await desk.locator(tid('signin-error')).isVisible(), false);
    assert.equal(await desk.textContent(tid('advocate-name')), ADVOCATE.name);
    await desk.locator(`${tid('connection-status')}[data-state="open"]`).waitFor();
    await desk.locator(tid('queue-empty')).waitFor({ state: 'visible' });
  });

  it('lists the French user’s request (lang fr) and shows the transcript; injected markup stays text', async () => {
    await user.goto(`${bot.url}/?lang=fr`);
    await waitForText(user, CHAT, localeText('fr', 'common:welcome.prompt'));
    await say(user, 'je veux parler à un conseiller');
    await waitForText(user, CHAT, t('handoff:request.searching', { position: 1 }));

    const row = desk.locator(`${tid('ticket-row')}[data-status="waiting"]`);
    await row.waitFor();
    assert.equal(await row.count(), 1);
    ticketId = (await row.getAttribute('data-ticket-id'))!;
    assert.equal(await row.locator(tid('ticket-lang')).textContent(), 'fr');
    assert.equal(await row.locator(tid('ticket-channel')).textContent(), 'webchat');
    assert.equal(await row.locator(tid('ticket-reason')).textContent(), 'request');
    assert.match((await row.locator(tid('ticket-wait')).textContent())!, /^\d+s$/);
    assert.equal(await desk.locator(tid('queue-empty')).isVisible(), false);

    await row.click();
    await desk.locator(tid('ticket-detail')).waitFor({ state: 'visible' });
    await waitForEntry(desk, 'user', 'je veux parler à un conseiller');
    assert.match((await desk.textContent(tid('ticket-title')))!, /^FR · webchat/);
    assert.equal(await desk.locator(tid('accept-button')).isEnabled(), true);
    assert.equal(await desk.locator(tid('composer-input')).isEnabled(), false, 'no writing before accepting');

    // While waiting, what the user types goes to the console (live), and markup in it is only text.
    await say(user, INJECTED);
    await desk.locator(`${TRANSCRIPT} ${tid('transcript-entry')}[data-from="user"]`).filter({ hasText: '<script>' }).waitFor({ timeout: 15_000 });
    const shown = (await entries(desk)).filter((e) => e.from === 'user').map((e) => e.text);
    assert.ok(shown.includes(INJECTED), `the console shows the literal text; got ${JSON.stringify(shown)}`);
    assert.equal(await desk.locator(`${TRANSCRIPT} b`).count(), 0, 'no <b> element was created');
    assert.equal(await desk.locator(`${TRANSCRIPT} script`).count(), 0, 'no <script> element was created');
    assert.deepEqual(dialogs, [], 'no alert fired');
  });

  it('Accept: the user is told in French that the advocate joined', async () => {
    await desk.click(tid('accept-button'));
    await desk.locator(`${tid('ticket-row')}[data-ticket-id="${ticketId}"][data-status="active"]`).waitFor();
    await desk.locator(`${tid('composer-input')}:enabled`).waitFor();
    assert.equal(await desk.locator(tid('accept-button')).isEnabled(), false);
    assert.equal(await desk.locator(tid('detail-notice')).isVisible(), false, 'no delivery problem reported');
    // Within 4 s: Web Chat holds a message that replies to an activity it never saw for 5 s, which
    // every proactive message did before the handoff service stopped setting replyToId.
    await waitForText(user, CHAT, t('handoff:accepted', { name: ADVOCATE.name }), 4_000);
  });

  it('the advocate sends a knowledge-base answer (in French) and the user receives it; the user’s reply shows live', async () => {
    await desk.fill(tid('kb-query'), 'remboursement');
    await desk.click(tid('kb-search'));
    const first = desk.locator(tid('kb-result')).first();
    await first.waitFor();
    const faqId = (await first.getAttribute('data-faq-id'))!;
    assert.equal(faqId, 'refund-policy', 'the refund topic comes first');
    await first.locator(tid('kb-use')).click();
    const drafted = await desk.inputValue(tid('composer-input'));
    assert.ok(normalise(drafted.replace(/[*_`#>]/g, '')).includes(faqAnswerStart(faqId, 'fr')), 'the French answer is in the composer');
    await desk.click(tid('composer-send'));
    await waitForEntry(desk, 'advocate', drafted.split('\n')[0]!.slice(0, 30));
    assert.equal(await desk.inputValue(tid('composer-input')), '', 'the composer is emptied once sent');

    await waitForText(user, CHAT, `${ADVOCATE.name} :`);
    await waitForText(user, CHAT, faqAnswerStart(faqId, 'fr'));

    const reply = 'Merci, et pour un abonnement annuel ?';
    await say(user, reply);
    await waitForEntry(desk, 'user', reply);
    await desk.waitForTimeout(300);
    await screenshot(desk, 'advocate-console');
    // What the user saw, for the run's artifacts only (the README shows the console).
    await user.screenshot({ path: fromRoot('test-artifacts', 'advocate-console-user.png') });
  });

  it('Close: the user hears the bot is back and is asked for a 1–5 rating, which is stored', async () => {
    await desk.click(tid('close-button'));
    await desk.locator(`${tid('close-button')}:disabled`).waitFor();
    await waitForText(user, CHAT, t('handoff:closed', { name: ADVOCATE.name }));
    await waitForText(user, CHAT, t('handoff:rating.ask'));
    await user.getByRole('button', { name: '5', exact: true }).last().click();
    await waitForText(user, CHAT, t('handoff:rating.thanks'));
    // The closed ticket leaves the queue; its detail has the rating.
    await desk.locator(`${tid('ticket-row')}[data-ticket-id="${ticketId}"]`).waitFor({ state: 'detached' });
    const res = await fetch(`${bot.url}/api/handoff/tickets/${ticketId}`, { headers: { authorization: `Bearer ${ADVOCATE.key}` } });
    const { ticket } = (await res.json()) as { ticket: { status: string; rating: number | null } };
    assert.deepEqual({ status: ticket.status, rating: ticket.rating }, { status: 'closed', rating: 5 });
    assert.deepEqual(dialogs, [], 'no dialog fired on either page');
  });
});
