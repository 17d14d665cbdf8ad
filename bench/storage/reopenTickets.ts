/** Child of bench/storageProbes.ts: opens the handoff store of DATA_DIR and prints time and peak RSS. */
import { performance } from 'node:perf_hooks';
import { TicketStore } from '../../backend/handoff/index.js';

const dataDir = process.argv[2]!;
const started = performance.now();
let result: Record<string, unknown>;
try {
  const store = await TicketStore.open(dataDir);
  const ms = performance.now() - started;
  await store.close();
  result = { ok: true, ms: Math.round(ms) };
} catch (err) {
  result = { ok: false, ms: Math.round(performance.now() - started), error: (err as Error).message.slice(0, 200) };
}
result.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify(result)}\n`);
