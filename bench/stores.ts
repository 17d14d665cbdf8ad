/**
 * `npm run bench -- --store postgres --instances 2` (issue 13): the bot on its embedded stores,
 * on PostgreSQL as one instance, and on PostgreSQL as N instances behind a round-robin balancer
 * (no stickiness), driven by the same conversations at 1, 10 and 50 connections; then filing
 * time at 1k/10k/100k stored requests on PostgreSQL next to the embedded journal. Every row goes
 * through the same balancer, so the rows differ by their stores and instance count only; all
 * setups run at once and take turns level by level, so outside load affects them alike.
 * Numbers are only comparable within one run: on this 2-core machine, the instances, the
 * database, the balancer and the load generator share the same two cores.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Database } from '../backend/db/database.js';
import { migrate } from '../backend/db/migrate.js';
import { startBalancer } from './balancer.js';
import { freePort, rssMb, sleep, waitFor, type Child } from './children.js';
import { benchFiling } from './filing.js';
import { runLevel, type LevelResult } from './load.js';
import { BENCH_DATABASE_URL, benchPgFiling } from './pgFiling.js';
import { isReady } from './probe.js';
import { round } from './stats.js';
import type { FaqSample } from './traffic.js';

export interface StoreBenchOptions {
  instances: number;
  levels: number[];
  levelSeconds: number;
  warmupRequests: number;
  faq: FaqSample[];
  /** Starts one production bot process with these extra settings. */
  startBot(port: number, dataDir: string, env: Record<string, string>): Child;
  progress(msg: string): void;
}

interface Row {
  label: string;
  store: 'embedded' | 'postgres';
  instances: number;
  levels: LevelResult[];
  rssMb: Array<number | null>;
  /** Requests each instance served at the last level (the balancer's counts). */
  spread: number[];
}

