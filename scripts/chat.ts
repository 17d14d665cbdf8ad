/**
 * `npm run chat`: talk to the bot in a terminal, in process (default) or against a
 * running server (`npm run chat -- --url http://127.0.0.1:3978`). Buttons are
 * numbered: type the number to press one. `/lang fr|zh|en` sets the client locale,
 * `/quit` leaves.
 */
import { createInterface } from 'node:readline/promises';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../bot/config.js';
import { createApp } from '../bot/index.js';
import { createLogger } from '../bot/log.js';
import { renderReplies, type Choice } from './chatRender.js';

const urlArg = process.argv.indexOf('--url');
let baseUrl = urlArg > 0 ? process.argv[urlArg + 1] : undefined;
let stop: () => Promise<void> = async () => {};
if (!baseUrl) {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const app = createApp(config, createLogger('warn'));
  baseUrl = `http://127.0.0.1:${await app.listen()}`;
  stop = () => app.close();
}

const conversationId = `terminal-${randomUUID()}`;
let locale = process.env.CHAT_LOCALE ?? 'en-US';
let choices: Choice[] = [];

async function post(activity: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/terminal',
      deliveryMode: 'expectReplies',
      conversation: { id: conversationId },
      from: { id: 'terminal-user', name: 'You' },
      recipient: { id: 'bot', name: 'Bot' },
      locale,
      timestamp: new Date().toISOString(),
      ...activity,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { activities?: Array<Record<string, unknown>> };
  const rendered = renderReplies(body.activities ?? []);
  for (const line of rendered.lines) process.stdout.write(`bot> ${line.replace(/\n/g, '\n     ')}\n`);
  choices = rendered.choices;
  choices.forEach((c, i) => process.stdout.write(`     [${i + 1}] ${c.title}\n`));
}

await post({ type: 'conversationUpdate', membersAdded: [{ id: 'terminal-user', name: 'You' }] });
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
rl.setPrompt('you> ');
rl.prompt();
for await (const line of rl) {
  const input = line.trim();
  if (input === '/quit') break;
  if (input.startsWith('/lang ')) {
    locale = input.slice(6).trim();
  } else if (/^\d+$/.test(input) && choices[Number(input) - 1]) {
    const choice = choices[Number(input) - 1]!;
    await post({ type: 'message', text: choice.text ?? choice.title, ...(choice.value ? { value: choice.value } : {}) });
  } else if (input) {
    await post({ type: 'message', text: input });
  }
  rl.prompt();
}
rl.close();
await stop();
process.exit(0);
