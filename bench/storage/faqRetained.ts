/**
 * Child of bench/storageProbes.ts (run with --expose-gc): the heap the whole bot keeps after 150
 * long unanswered questions, measured after a full GC, so what is allocated and freed while
 * answering does not count, only what stays (FAQ log, recent-message memory, state caches).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config.js';
import { createApp } from '../../bot/index.js';
import { createLogger } from '../../bot/log.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const dataDir = mkdtempSync(join(tmpdir(), 'ra-probe-retained-'));
const app = createApp(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), createLogger('silent'));
const port = await app.listen();
const text = (i: number, bytes: number) => Array.from({ length: 15_000 }, (_, w) => `zq${(i * 7919 + w * 104729).toString(36)}x`).join(' ').slice(0, bytes);
const ask = async (conversation: string, question: string) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', locale: 'en-US',
      from: { id: `u-${conversation}` }, conversation: { id: conversation }, recipient: { id: 'bot' }, text: question,
    }),
  });
  await res.arrayBuffer();
};
// The recognizer models are built after listen: wait for them, so they are not counted.
while ((await fetch(`http://127.0.0.1:${port}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 200));
for (let i = 0; i < 20; i++) await ask(`warm-${i}`, text(1000 + i, 2_000));
await new Promise((r) => setTimeout(r, 500));
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 150; i++) await ask(`faq-${i}`, text(i, 99_000));
await new Promise((r) => setTimeout(r, 500));
gc();
const after = process.memoryUsage().heapUsed;
await app.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ retainedMb: Math.round(((after - before) / 1048576) * 10) / 10 })}\n`);
