import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBot, type TestBot } from '../support/botServer.js';
import { importReadmeSnippet } from '../support/readmeSnippet.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, newConversation, STAFF_KEY } from '../quote-dialogs/support.js';
import { waitFor } from '../handoff/support.js';

type Verify = (secret: string, header: string, rawBody: string, nowSeconds?: number) => boolean;
const SECRET = 'a-webhook-secret-for-tests';

describe('Webhook signatures: timestamped, checked with the README example', function () {
  this.timeout(60_000);
  let bot: TestBot;
  let verify: Verify;
  const deliveries: Array<{ signature: string; body: string; at: number }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ signature: String(req.headers['x-signature-256']), body: Buffer.concat(chunks).toString('utf8'), at: Date.now() / 1000 });
      res.writeHead(204);
      res.end();
    });
  });

  before(async () => {
    ({ verifyQuoteWebhook: verify } = await importReadmeSnippet<{ verifyQuoteWebhook: Verify }>('webhook-verify'));
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/quotes`;
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY, QUOTE_WEBHOOK_URL: url, QUOTE_WEBHOOK_SECRET: SECRET });
    const chat = new Chat(bot, newConversation('webhook'), LOCALES.en);
    const run = await fillByPrompts(chat, await chat.say(OPENINGS['coterm'].en), ANSWERS.en);
    assert.ok(run.ref);
    await waitFor('the webhook delivery', () => deliveries.length > 0, 15_000);
  });
  after(async () => {
    await bot.close();
    await new Promise<void>((ok) => receiver.close(() => ok()));
  });

  it('signs the attempt time and the body: t=<unix>,v1=<hex>', () => {
    const [d] = deliveries;
    assert.match(d!.signature, /^t=\d{10},v1=[0-9a-f]{64}$/);
    assert.ok(Math.abs(Number(/^t=(\d+)/.exec(d!.signature)![1]) - d!.at) < 60);
    assert.equal(verify(SECRET, d!.signature, d!.body), true);
  });

  it('the README check refuses a delivery replayed more than 5 minutes later, or from the future', () => {
    const [d] = deliveries;
    assert.equal(verify(SECRET, d!.signature, d!.body, d!.at + 299), true);
    assert.equal(verify(SECRET, d!.signature, d!.body, d!.at + 301), false);
    assert.equal(verify(SECRET, d!.signature, d!.body, d!.at - 301), false);
  });

  it('the README check refuses a changed body, a changed time, another secret and the old body-only format', () => {
    const [d] = deliveries;
    const t = Number(/^t=(\d+)/.exec(d!.signature)![1]);
    assert.equal(verify(SECRET, d!.signature, d!.body.replace('"coterm"', '"dc-new"')), false);
    assert.equal(verify(SECRET, d!.signature.replace(`t=${t}`, `t=${t + 1}`), d!.body), false);
    assert.equal(verify('another-secret', d!.signature, d!.body), false);
    assert.equal(verify(SECRET, `sha256=${d!.signature.split('v1=')[1]}`, d!.body), false);
    assert.equal(verify(SECRET, '', d!.body), false);
  });
});
