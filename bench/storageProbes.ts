/**
 * `npm run bench:storage` (issue 12): what the stores keep on disk and in memory under the
 * probes of the security review. Each probe runs a real bot (child process, or in process when
 * a clock must be injected) on a fresh DATA_DIR:
 *
 * - handoff: 100 messages of ~99 KB while waiting for an advocate → size of DATA_DIR/handoff,
 *   then a fresh process reopens the handoff store: time and peak RSS;
 * - state: 1,000 new conversations → state files, then again after the retention sweep with a
 *   clock STATE_TTL_DAYS + 1 days ahead;
 * - faq: 150 long unanswered questions → the bot's RSS before and after (allocation while
 *   answering included), and the heap still kept after a full GC: by the FAQ log alone, and by
 *   the whole bot in process (what would grow without bound).
 *
 * Prints a markdown table, then one JSON line (the last line).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, rssMb, sleep, start, waitFor, type Child } from './children.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const progress = (msg: string) => process.stderr.write(`[storage] ${msg}\n`);
const ADVOCATES = 'Probe:probe-key-0123456789abcdef';

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function startBotChild(dataDir: string, env: Record<string, string> = {}): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  // The production build with npm start's flags, as the review ran it.
  const child = start(process.execPath, ['--max-old-space-size=384', 'dist/bot/main.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  const up = await waitFor(async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), child, 60_000, 100);
  if (!up) throw new Error(`bot did not start:\n${child.output()}`);
  return { child, url };
}

let seq = 0;
function message(conversationId: string, text: string, locale = 'en-US') {
  return {
    type: 'message',
    id: `probe-${++seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/directline',
    from: { id: `user-${conversationId}`, name: 'Probe', role: 'user' },
    conversation: { id: conversationId },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    locale,
    text,
    deliveryMode: 'expectReplies',
  };
}

async function send(url: string, activity: unknown): Promise<number> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await res.arrayBuffer();
  return res.status;
}

/** ~99 KB of words no topic knows, separated by spaces. */
function longText(seed: number, bytes = 99_000): string {
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const w = `zq${((seed * 7919 + i * 104729) % 1_000_003).toString(36)}x`;
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ').slice(0, bytes);
}

async function handoffProbe() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-probe-handoff-'));
  const { child, url } = await startBotChild(dataDir, { ADVOCATES, HANDOFF_TIMEOUT_MIN: '600' });
  try {
    const conv = 'probe-handoff';
    await send(url, message(conv, 'talk to a human'));
    const ticketsFile = join(dataDir, 'handoff', 'tickets.jsonl');
    const before = { tickets: statSync(ticketsFile).size, handoff: folderBytes(join(dataDir, 'handoff')) };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 100; i++) {
      const status = await send(url, message(conv, longText(i)));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (i % 20 === 19) progress(`handoff: ${i + 1} messages`);
    }
    await child.stop();
    const after = { tickets: statSync(ticketsFile).size, handoff: folderBytes(join(dataDir, 'handoff')) };
    const reopen = spawnSync(process.execPath, ['--import', 'tsx', 'bench/storage/reopenTickets.ts', dataDir], { cwd: ROOT, encoding: 'utf8' });
    const reopened = JSON.parse(reopen.stdout.trim().split('\n').at(-1) ?? '{}') as { ok: boolean; ms: number; maxRssMb: number; error?: string };
    return { before, after, statuses: Object.fromEntries(statuses), reopened };
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function faqProbe() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-probe-faq-'));
  const { child, url } = await startBotChild(dataDir);
  try {
    // Warm the FAQ engine and the turn path first, so the figure is what the log keeps.
    for (let i = 0; i < 20; i++) await send(url, message(`faq-warm-${i}`, longText(1000 + i, 2_000)));
    await sleep(1000);
    const rssBefore = rssMb(child.proc.pid)!;
    for (let i = 0; i < 150; i++) {
      await send(url, message(`faq-${i}`, longText(i)));
      if (i % 50 === 49) progress(`faq: ${i + 1} questions`);
    }
    await sleep(1000);
    const rssAfter = rssMb(child.proc.pid)!;
    return { rssBefore, rssAfter, growthMb: Math.round((rssAfter - rssBefore) * 10) / 10, faqBytes: folderBytes(join(dataDir, 'faq')) };
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function stateProbe() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-probe-state-'));
  const { child, url } = await startBotChild(dataDir);
  const stateDir = join(dataDir, 'state');
  try {
    for (let i = 0; i < 1000; i++) {
      await send(url, message(`state-${i}`, 'hello'));
      if (i % 250 === 249) progress(`state: ${i + 1} conversations`);
    }
    await child.stop();
    const files = readdirSync(stateDir).length;
    const sweep = spawnSync(process.execPath, ['--import', 'tsx', 'bench/storage/sweepState.ts', dataDir], { cwd: ROOT, encoding: 'utf8' });
    const swept = JSON.parse(sweep.stdout.trim().split('\n').at(-1) ?? '{}') as { supported: boolean; ms?: number };
    return { files, afterSweep: readdirSync(stateDir).length, sweep: swept };
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function build(): void {
  progress('npm run build');
  const res = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`npm run build failed:\n${res.stdout}${res.stderr}`);
}

/** Runs a bench/storage child with --expose-gc and returns its JSON line: heap kept after a full GC. */
function retained(script: string): { retainedMb: number } {
  const res = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/storage/${script}`], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(res.stdout.trim().split('\n').at(-1) ?? '{}') as { retainedMb: number };
}

build();
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (name: string) => only.length === 0 || only.includes(name);
const results: Record<string, unknown> = {};
if (want('handoff')) results.handoff = await handoffProbe();
if (want('state')) results.state = await stateProbe();
if (want('faq')) results.faq = { ...(await faqProbe()), log: retained('faqLogHeap.ts'), bot: retained('faqRetained.ts') };

const h = results.handoff as Awaited<ReturnType<typeof handoffProbe>> | undefined;
const s = results.state as Awaited<ReturnType<typeof stateProbe>> | undefined;
const f = results.faq as (Awaited<ReturnType<typeof faqProbe>> & { log: { retainedMb: number }; bot: { retainedMb: number } }) | undefined;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const lines = ['| probe | figure |', '|---|---|'];
if (h) {
  lines.push(`| handoff: DATA_DIR/handoff before → after 100 × 99 KB messages | ${kb(h.before.handoff)} → ${kb(h.after.handoff)} (tickets.jsonl ${kb(h.after.tickets)}) |`);
  lines.push(`| handoff: reopening the store | ${h.reopened.ok ? `${h.reopened.ms} ms` : `failed: ${h.reopened.error}`}, peak RSS ${h.reopened.maxRssMb} MB |`);
}
if (s) lines.push(`| state: files after 1,000 conversations → after the sweep | ${s.files} → ${s.afterSweep}${s.sweep.supported ? '' : ' (no sweep)'} |`);
if (f) lines.push(`| faq: RSS before → after 150 long unanswered questions | ${f.rssBefore} → ${f.rssAfter} MB (+${f.growthMb} MB; faq/ ${kb(f.faqBytes)}) |`);
if (f) lines.push(`| faq: heap kept after a full GC, FAQ log alone / whole bot, 150 × 99 KB questions | ${f.log.retainedMb} MB / ${f.bot.retainedMb} MB |`);
process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(results)}\n`);
