/** Child of bench/storageProbes.ts (run with --expose-gc): the heap the FAQ log retains after 150 long questions. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaqLog } from '../../backend/faq/faqLog.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const dataDir = mkdtempSync(join(tmpdir(), 'ra-probe-faqlog-'));
const log = await FaqLog.open(dataDir);
const text = (i: number) => Array.from({ length: 12_000 }, (_, w) => `zq${(i * 31 + w).toString(36)}x`).join(' ').slice(0, 99_000);
await log.recordUnanswered({ text: 'warm up', lang: 'en', outcome: 'none', candidates: [] });
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < 150; i++) await log.recordUnanswered({ text: text(i), lang: 'en', outcome: 'none', candidates: [] });
gc();
const after = process.memoryUsage().heapUsed;
await log.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ retainedMb: Math.round(((after - before) / 1048576) * 10) / 10 })}\n`);
