/**
 * A/B of two builds under the same load (scratch tool for issue 15, not part of `npm run bench`):
 *   npx tsx bench/ab.ts <distA> <distB> [rounds]
 * Starts both bots at once, warms them, then alternates blocks of FAQ-only and quote-only turns
 * between them, so whatever else runs on the machine falls on both alike; server CPU per turn
 * (/proc) summed over the rounds, plus RSS at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMs, freePort, rssMb, start, waitFor, type Child } from './children.js';
import { runLevel } from './load.js';
import { isReady, warmLanguages } from './probe.js';
import { faqOnlyScript, loadFaqSamples, quoteOnlyScript } from './traffic.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [distA = 'dist', distB = 'dist', roundsArg = '4'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const faq = loadFaqSamples(3);
const bots: Array<{ name: string; child: Child; url: string; dir: string; cpu: { faq: number; faqN: number; quote: number; quoteN: number } }> = [];
for (const [i, dist] of [distA, distB].entries()) {
  // AB_FLAGS_B / AB_ENV_B ("K=V K=V"): Node flags and environment for the second bot only, to compare settings on one build.
  const extraFlags = i === 1 ? (process.env.AB_FLAGS_B ?? '').split(' ').filter(Boolean) : [];
  const extraEnv = i === 1 ? Object.fromEntries((process.env.AB_ENV_B ?? '').split(' ').filter(Boolean).map((kv) => kv.split('=') as [string, string])) : {};
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ra-ab-'));
  const child = start(process.execPath, ['--max-old-space-size=384', ...(process.env.AB_FLAGS ?? '').split(' ').filter(Boolean), ...extraFlags, `${dist}/bot/main.js`], {
    cwd: ROOT,
    env: { ...process.env, ...extraEnv, DATABASE_URL: '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'warn', MicrosoftAppId: '', MicrosoftAppPassword: '', QUOTE_WEBHOOK_URL: '' },
  });
  bots.push({ name: dist, child, url: `http://127.0.0.1:${port}`, dir, cpu: { faq: 0, faqN: 0, quote: 0, quoteN: 0 } });
}
try {
  for (const b of bots) if (!(await waitFor(() => isReady(b.url), b.child, 180_000))) throw new Error(`${b.name} not ready`);
  for (const b of bots) await runLevel({ url: b.url, connections: 10, amount: 600, faq, tag: `warm-${b.name}` });
  for (const b of bots) await waitFor(async () => ((await warmLanguages(b.url)).length >= 3 ? true : undefined), b.child, 120_000, 250);
  for (let r = 0; r < rounds; r++) {
    for (const kind of ['faq', 'quote'] as const) {
      for (const b of r % 2 ? [...bots].reverse() : bots) {
        const before = cpuMs(b.child.proc.pid)!;
        const res = await runLevel({ url: b.url, connections: 10, amount: 300, faq, steps: kind === 'faq' ? faqOnlyScript() : quoteOnlyScript(), tag: `${kind}-${b.name}-${r}` });
        await new Promise((ok) => setTimeout(ok, 200));
        b.cpu[kind] += cpuMs(b.child.proc.pid)! - before;
        b.cpu[kind === 'faq' ? 'faqN' : 'quoteN'] += res.requests;
      }
    }
  }
  for (const b of bots) {
    process.stdout.write(`${b.name}${b === bots[1] && (process.env.AB_FLAGS_B || process.env.AB_ENV_B) ? ` [${process.env.AB_FLAGS_B ?? ''} ${process.env.AB_ENV_B ?? ''}]` : ''}: FAQ ${(b.cpu.faq / b.cpu.faqN).toFixed(3)} ms/turn, quote ${(b.cpu.quote / b.cpu.quoteN).toFixed(3)} ms/turn, RSS ${rssMb(b.child.proc.pid)} MB\n`);
  }
} finally {
  for (const b of bots) {
    await b.child.stop();
    rmSync(b.dir, { recursive: true, force: true });
  }
}
process.exit(0);