interface Setup {
  row: Row;
  balancerUrl: string;
  counts: number[];
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts a setup's instances (a fresh schema or DATA_DIRs) behind a balancer of its own, and warms them. */
async function startSetup(label: string, store: Row['store'], instances: number, options: StoreBenchOptions): Promise<Setup> {
  let db: Database | undefined;
  const env: Record<string, string> = {};
  if (store === 'postgres') {
    db = new Database({ url: BENCH_DATABASE_URL, schema: `bench_${randomBytes(4).toString('hex')}`, poolSize: 2 });
    await migrate(db);
    Object.assign(env, { DATABASE_URL: BENCH_DATABASE_URL, DATABASE_SCHEMA: db.schema });
  }
  const dirs: string[] = [];
  const bots: Array<{ child: Child; url: string }> = [];
  const stop = async () => {
    await Promise.all(bots.map((b) => b.child.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (db) {
      await db.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`).catch(() => undefined);
      await db.close();
    }
  };
  try {
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), `ra-bench-${store}-`));
      dirs.push(dataDir);
      bots.push({ child: options.startBot(port, dataDir, env), url: `http://127.0.0.1:${port}` });
    }
    // Ready means the language models are warm: on a machine other work keeps busy (load 15+ on
    // two cores) that alone took over a minute, and a bench that gives up measures nothing.
    for (const bot of bots) if (!(await waitFor(() => isReady(bot.url), bot.child, 240_000))) throw new Error(`${label}: a bot never became ready:\n${bot.child.output()}`);
    const balancer = await startBalancer(bots.map((b) => b.url));
    const alive = () => bots.every((b) => b.child.proc.exitCode === null && b.child.proc.signalCode === null);
    options.progress(`${label}: warm-up`);
    await runLevel({ url: balancer.url, connections: 10, amount: options.warmupRequests * instances, faq: options.faq, tag: `warm-${label}`, alive });
    const row: Row = { label, store, instances, levels: [], rssMb: [], spread: [] };
    return {
      row,
      balancerUrl: balancer.url,
      counts: balancer.counts,
      alive,
      stop: async () => {
        row.rssMb = bots.map((b) => rssMb(b.child.proc.pid));
        await balancer.close();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

const fmt = (n: number | null | undefined, digits = 2) => (n == null || !Number.isFinite(n) ? 'n/a' : String(round(n, digits)));

export async function storeBenchmark(options: StoreBenchOptions): Promise<{ markdown: string; summary: Record<string, unknown> }> {
  const setups: Array<[string, Row['store'], number]> = [
    ['embedded ×1', 'embedded', 1],
    ['postgres ×1', 'postgres', 1],
    ...(options.instances > 1 ? ([[`postgres ×${options.instances}`, 'postgres', options.instances]] as Array<[string, Row['store'], number]>) : []),
  ];
  // Every setup runs at once and the levels are interleaved (each level: every setup, back to
  // back), so load from elsewhere on the machine falls on all of them alike.
  const started: Setup[] = [];
  const loadBefore = loadavg()[1]!;
  try {
    for (const [label, store, n] of setups) started.push(await startSetup(label, store, n, options));
    for (const connections of options.levels) {
      for (const setup of started) {
        const { row } = setup;
        const before = [...setup.counts];
        const r = await runLevel({ url: setup.balancerUrl, connections, durationS: options.levelSeconds, faq: options.faq, tag: `${row.label}-${connections}`, alive: setup.alive });
        if (!setup.alive()) r.crashed = true;
        row.spread = setup.counts.map((c, i) => c - before[i]!);
        row.levels.push(r);
        options.progress(`  ${row.label} at ${connections}: ${r.rps} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx + r.timeouts}`);
        await sleep(300);
      }
    }
  } finally {
    for (const setup of started) await setup.stop();
  }
  const rows = started.map((s) => s.row);
  const loadAfter = loadavg()[1]!;

  options.progress('filing micro-benchmark: embedded journal, then PostgreSQL');
  const sizes = [1000, 10_000, 100_000];
  const embeddedFiling = await benchFiling(sizes);
  const pgFiling = await benchPgFiling(sizes);

  const lines: string[] = [];
  lines.push(`## Stores: embedded vs PostgreSQL, 1 vs ${options.instances} instances (round-robin balancer in front of every row)`, '');
  lines.push('| conversations | setup | req/s | p50 ms | p99 ms | max ms | FAQ p50 ms | quote p50 ms | errors | non-2xx | timeouts | requests per instance |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [i, connections] of options.levels.entries()) {
    for (const row of rows) {
      const r = row.levels[i]!;
      lines.push(
        `| ${connections} | ${row.label}${r.crashed ? ' (crashed)' : ''} | ${r.rps} | ${fmt(r.latency.p50)} | ${fmt(r.latency.p99)} | ${fmt(r.latency.max, 1)} | ${fmt(r.byKind.faq.p50)} | ${fmt(r.byKind.quote.p50)} | ${r.errors} | ${r.non2xx} | ${r.timeouts} | ${i === options.levels.length - 1 ? row.spread.join(' / ') : ''} |`,
      );
    }
  }
  lines.push('');
  lines.push(`RSS MB after the load: ${rows.map((r) => `${r.label} ${r.rssMb.map((m) => fmt(m, 0)).join(' + ')}`).join(' · ')}.`);
  lines.push(`Machine load (5-minute load average, ${cpus().length} cores) before / after the levels: ${fmt(loadBefore)} / ${fmt(loadAfter)}: anything above the bench's own share is other work on the machine.`);
  lines.push('');
  lines.push('## Filing one quote request with N already stored (median of 200)', '');
  lines.push('| stored requests | embedded journal ms (fdatasync) | PostgreSQL ms (one committed transaction) |', '|---:|---:|---:|');
  for (const size of sizes) lines.push(`| ${size.toLocaleString('en')} | ${fmt(embeddedFiling.bySize[size], 3)} | ${fmt(pgFiling.bySize[size], 3)} |`);
  lines.push(`| ratio 100k / 1k | ${fmt(embeddedFiling.ratio100kTo1k)}× | ${fmt(pgFiling.ratio100kTo1k)}× |`);

  const at = (label: string, connections: number) => rows.find((r) => r.label === label)?.levels[options.levels.indexOf(connections)];
  const top = options.levels.at(-1)!;
  const summary = {
    store: 'postgres',
    instances: options.instances,
    rpsAtTop: Object.fromEntries(rows.map((r) => [r.label, at(r.label, top)?.rps ?? null])),
    p50AtTop: Object.fromEntries(rows.map((r) => [r.label, at(r.label, top)?.latency.p50 ?? null])),
    p99AtTop: Object.fromEntries(rows.map((r) => [r.label, at(r.label, top)?.latency.p99 ?? null])),
    errors: rows.reduce((n, r) => n + r.levels.reduce((m, l) => m + l.errors + l.non2xx + l.timeouts, 0), 0),
    pgFilingMs: { at1k: pgFiling.msAt1k, at10k: pgFiling.msAt10k, at100k: pgFiling.msAt100k },
    pgFilingRatio100kTo1k: pgFiling.ratio100kTo1k,
    embeddedFilingRatio100kTo1k: embeddedFiling.ratio100kTo1k,
    loadAverage: { before: loadBefore, after: loadAfter },
  };
  return { markdown: lines.join('\n'), summary };
}
