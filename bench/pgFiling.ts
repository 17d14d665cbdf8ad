/**
 * Filing on PostgreSQL (issue 13): the time to file one quote request through the real
 * repository (counter, request, history row, one transaction, committed) when the table already
 * holds N requests. Flat is the target: the insert is indexed, nothing is read back whole.
 * Each size gets a fresh schema, filled server-side with generate_series (seconds, not minutes).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Database } from '../backend/db/database.js';
import { migrate } from '../backend/db/migrate.js';
import { openPgQuoteBackend } from '../backend/quotes/pgBackend.js';
import { draft, filingResult, median, type FilingBenchResult } from './filing.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://reseller:reseller@127.0.0.1:5432/reseller_test';

/** N requests on past days (500 a day from 2020-01-01), each with its history row. */
async function preload(db: Database, count: number): Promise<void> {
  const template = { ...draft(0), status: 'submitted' };
  await db.query(
    `WITH rows AS (
       SELECT n, timestamptz '2020-01-01 00:00:00+00' + (n / 500) * interval '1 day' + (n % 500) * interval '1 second' AS at FROM generate_series(0, $1 - 1) AS n
     )
     INSERT INTO quote_requests (id, channel, user_id, conversation_id, idempotency_key, kind, status, created_at, request)
     SELECT 'QR-' || to_char(at AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || lpad(((n % 500) + 1)::text, 4, '0'), 'msteams', 'user-' || n, 'conv-' || n, 'preload-' || n, 'dc-new', 'submitted', at,
            $2::jsonb || jsonb_build_object('id', 'QR-' || to_char(at AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' || lpad(((n % 500) + 1)::text, 4, '0'), 'idempotencyKey', 'preload-' || n,
              'createdAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'), 'updatedAt', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"'),
              'userId', 'user-' || n, 'conversationId', 'conv-' || n)
     FROM rows`,
    [count, JSON.stringify(template)],
  );
  await db.query(`INSERT INTO quote_history (quote_id, idx, entry) SELECT id, 0, jsonb_build_object('status', 'submitted', 'at', request->>'createdAt', 'by', 'bot') FROM quote_requests`);
  await db.query('ANALYZE');
}

async function medianFilingMs(url: string, size: number, creates: number, warmup: number): Promise<number> {
  const db = new Database({ url, schema: `bench_filing_${randomBytes(4).toString('hex')}`, poolSize: 2 });
  try {
    await migrate(db);
    await preload(db, size);
    const backend = await openPgQuoteBackend({ db, autoStart: false });
    for (let i = 0; i < warmup; i++) await backend.repository.create(draft(i), { idempotencyKey: `warmup-${i}` });
    const times: number[] = [];
    for (let i = 0; i < creates; i++) {
      const started = performance.now();
      await backend.repository.create(draft(i), { idempotencyKey: `bench-${i}` });
      times.push(performance.now() - started);
    }
    await backend.close();
    return median(times);
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`).catch(() => undefined);
    await db.close();
  }
}

export async function benchPgFiling(sizes: number[] = [1000, 10_000, 100_000], { url = BENCH_DATABASE_URL, creates = 200, warmup = 50 } = {}): Promise<FilingBenchResult> {
  const bySize: Record<number, number> = {};
  for (const [index, size] of sizes.entries()) bySize[size] = await medianFilingMs(url, size, creates, index === 0 ? warmup * 4 : warmup);
  return filingResult(bySize);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchPgFiling();
  console.log('| stored requests | median ms per filing (PostgreSQL) |\n|---:|---:|');
  for (const [size, ms] of Object.entries(result.bySize)) console.log(`| ${Number(size).toLocaleString('en')} | ${ms.toFixed(3)} |`);
  console.log(JSON.stringify({ msAt1k: result.msAt1k, msAt10k: result.msAt10k, msAt100k: result.msAt100k, ratio100kTo1k: result.ratio100kTo1k }));
}
