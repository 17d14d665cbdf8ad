import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openQuoteBackend, type QuoteRequest, type QuoteRequestDraft } from '../backend/quotes/index.js';

/**
 * Filing micro-benchmark (issue 7): the time to file one quote request through the real
 * repository when the store already holds N requests. An O(1)-per-write store keeps it flat;
 * a store that rewrites everything per write grows with N. Target: ratio100kTo1k ≤ 2.
 */
export interface FilingBenchResult {
  msAt1k: number;
  msAt10k: number;
  msAt100k: number;
  ratio100kTo1k: number;
  /** Median ms per filing for every size measured. */
  bySize: Record<number, number>;
}

export interface FilingBenchOptions {
  /** Filings timed per size (the median is reported). */
  creates?: number;
  /** Untimed filings first, so JIT warm-up does not land on the first size. */
  warmup?: number;
  /** As in production by default: each write fdatasync'ed. */
  fsync?: boolean;
}

export const draft = (i: number): QuoteRequestDraft => ({
  kind: 'dc-new',
  locale: (['en', 'fr', 'zh'] as const)[i % 3]!,
  channel: 'msteams',
  resellerName: 'Paul Girard',
  resellerEmail: 'p.girard@numeriq-services.fr',
  resellerCompany: 'Numeriq Services',
  technicalContactName: 'Julie Roux',
  technicalContactEmail: 'julie.roux@atelier-roux.fr',
  billingAddress: '12 rue des Lilas, 69003 Lyon, France',
  endUserOrganization: 'Atelier Roux SAS',
  items: [
    { product: 'Jira Software', edition: 'Data Center', tier: 2000, maintenanceYears: 1 },
    { product: 'Tempo Timesheets', tier: 2000, maintenanceYears: 1, addOnOf: 'Jira Software' },
  ],
  paymentPreference: 'quote',
  conversationRef: { conversation: { id: `conv-${i}` }, serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' },
  userId: `user-${i}`,
  conversationId: `conv-${i}`,
});

/** Fast path: writes the journal lines directly (what N filings on past days would have left). */
async function preload(dataDir: string, count: number): Promise<void> {
  const file = await open(join(dataDir, 'quotes.jsonl'), 'w');
  const firstDay = Date.UTC(2020, 0, 1);
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(firstDay + Math.floor(i / 500) * 86_400_000 + (i % 500) * 1000).toISOString();
    const id = `QR-${at.slice(0, 10).replaceAll('-', '')}-${String((i % 500) + 1).padStart(4, '0')}`;
    const request: QuoteRequest = {
      ...(draft(i) as QuoteRequest),
      id,
      idempotencyKey: `preload-${i}`,
      status: 'submitted',
      createdAt: at,
      updatedAt: at,
      history: [{ status: 'submitted', at, by: 'bot' }],
    };
    chunk.push(`{"k":${JSON.stringify(id)},"v":${JSON.stringify(request)}}\n`);
    if (chunk.length === 5000) {
      await file.appendFile(chunk.join(''));
      chunk = [];
    }
  }
  await file.appendFile(chunk.join(''));
  await file.close();
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function medianFilingMs(size: number, options: Required<FilingBenchOptions>, warmup: number): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), `bench-filing-${size}-`));
  try {
    await preload(dataDir, size);
    const backend = await openQuoteBackend({ dataDir, fsync: options.fsync, autoStart: false });
    try {
      for (let i = 0; i < warmup; i++) await backend.repository.create(draft(i), { idempotencyKey: `warmup-${i}` });
      const times: number[] = [];
      for (let i = 0; i < options.creates; i++) {
        const started = performance.now();
        await backend.repository.create(draft(i), { idempotencyKey: `bench-${i}` });
        times.push(performance.now() - started);
      }
      return median(times);
    } finally {
      await backend.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchFiling(
  sizes: number[] = [1000, 10_000, 100_000],
  options: FilingBenchOptions = {},
): Promise<FilingBenchResult> {
  const settings = { creates: 200, warmup: 50, fsync: true, ...options };
  const bySize: Record<number, number> = {};
  for (const [index, size] of sizes.entries()) {
    bySize[size] = await medianFilingMs(size, settings, index === 0 ? settings.warmup * 4 : settings.warmup);
  }
  return filingResult(bySize);
}

/** The figures of a filing benchmark from the median per size (shared with bench/pgFiling.ts). */
export function filingResult(bySize: Record<number, number>): FilingBenchResult {
  const round = (ms: number | undefined) => (ms === undefined ? Number.NaN : Math.round(ms * 1000) / 1000);
  const at1k = bySize[1000];
  const at100k = bySize[100_000];
  return {
    msAt1k: round(at1k),
    msAt10k: round(bySize[10_000]),
    msAt100k: round(at100k),
    ratio100kTo1k: at1k && at100k ? Math.round((at100k / at1k) * 100) / 100 : Number.NaN,
    bySize,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchFiling();
  console.log('| stored requests | median ms per filing |\n|---:|---:|');
  for (const [size, ms] of Object.entries(result.bySize)) console.log(`| ${Number(size).toLocaleString('en')} | ${ms.toFixed(3)} |`);
  console.log(JSON.stringify({ msAt1k: result.msAt1k, msAt10k: result.msAt10k, msAt100k: result.msAt100k, ratio100kTo1k: result.ratio100kTo1k }));
}
