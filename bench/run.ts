/**
 * `npm run bench` (issue 7): the product bot against a bare echo bot on the same stack, same
 * machine, same run. Builds dist/, starts both as child processes on 127.0.0.1, measures cold
 * start and readiness, drives both with autocannon at 1, 10 and 50 concurrent conversations,
 * then runs the knowledge-base and filing micro-benchmarks. Stdout: markdown tables, then one
 * JSON line (the last line). Progress goes to stderr. Chart and JSON: bench/results/.
 *
 *   npm run bench                 full run (< 3 minutes)
 *   npm run bench -- --profile    CPU profile of our bot under the 50-conversation load
 *   npm run bench -- --quick      2 s per level (smoke test)
 *   npm run bench -- --store postgres --instances 2
 *                                 embedded vs PostgreSQL ×1 vs ×2 behind a balancer, and filing
 *                                 on PostgreSQL (bench/stores.ts; BENCH_DATABASE_URL or DATABASE_URL)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cpuMs, freePort, rssMb, rssSplitMb, sleep, start, waitFor, type Child } from './children.js';
import { latencyChartSvg } from './chart.js';
import { runLevel, type LevelResult } from './load.js';
import { benchPathological, pathologicalMarkdown, PATHOLOGICAL_TARGET_MS } from './pathological.js';
import { faqTurn, isReady, sanityPass, since, warmLanguages, type SanityReport } from './probe.js';
import { summarizeHeap, type HeapSummary } from './heap.js';
import { summarizeProfile, type ProfileSummary } from './profile.js';
import { ratio, round } from './stats.js';
import { faqOnlyScript, loadFaqSamples, quoteOnlyScript, type FaqSample, type Step } from './traffic.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');
const argv = process.argv.slice(2);
const PROFILE = argv.includes('--profile');
const QUICK = argv.includes('--quick');
/** `--no-micro`: skip the knowledge-base, filing and pathological micro-benchmarks (a quicker look at the targets). */
const MICRO = !argv.includes('--no-micro');
/** `--store postgres [--instances N]`: the store comparison of bench/stores.ts instead of the default run. */
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const STORE = flag('--store');
const INSTANCES = Math.max(1, Number(flag('--instances') ?? 2) || 2);
const LEVELS = [1, 10, 50];
const LEVEL_SECONDS = QUICK ? 2 : 6;
const WARMUP_REQUESTS = QUICK ? 200 : 600;
/** `--footprint N`: distinct conversations of the memory run (RSS read every tenth of them). */
const FOOTPRINT_CONVERSATIONS = Math.max(1000, Number(flag('--footprint') ?? (QUICK ? 10_000 : 100_000)) || 100_000);
const FOOTPRINT_STEP = Math.round(FOOTPRINT_CONVERSATIONS / 10);

/** `--profile faq` or `--profile quote`: profile FAQ-only or quote-only conversations instead of the mixed script. */
const PROFILE_TRAFFIC = PROFILE ? argv[argv.indexOf('--profile') + 1] : undefined;
const PROFILE_STEPS: Step[] | undefined = PROFILE_TRAFFIC === 'faq' ? faqOnlyScript() : PROFILE_TRAFFIC === 'quote' ? quoteOnlyScript() : undefined;

/** The profiled load; the summary keeps only this last stretch of the profile (not start-up or warm-up). */
const PROFILE_LOAD_MS = 8000;

/** How long a start may take: on a machine shared with test suites, start-up wall time grows several-fold. */
const START_TIMEOUT_MS = 120_000;

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/**
 * After the warm-up traffic, the bot builds each language's quote models in the background
 * (seconds of CPU in French, while no request is in flight): wait for that before measuring.
 */
async function waitWarm(url: string, child: Child): Promise<void> {
  const t0 = performance.now();
  const all = await waitFor(async () => ((await warmLanguages(url)).length >= 3 ? true : undefined), child, 120_000, 250);
  progress(`quote models ${all ? 'warm' : 'NOT warm after 120 s'} in every language (${since(t0)} ms after the warm-up)`);
}

// ---------------------------------------------------------------- build and start

/** What `npm start` runs first: builds only when a source changed since the last build, and stamps it. */
function build(): void {
  for (let attempt = 1; attempt <= 3; attempt++) {
    progress(`build if stale (attempt ${attempt})`);
    const res = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (res.status === 0) {
      return;
    }
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    if (attempt === 3) throw new Error(`npm run build failed:\n${out}`);
    progress(`build failed (someone may be mid-edit), retrying in 30 s:\n${out}`);
    spawnSync('sleep', ['30']);
  }
}

interface Ours {
  child: Child;
  url: string;
  dataDir: string;
}

const startScript = (): string => (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';

/** The Node flags of `npm start` (e.g. the heap cap), so the bench runs the bot as users do; BENCH_NODE_FLAGS adds some (to compare). */
function startFlags(): string[] {
  const flags = startScript().match(/node ((?:--[\w-]+(?:=\S+)? )+)dist\/bot\/main\.js/)?.[1] ?? '';
  return [...flags.trim().split(/\s+/).filter(Boolean), ...(process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean)];
}

/** The environment `npm start` sets before `node` (`MALLOC_ARENA_MAX=2 node …`): it changes the bot's memory too. */
function startEnv(): Record<string, string> {
  const prefix = startScript().match(/((?:\b[A-Z_][A-Z0-9_]*=\S+\s+)+)node (?:--[\w-]+(?:=\S+)? )*dist\/bot\/main\.js/)?.[1] ?? '';
  return Object.fromEntries(prefix.trim().split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

function startOurs(port: number, dataDir: string, nodeArgs: string[] = [], extraEnv: Record<string, string> = {}): Child {
  return start(process.execPath, [...startFlags(), ...nodeArgs, 'dist/bot/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...startEnv(),
      // Embedded unless the store comparison says otherwise.
      DATABASE_URL: '',
      ...extraEnv,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Real variables win over .env: keep the bench in local, no-auth, no-webhook mode.
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      QUOTE_WEBHOOK_URL: '',
    },
  });
}

function startEcho(port: number): Child {
  return start(process.execPath, ['--import', 'tsx', 'bench/echoBot.ts', String(port)], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } });
}

interface Startup {
  coldStartMs: number | null;
  firstReplyMs: number | null;
  readyMs: number | null;
  /** CPU the process had used when /readyz first said ready: what start-up costs on a machine of its own. */
  readyCpuMs: number | null;
}

/** Spawn → first FAQ question answered from the KB, and spawn → /readyz 200, polled in parallel. */
async function measureStartup(child: Child, t0: number, url: string, probe: FaqSample): Promise<Startup> {
  let firstReplyMs: number | null = null;
  const cold = waitFor(
    async () => {
      const verdict = await faqTurn(url, probe);
      if (verdict && firstReplyMs === null) firstReplyMs = since(t0);
      return verdict === 'answered' ? since(t0) : undefined;
    },
    child,
    START_TIMEOUT_MS,
    20,
  );
  let readyCpuMs: number | null = null;
  const ready = waitFor(
    async () => {
      if (!(await isReady(url))) return undefined;
      readyCpuMs = cpuMs(child.proc.pid);
      return since(t0);
    },
    child,
    START_TIMEOUT_MS,
    10,
  );
  const [coldStartMs, readyMs] = await Promise.all([cold, ready]);
  return { coldStartMs: coldStartMs ?? null, firstReplyMs, readyMs: readyMs ?? null, readyCpuMs };
}

// ---------------------------------------------------------------- the micro-benchmarks owned by others

/** Imports a sibling bench module that may not exist yet (owned by another engineer). */
async function optionalImport(name: string): Promise<Record<string, unknown> | null> {
  const specifier: string = `./${name}.js`;
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(name)) return null;
    throw err;
  }
}

interface KbNumbers {
  kbP50Ms24: number | null;
  kbP99Ms24: number | null;
  kbP50Ms10k: number | null;
  kbP99Ms10k: number | null;
  note?: string;
}

/** Finds p50/p99 at 24 topics and at 10k entries in whatever shape bench/kb.ts returns. */
function pickKb(result: unknown): KbNumbers {
  const r = result as Partial<Record<keyof KbNumbers, unknown>>;
  if (r && typeof r.kbP99Ms24 === 'number' && typeof r.kbP99Ms10k === 'number') {
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return { kbP50Ms24: n(r.kbP50Ms24), kbP99Ms24: n(r.kbP99Ms24), kbP50Ms10k: n(r.kbP50Ms10k), kbP99Ms10k: n(r.kbP99Ms10k) };
  }
  const flat: Array<[string, number]> = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'number') flat.push([path.toLowerCase(), node]);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
  };
  walk(result, '');
  const find = (pct: 'p50' | 'p99', size: 'small' | 'large') =>
    flat.find(([p]) => p.includes(pct) && (size === 'small' ? /24|topics|real|small/.test(p) : /10k|10000|10_000|synthetic|large/.test(p)))?.[1] ?? null;
  return { kbP50Ms24: find('p50', 'small'), kbP99Ms24: find('p99', 'small'), kbP50Ms10k: find('p50', 'large'), kbP99Ms10k: find('p99', 'large') };
}

async function kbBench(): Promise<KbNumbers> {
  const none = { kbP50Ms24: null, kbP99Ms24: null, kbP50Ms10k: null, kbP99Ms10k: null };
  const mod = await optionalImport('kb');
  if (!mod) return { ...none, note: 'bench/kb.ts not present' };
  const fn = (mod.benchKb ?? mod.benchKnowledgeBase ?? mod.default ?? Object.values(mod).find((v) => typeof v === 'function')) as
    | (() => Promise<unknown> | unknown)
    | undefined;
  if (typeof fn !== 'function') return { ...none, note: 'bench/kb.ts exports no function' };
  return pickKb(await fn());
}

interface FilingNumbers {
  filingMs1k: number | null;
  filingMs10k: number | null;
  filingMs100k: number | null;
  filingRatio100kTo1k: number | null;
  note?: string;
}

async function filingBench(): Promise<FilingNumbers> {
  const mod = await optionalImport('filing');
  const fn = mod?.benchFiling as ((sizes: number[]) => Promise<{ msAt1k: number; msAt10k: number; msAt100k: number; ratio100kTo1k: number }>) | undefined;
  if (typeof fn !== 'function') return { filingMs1k: null, filingMs10k: null, filingMs100k: null, filingRatio100kTo1k: null, note: 'bench/filing.ts not present' };
  const r = await fn([1000, 10_000, 100_000]);
  const num = (n: number) => (Number.isFinite(n) ? n : null);
  return { filingMs1k: num(r.msAt1k), filingMs10k: num(r.msAt10k), filingMs100k: num(r.msAt100k), filingRatio100kTo1k: num(r.ratio100kTo1k) };
}

// ---------------------------------------------------------------- report

interface Target {
  name: string;
  value: string;
  met: boolean | null;
}

const fmt = (n: number | null | undefined, digits = 2) => (n == null || !Number.isFinite(n) ? 'n/a' : String(round(n, digits)));
const check = (value: number | null, ok: (v: number) => boolean): boolean | null => (value == null ? null : ok(value));
interface Crash {
  phase: string;
  exit: string;
  cause: string;
}

/** The first error line a crashed child printed (its uncaught exception). */
function crashCause(output: string): string {
  const lines = output.split('\n');
  const i = lines.findIndex((l) => /^\w*Error\b|Error: /.test(l.trim()));
  if (i < 0) return lines.filter(Boolean).slice(-2).join(' ').slice(0, 300);
  const at = lines.slice(i + 1).find((l) => l.trim().startsWith('at '))?.trim() ?? '';
  return `${lines[i]!.trim()} ${at}`.slice(0, 300);
}

const verdict = (met: boolean | null) => (met === null ? 'not measured' : met ? 'met' : 'NOT met');

function levelErrors(r: LevelResult): number {
  return r.errors + r.timeouts + r.non2xx;
}

function markdown(levels: Array<{ ours: LevelResult; echo: LevelResult }>, extra: Record<string, unknown>, targets: Target[], sanity: SanityReport): string {
  const lines: string[] = [];
  lines.push('## Turns over HTTP (expectReplies), reseller-assistant vs bare echo bot');
  lines.push('');
  lines.push('| conversations | bot | req/s | p50 ms | p99 ms | max ms | FAQ p50 ms | FAQ p99 ms | welcome p50 ms | quote p50 ms | errors | non-2xx | timeouts | 2xx w/o reply |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { ours, echo } of levels) {
    for (const [who, r] of [['ours', ours], ['echo', echo]] as const) {
      lines.push(
        `| ${r.connections} | ${who}${r.crashed ? " (crashed)" : ""} | ${r.rps} | ${fmt(r.latency.p50)} | ${fmt(r.latency.p99)} | ${fmt(r.latency.max, 1)} | ${fmt(r.byKind.faq.p50)} | ${fmt(r.byKind.faq.p99)} | ${fmt(r.byKind.welcome.p50)} | ${fmt(r.byKind.quote.p50)} | ${r.errors} | ${r.non2xx} | ${r.timeouts} | ${r.noReply} |`,
      );
    }
    lines.push(
      `| ${ours.connections} | **ours/echo** | **${fmt(ratio(ours.rps, echo.rps))}×** | ${fmt(ratio(ours.latency.p50, echo.latency.p50))}× | ${fmt(ratio(ours.latency.p99, echo.latency.p99))}× | ${fmt(ratio(ours.latency.max, echo.latency.max))}× | **${fmt(ratio(ours.byKind.faq.p50, echo.byKind.faq.p50))}×** | ${fmt(ratio(ours.byKind.faq.p99, echo.byKind.faq.p99))}× | ${fmt(ratio(ours.byKind.welcome.p50, echo.byKind.welcome.p50))}× | ${fmt(ratio(ours.byKind.quote.p50, echo.byKind.quote.p50))}× | | | | |`,
    );
  }
  lines.push('');
  lines.push(`Each connection runs its own conversation (1 welcome, 8 FAQ questions in its language, 1 quote opening, 5 slot answers; a new conversation id when the script wraps); fr/zh/en rotate per conversation; ${LEVEL_SECONDS} s per level after a ${WARMUP_REQUESTS}-request warm-up. Latencies are per turn, timed by the load generator.`);
  const fa = sanity.faqAnswered;
  lines.push(
    `Traffic check (before the load): FAQ example questions answered with their own topic's answer — en ${fa.en.answered}/${fa.en.total}, fr ${fa.fr.answered}/${fa.fr.total}, zh ${fa.zh.answered}/${fa.zh.total}; quote dialog slots asked — en [${sanity.quoteSlotsAsked.en.join(', ')}], fr [${sanity.quoteSlotsAsked.fr.join(', ')}], zh [${sanity.quoteSlotsAsked.zh.join(', ')}].`,
  );
  lines.push('');
  lines.push('## Start-up, memory, knowledge base, filing');
  lines.push('');
  lines.push('| measure | value |');
  lines.push('|---|---:|');
  for (const [k, v] of Object.entries(extra)) lines.push(`| ${k} | ${typeof v === 'number' || v === null ? fmt(v as number | null, 3) : String(v)} |`);
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| target | measured | verdict |');
  lines.push('|---|---:|---|');
  for (const t of targets) lines.push(`| ${t.name} | ${t.value} | ${verdict(t.met)} |`);
  return lines.join('\n');
}

// ---------------------------------------------------------------- CPU per turn, footprint, restart

const CPU_TURNS = QUICK ? 300 : 1500;
const CPU_CONNECTIONS = 10;

/**
 * Server CPU (user + system, every thread, read from /proc) per turn of one kind: FAQ-only or
 * quote-only conversations, `CPU_TURNS` turns at 10 connections. Twice, the lower figure counts:
 * CPU time is what other processes on a shared machine disturb least, but they still do.
 */
async function cpuPerTurn(url: string, child: Child, steps: Step[], faq: FaqSample[], tag: string): Promise<number | null> {
  let best: number | null = null;
  for (let run = 1; run <= 2; run++) {
    const before = cpuMs(child.proc.pid);
    const r = await runLevel({ url, connections: CPU_CONNECTIONS, amount: CPU_TURNS, faq, steps, tag: `${tag}-${run}` });
    await sleep(200); // the write-behind state files of the last turns
    const after = cpuMs(child.proc.pid);
    if (before === null || after === null || r.requests === 0) return null;
    const perTurn = (after - before) / r.requests;
    best = best === null ? perTurn : Math.min(best, perTurn);
  }
  return best;
}

export interface Footprint {
  /** RSS (MB) after every `step` distinct conversations. */
  rssAt: Array<{ conversations: number; rssMb: number | null }>;
  seconds: number;
}

/**
 * Distinct conversations, one FAQ question each (a new conversation and a new user per turn), RSS
 * read after every step: state caches, rate-limit buckets and redelivery ids must stay bounded.
 */
async function footprint(url: string, child: Child, faq: FaqSample[], total: number, step: number): Promise<Footprint> {
  const t0 = performance.now();
  const rssAt: Footprint['rssAt'] = [];
  for (let done = 0; done < total; done += step) {
    await runLevel({ url, connections: 20, amount: step, faq, steps: [{ kind: 'faq' }], tag: `footprint-${done}` });
    rssAt.push({ conversations: done + step, rssMb: rssMb(child.proc.pid) });
    progress(`  ${done + step} conversations: RSS ${rssAt.at(-1)!.rssMb} MB`);
  }
  return { rssAt, seconds: Math.round((performance.now() - t0) / 1000) };
}

/**
 * A restart as an operator does it: `npm start` with the build in place (it must not build) and
 * the DATA_DIR of the run, spawn → /readyz 200.
 */
async function restartMs(port: number, dataDir: string): Promise<number | null> {
  const t0 = performance.now();
  const child = start('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MicrosoftAppId: '', MicrosoftAppPassword: '', QUOTE_WEBHOOK_URL: '' },
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    return (await waitFor(async () => ((await isReady(url)) ? since(t0) : undefined), child, START_TIMEOUT_MS, 10)) ?? null;
  } finally {
    // npm runs the bot as its own child: end the whole group (ours, started detached just above).
    if (child.proc.pid && child.proc.exitCode === null) {
      try {
        process.kill(-child.proc.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    await child.stop(10_000);
  }
}

// ---------------------------------------------------------------- main

async function benchmark(): Promise<void> {
  const faq = loadFaqSamples(3);
  const probe = faq.find((s) => s.id === 'pricing' && s.lang === 'en') ?? faq[0]!;
  build();
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-bench-'));
  const [ourPort, echoPort] = [await freePort(), await freePort()];
  const oursUrl = `http://127.0.0.1:${ourPort}`;
  const echoUrl = `http://127.0.0.1:${echoPort}`;
  let ours: Child | undefined;
  let echo: Child | undefined;
  try {
    /** Our bot died during a phase: note why, start it again (same DATA_DIR) so later levels still run. */
    const crashes: Crash[] = [];
    const oursAlive = () => ours!.proc.exitCode === null && ours!.proc.signalCode === null;
    const survive = async (phase: string) => {
      if (ours!.proc.exitCode === null && ours!.proc.signalCode === null) return;
      const crash = { phase, exit: String(ours!.proc.exitCode ?? ours!.proc.signalCode), cause: crashCause(ours!.output()) };
      crashes.push(crash);
      progress(`OUR BOT CRASHED during ${phase} (exit ${crash.exit}): ${crash.cause} — restarting it`);
      ours = startOurs(ourPort, dataDir);
      if (!(await waitFor(() => isReady(oursUrl), ours, START_TIMEOUT_MS))) throw new Error(`our bot did not restart:\n${ours.output()}`);
      // A restarted process is cold: warm it again (once) so the next level measures a warm bot.
      if (warmed) await runLevel({ url: oursUrl, connections: 10, amount: WARMUP_REQUESTS, faq, tag: `rewarm-${crashes.length}`, alive: oursAlive });
    };
    let warmed = false;

    progress(`starting our bot on ${oursUrl} (DATA_DIR ${dataDir})`);
    const t0 = performance.now();
    ours = startOurs(ourPort, dataDir);
    let startup: Startup;
    try {
      startup = await measureStartup(ours, t0, oursUrl, probe);
    } catch (err) {
      progress(`start-up probe failed: ${(err as Error).message.split('\n')[0]}`);
      startup = { coldStartMs: null, firstReplyMs: null, readyMs: null, readyCpuMs: null };
      await sleep(200);
      await survive('start-up (FAQ probe turns while the language models warm)');
    }
    progress(`cold start ${startup.coldStartMs} ms (first reply ${startup.firstReplyMs} ms), ready ${startup.readyMs} ms`);
    if (!(await waitFor(() => isReady(oursUrl), ours, START_TIMEOUT_MS))) throw new Error(`our bot never became ready:\n${ours.output()}`);

    progress(`starting the echo bot on ${echoUrl}`);
    echo = startEcho(echoPort);
    if (!(await waitFor(() => isReady(echoUrl), echo, 20_000))) throw new Error(`echo bot did not start:\n${echo.output()}`);

    progress('traffic check (every FAQ sample once, one quote conversation per language)');
    let sanity: SanityReport;
    try {
      sanity = await sanityPass(oursUrl, faq);
    } catch (err) {
      progress(`traffic check failed: ${(err as Error).message}`);
      sanity = { faqAnswered: { en: { answered: 0, total: 0 }, fr: { answered: 0, total: 0 }, zh: { answered: 0, total: 0 } }, quoteSlotsAsked: { en: [], fr: [], zh: [] }, non200: 1 };
      await sleep(200);
    }
    await survive('the traffic check');

    progress('warm-up');
    await runLevel({ url: oursUrl, connections: 10, amount: WARMUP_REQUESTS, faq, tag: 'warm-ours', alive: oursAlive });
    warmed = true;
    await survive('the warm-up');
    await waitWarm(oursUrl, ours);
    await runLevel({ url: echoUrl, connections: 10, amount: WARMUP_REQUESTS, faq, tag: 'warm-echo' });

    const levels: Array<{ ours: LevelResult; echo: LevelResult }> = [];
    for (const connections of LEVELS) {
      progress(`level ${connections}: ours`);
      const o = await runLevel({ url: oursUrl, connections, durationS: LEVEL_SECONDS, faq, tag: `ours-${connections}`, alive: oursAlive });
      await sleep(300);
      if (ours.proc.exitCode !== null || ours.proc.signalCode !== null) o.crashed = true;
      await survive(`level ${connections}`);
      progress(`level ${connections}: echo`);
      const e = await runLevel({ url: echoUrl, connections, durationS: LEVEL_SECONDS, faq, tag: `echo-${connections}` });
      await sleep(300);
      levels.push({ ours: o, echo: e });
      progress(`  ours ${o.rps} req/s p50 ${o.latency.p50} ms | echo ${e.rps} req/s p50 ${e.latency.p50} ms`);
    }
    const rss = rssMb(ours.proc.pid);
    const echoRss = rssMb(echo.proc.pid);

    progress(`server CPU per turn: ${CPU_TURNS} FAQ-only and ${CPU_TURNS} quote-only turns, twice each`);
    const cpu = {
      oursFaq: await cpuPerTurn(oursUrl, ours, faqOnlyScript(), faq, 'cpu-faq-ours'),
      echoFaq: await cpuPerTurn(echoUrl, echo, faqOnlyScript(), faq, 'cpu-faq-echo'),
      oursQuote: await cpuPerTurn(oursUrl, ours, quoteOnlyScript(), faq, 'cpu-quote-ours'),
      echoQuote: await cpuPerTurn(echoUrl, echo, quoteOnlyScript(), faq, 'cpu-quote-echo'),
    };
    await survive('the CPU measurement');
    progress(`  FAQ ${fmt(cpu.oursFaq)} ms vs echo ${fmt(cpu.echoFaq)} ms; quote ${fmt(cpu.oursQuote)} ms vs echo ${fmt(cpu.echoQuote)} ms`);
    await echo.stop();

    progress(`footprint: ${FOOTPRINT_CONVERSATIONS} distinct conversations, RSS every ${FOOTPRINT_STEP}`);
    const foot = await footprint(oursUrl, ours, faq, FOOTPRINT_CONVERSATIONS, FOOTPRINT_STEP);
    await survive('the footprint run');
    await ours.stop();

    progress('restart with the build in place (npm start)');
    const restart = await restartMs(ourPort, dataDir);
    progress(`  restart → ready ${restart} ms`);

    progress('knowledge-base micro-benchmark (bench/kb.ts)');
    const kb = MICRO ? await kbBench() : { kbP50Ms24: null, kbP99Ms24: null, kbP50Ms10k: null, kbP99Ms10k: null, note: 'skipped (--no-micro)' };
    progress('filing micro-benchmark (bench/filing.ts)');
    const filing = MICRO ? await filingBench() : { filingMs1k: null, filingMs10k: null, filingMs100k: null, filingRatio100kTo1k: null, note: 'skipped (--no-micro)' };
    progress('pathological texts at the top level and every prompt (bench/pathological.ts)');
    const pathological = MICRO ? await benchPathological() : undefined;

    const at50 = levels.find((l) => l.ours.connections === 50)!;
    const faqP50Ratio = ratio(at50.ours.byKind.faq.p50, at50.echo.byKind.faq.p50);
    const throughputRatio = ratio(at50.ours.rps, at50.echo.rps);
    const errors = levels.reduce((n, l) => n + levelErrors(l.ours) + levelErrors(l.echo), 0) + sanity.non200 + crashes.length;
    const oursErrors = levels.reduce((n, l) => n + levelErrors(l.ours), 0) + sanity.non200 + crashes.length;

    const p50Ratio = ratio(at50.ours.latency.p50, at50.echo.latency.p50);
    const cpuFaqRatio = cpu.oursFaq !== null && cpu.echoFaq ? cpu.oursFaq / cpu.echoFaq : null;
    const cpuQuoteRatio = cpu.oursQuote !== null && cpu.echoQuote ? cpu.oursQuote / cpu.echoQuote : null;
    const rssFirst = foot.rssAt[0]?.rssMb ?? null;
    const rssLast = foot.rssAt.at(-1)?.rssMb ?? null;
    const rssFlat = rssFirst && rssLast !== null ? rssLast / rssFirst : null;
    const footLabel = (n: number | undefined) => (n === undefined ? '?' : n >= 1000 ? `${n / 1000}k` : String(n));
    const targets: Target[] = [
      { name: 'server CPU per FAQ turn ≤ 2× echo', value: `${fmt(cpuFaqRatio)}× (${fmt(cpu.oursFaq)} vs ${fmt(cpu.echoFaq)} ms)`, met: check(cpuFaqRatio, (v) => v <= 2) },
      { name: 'server CPU per quote turn ≤ 3× echo', value: `${fmt(cpuQuoteRatio)}× (${fmt(cpu.oursQuote)} vs ${fmt(cpu.echoQuote)} ms)`, met: check(cpuQuoteRatio, (v) => v <= 3) },
      { name: 'p50 at 50 conversations ≤ 2× echo', value: `${fmt(p50Ratio)}× (FAQ ${fmt(faqP50Ratio)}×)`, met: check(p50Ratio, (v) => v <= 2) },
      { name: 'RSS ≤ 250 MB after the load', value: `${fmt(rss, 1)} MB`, met: check(rss, (v) => v <= 250) },
      {
        name: `RSS flat (±10 %) from ${footLabel(foot.rssAt[0]?.conversations)} to ${footLabel(foot.rssAt.at(-1)?.conversations)} conversations`,
        value: `${fmt(rssFirst, 1)} → ${fmt(rssLast, 1)} MB (${fmt(rssFlat)}×)`,
        met: check(rssFlat, (v) => v >= 0.9 && v <= 1.1),
      },
      { name: '/readyz ≤ 4 s from process start', value: `${fmt(startup.readyMs, 0)} ms (CPU ${fmt(startup.readyCpuMs, 0)} ms)`, met: check(startup.readyMs, (v) => v <= 4000) },
      { name: 'restart (npm start, build in place) ≤ 3 s to ready', value: `${fmt(restart, 0)} ms`, met: check(restart, (v) => v <= 3000) },
      { name: 'cold start < 2 s (spawn → first FAQ answer)', value: `${fmt(startup.coldStartMs, 0)} ms`, met: check(startup.coldStartMs, (v) => v < 2000) },
      { name: 'KB p99 < 1 ms at 24 topics', value: `${fmt(kb.kbP99Ms24, 3)} ms`, met: check(kb.kbP99Ms24, (v) => v < 1) },
      { name: 'KB p99 < 5 ms at 10,000 entries', value: `${fmt(kb.kbP99Ms10k, 3)} ms`, met: check(kb.kbP99Ms10k, (v) => v < 5) },
      { name: 'filing at 100k ≤ 2× filing at 1k', value: `${fmt(filing.filingRatio100kTo1k)}×`, met: check(filing.filingRatio100kTo1k, (v) => v <= 2) },
      {
        name: `slowest pathological turn ≤ ${PATHOLOGICAL_TARGET_MS} ms CPU`,
        value: `${fmt(pathological?.maxCpuMs, 1)} ms (${pathological?.slowest[0]?.text ?? '?'} at ${pathological?.slowest[0]?.place ?? '?'}, ${pathological?.slowest[0]?.lang ?? '?'})`,
        met: check(pathological?.maxCpuMs ?? null, (v) => v <= PATHOLOGICAL_TARGET_MS),
      },
      { name: 'no errors at any level', value: `${errors}${crashes.length ? ` (incl. ${crashes.length} crash${crashes.length > 1 ? 'es' : ''} of our bot)` : ''}`, met: errors === 0 },
    ];
    const extra: Record<string, unknown> = {
      'cold start ms (spawn → first FAQ answer)': startup.coldStartMs,
      'first reply of any kind ms': startup.firstReplyMs,
      'time to ready ms (/readyz 200)': startup.readyMs,
      'CPU ms used by then (user + system)': startup.readyCpuMs,
      'load average (1 min) at the end': Math.round(loadavg()[0]! * 10) / 10,
      [`RSS MB after the load (ours${crashes.length ? ', process started after the last crash' : ''})`]: rss,
      'RSS MB after the load (echo)': echoRss,
      'server CPU ms per FAQ turn, ours / echo': `${fmt(cpu.oursFaq, 3)} / ${fmt(cpu.echoFaq, 3)}`,
      'server CPU ms per quote turn, ours / echo': `${fmt(cpu.oursQuote, 3)} / ${fmt(cpu.echoQuote, 3)}`,
      'throughput at 50, ours / echo': `${fmt(throughputRatio)}×`,
      [`RSS MB every ${FOOTPRINT_STEP} distinct conversations (${foot.seconds} s)`]: foot.rssAt.map((r) => fmt(r.rssMb, 0)).join(' · '),
      'restart ms (npm start with the build in place → /readyz)': restart,
      'KB p50 / p99 ms, 24 topics': `${fmt(kb.kbP50Ms24, 3)} / ${fmt(kb.kbP99Ms24, 3)}`,
      'KB p50 / p99 ms, 10,000 entries': `${fmt(kb.kbP50Ms10k, 3)} / ${fmt(kb.kbP99Ms10k, 3)}`,
      'filing ms at 1k / 10k / 100k stored': `${fmt(filing.filingMs1k, 3)} / ${fmt(filing.filingMs10k, 3)} / ${fmt(filing.filingMs100k, 3)}`,
      'filing ratio 100k / 1k': filing.filingRatio100kTo1k,
      ...(kb.note ? { 'KB note': kb.note } : {}),
      ...(filing.note ? { 'filing note': filing.note } : {}),
      'crashes of our bot (restarted each time)': crashes.length ? crashes.map((c) => `${c.phase}: ${c.cause}`).join(' · ').replace(/\|/g, '/') : 'none',
    };

    mkdirSync(RESULTS, { recursive: true });
    const svg = latencyChartSvg(
      levels.map((l) => ({ connections: l.ours.connections, ours: { p50: l.ours.latency.p50, p99: l.ours.latency.p99 }, echo: { p50: l.echo.latency.p50, p99: l.echo.latency.p99 } })),
      `Turn latency over HTTP: reseller-assistant vs echo bot (${new Date().toISOString().slice(0, 16)}Z)`,
    );
    writeFileSync(join(RESULTS, 'latency.svg'), svg);

    const summary = {
      cpuFaqRatio,
      cpuQuoteRatio,
      cpuFaqMs: cpu.oursFaq,
      cpuQuoteMs: cpu.oursQuote,
      p50Ratio,
      faqP50Ratio,
      throughputRatio,
      rssFlat,
      restartMs: restart,
      kbP99Ms24: kb.kbP99Ms24,
      kbP99Ms10k: kb.kbP99Ms10k,
      coldStartMs: startup.coldStartMs,
      readyMs: startup.readyMs,
      readyCpuMs: startup.readyCpuMs,
      rssMb: rss,
      filingRatio100kTo1k: filing.filingRatio100kTo1k,
      pathologicalMaxCpuMs: pathological?.maxCpuMs ?? null,
      errors,
      oursErrors,
      crashes: crashes.length,
      targetsMet: targets.filter((t) => t.met === true).length,
      targetsTotal: targets.length,
    };
    writeFileSync(
      join(RESULTS, 'results.json'),
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, levelSeconds: LEVEL_SECONDS, summary, crashes, startup, cpu, footprint: foot, restartMs: restart, kb, filing, pathological, rssMb: { ours: rss, echo: echoRss }, sanity, levels, targets }, null, 2)}\n`,
    );
    process.stdout.write(`${markdown(levels, extra, targets, sanity)}\n\n${pathological ? pathologicalMarkdown(pathological) : '(micro-benchmarks skipped: --no-micro)'}\n\nChart: bench/results/latency.svg · details: bench/results/results.json\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await Promise.all([ours?.stop(), echo?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `--profile`: our bot under --cpu-prof, 50 concurrent conversations, then the hot spots. */
async function profile(): Promise<void> {
  const faq = loadFaqSamples(3);
  build();
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-bench-prof-'));
  const profDir = join(RESULTS, 'profile');
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let ours: Child | undefined;
  let heapRss: number | null = null;
  let rssSplit: ReturnType<typeof rssSplitMb> = null;
  let window: { fromUs: number; toUs: number } | undefined;
  try {
    ours = startOurs(port, dataDir, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=200', '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${profDir}`]);
    if (!(await waitFor(() => isReady(url), ours, START_TIMEOUT_MS))) throw new Error(`our bot never became ready:\n${ours.output()}`);
    progress('warm-up');
    await runLevel({ url, connections: 10, amount: WARMUP_REQUESTS, faq, tag: 'prof-warm' });
    await waitWarm(url, ours);
    progress('profiling 50 concurrent conversations for 8 s');
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const r = await runLevel({ url, connections: 50, durationS: PROFILE_LOAD_MS / 1000, faq, tag: 'prof-50', steps: PROFILE_STEPS });
    window = { fromUs, toUs: Number(process.hrtime.bigint() / 1000n) };
    progress(`${r.rps} req/s, p50 ${r.latency.p50} ms`);
    progress('heap snapshot after the load');
    heapRss = rssMb(ours.proc.pid);
    rssSplit = rssSplitMb(ours.proc.pid);
    ours.proc.kill('SIGUSR2');
    // Writing the snapshot blocks the bot's thread: it answers again once the file is complete.
    await sleep(500);
    await waitFor(() => isReady(url), ours, 120_000, 200);
    await ours.stop(20_000);
  } finally {
    await ours?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written (did the bot exit cleanly on SIGTERM?)');
  const s: ProfileSummary = summarizeProfile(join(profDir, file), 25, PROFILE_LOAD_MS, window);
  const out: string[] = [`## CPU profile of our bot, 50 concurrent conversations (last ${s.totalMs} ms: the load only; idle ${s.idlePct}%, GC ${s.gcPct}% of busy)`, ''];
  out.push('| self % of busy | self ms | function | where |', '|---:|---:|---|---|');
  for (const f of s.functions) out.push(`| ${f.selfPct} | ${f.selfMs} | ${f.name} | ${f.where} |`);
  out.push('', '| self % of busy | self ms | file |', '|---:|---:|---|');
  for (const f of s.files.slice(0, 15)) out.push(`| ${f.selfPct} | ${f.selfMs} | ${f.where} |`);
  out.push('', '| self % of busy | self ms | package / area |', '|---:|---:|---|');
  for (const f of s.areas.slice(0, 15)) out.push(`| ${f.selfPct} | ${f.selfMs} | ${f.where} |`);
  out.push('', '| % of busy under it | ms | innermost project function (library time charged to its caller) | where |', '|---:|---:|---|---|');
  for (const f of s.projectCallers.slice(0, 15)) out.push(`| ${f.selfPct} | ${f.selfMs} | ${f.name} | ${f.where} |`);
  const snapshot = readdirSync(profDir).find((f) => f.endsWith('.heapsnapshot'));
  const heap: HeapSummary | undefined = snapshot ? summarizeHeap(join(profDir, snapshot), 25) : undefined;
  if (heap) {
    out.push('', `## Heap after the load, by module (heap ${heap.totalMb} MB of ${fmt(heapRss, 0)} MB RSS; each object once, under the module of its nearest owning dominator)`, '');
    out.push('| MB | % of heap | module |', '|---:|---:|---|');
    for (const m of heap.modules) out.push(`| ${m.mb} | ${m.pct} | ${m.module} |`);
  }
  if (rssSplit) {
    // What the heap snapshot cannot see: the RSS outside V8's objects.
    const outside = heap ? Math.round((rssSplit.anon - heap.totalMb) * 10) / 10 : null;
    out.push('', '## RSS after the load, by kind (/proc status)', '', '| MB | part |', '|---:|---|');
    out.push(`| ${fmt(heapRss, 1)} | RSS |`);
    if (heap) out.push(`| ${heap.totalMb} | JS heap objects (the snapshot above) |`);
    if (outside !== null) out.push(`| ${outside} | other anonymous memory: native allocations (jieba's dictionary, ICU, buffers), V8's free heap pages and young generation, malloc arenas |`);
    else out.push(`| ${rssSplit.anon} | anonymous memory (heap, native allocations) |`);
    out.push(`| ${rssSplit.file} | file-backed: the node binary, .node addons, mapped files |`);
    if (rssSplit.shmem) out.push(`| ${rssSplit.shmem} | shared memory |`);
  }
  writeFileSync(join(RESULTS, 'profile.json'), `${JSON.stringify({ ...s, heap, heapRss, rssSplit }, null, 2)}\n`);
  process.stdout.write(`${out.join('\n')}\n\nProfile: bench/results/profile/${file} (open in Chrome DevTools → Performance)${snapshot ? `; heap snapshot: bench/results/profile/${snapshot} (DevTools → Memory)` : ''}\n`);
  process.stdout.write(
    `${JSON.stringify({ profile: `bench/results/profile/${file}`, idlePct: s.idlePct, gcPct: s.gcPct, top: s.functions.slice(0, 5).map((f) => `${f.name} ${f.where} ${f.selfPct}%`), heapMb: heap?.totalMb ?? null, heapTop: heap?.modules.slice(0, 5).map((m) => `${m.module} ${m.mb} MB`) ?? [] })}\n`,
  );
}

/**
 * `--cpu-only`: the per-turn and start-up figures alone, a few minutes instead of 10–25: start-up
 * (spawn → first answer, → /readyz, CPU by then), server CPU per FAQ and per quote turn against
 * the echo bot, RSS after that traffic, and the restart. No latency levels, footprint or micro-benchmarks.
 */
async function cpuOnly(): Promise<void> {
  const faq = loadFaqSamples(3);
  const probe = faq.find((s) => s.id === 'pricing' && s.lang === 'en') ?? faq[0]!;
  build();
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-bench-cpu-'));
  const [ourPort, echoPort] = [await freePort(), await freePort()];
  const oursUrl = `http://127.0.0.1:${ourPort}`;
  const echoUrl = `http://127.0.0.1:${echoPort}`;
  let ours: Child | undefined;
  let echo: Child | undefined;
  try {
    const t0 = performance.now();
    ours = startOurs(ourPort, dataDir);
    const startup = await measureStartup(ours, t0, oursUrl, probe);
    progress(`cold start ${startup.coldStartMs} ms, ready ${startup.readyMs} ms (CPU ${startup.readyCpuMs} ms)`);
    echo = startEcho(echoPort);
    if (!(await waitFor(() => isReady(echoUrl), echo, 20_000))) throw new Error(`echo bot did not start:\n${echo.output()}`);
    await runLevel({ url: oursUrl, connections: 10, amount: WARMUP_REQUESTS, faq, tag: 'warm-ours' });
    await waitWarm(oursUrl, ours);
    await runLevel({ url: echoUrl, connections: 10, amount: WARMUP_REQUESTS, faq, tag: 'warm-echo' });
    const cpu = {
      oursFaq: await cpuPerTurn(oursUrl, ours, faqOnlyScript(), faq, 'cpu-faq-ours'),
      echoFaq: await cpuPerTurn(echoUrl, echo, faqOnlyScript(), faq, 'cpu-faq-echo'),
      oursQuote: await cpuPerTurn(oursUrl, ours, quoteOnlyScript(), faq, 'cpu-quote-ours'),
      echoQuote: await cpuPerTurn(echoUrl, echo, quoteOnlyScript(), faq, 'cpu-quote-echo'),
    };
    const rss = rssMb(ours.proc.pid);
    const echoRss = rssMb(echo.proc.pid);
    await Promise.all([ours.stop(), echo.stop()]);
    const restart = await restartMs(ourPort, dataDir);
    const cpuFaqRatio = cpu.oursFaq !== null && cpu.echoFaq ? cpu.oursFaq / cpu.echoFaq : null;
    const cpuQuoteRatio = cpu.oursQuote !== null && cpu.echoQuote ? cpu.oursQuote / cpu.echoQuote : null;
    const out = ['## Per-turn CPU and start-up (--cpu-only)', '', '| measure | value |', '|---|---:|'];
    out.push(`| server CPU ms per FAQ turn, ours / echo | ${fmt(cpu.oursFaq, 3)} / ${fmt(cpu.echoFaq, 3)} (${fmt(cpuFaqRatio)}×, target ≤ 2×: ${verdict(check(cpuFaqRatio, (v) => v <= 2))}) |`);
    out.push(`| server CPU ms per quote turn, ours / echo | ${fmt(cpu.oursQuote, 3)} / ${fmt(cpu.echoQuote, 3)} (${fmt(cpuQuoteRatio)}×, target ≤ 3×: ${verdict(check(cpuQuoteRatio, (v) => v <= 3))}) |`);
    out.push(`| RSS MB after that traffic, ours / echo | ${fmt(rss, 1)} / ${fmt(echoRss, 1)} |`);
    out.push(`| cold start ms (spawn → first FAQ answer) | ${fmt(startup.coldStartMs, 0)} |`);
    out.push(`| /readyz ms from spawn (CPU ms by then) | ${fmt(startup.readyMs, 0)} (${fmt(startup.readyCpuMs, 0)}) |`);
    out.push(`| restart ms (npm start, build in place → /readyz) | ${fmt(restart, 0)} |`);
    out.push(`| load average (1 min) | ${Math.round(loadavg()[0]! * 10) / 10} |`);
    process.stdout.write(`${out.join('\n')}\n${JSON.stringify({ cpuFaqRatio, cpuQuoteRatio, cpuFaqMs: cpu.oursFaq, cpuQuoteMs: cpu.oursQuote, echoFaqMs: cpu.echoFaq, echoQuoteMs: cpu.echoQuote, rssMb: rss, echoRssMb: echoRss, readyMs: startup.readyMs, readyCpuMs: startup.readyCpuMs, coldStartMs: startup.coldStartMs, restartMs: restart })}\n`);
  } finally {
    await Promise.all([ours?.stop(), echo?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * `--footprint-only [--footprint N]`: only the memory run over N distinct conversations (100k by
 * default: ~15 min on a shared 2-core machine), so it can run beside the other phases.
 */
async function footprintOnly(): Promise<void> {
  const faq = loadFaqSamples(3);
  build();
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-bench-foot-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let ours: Child | undefined;
  try {
    ours = startOurs(port, dataDir);
    if (!(await waitFor(() => isReady(url), ours, START_TIMEOUT_MS))) throw new Error(`our bot never became ready:\n${ours.output()}`);
    progress(`footprint: ${FOOTPRINT_CONVERSATIONS} distinct conversations, RSS every ${FOOTPRINT_STEP}`);
    const foot = await footprint(url, ours, faq, FOOTPRINT_CONVERSATIONS, FOOTPRINT_STEP);
    const first = foot.rssAt[0]?.rssMb ?? null;
    const last = foot.rssAt.at(-1)?.rssMb ?? null;
    const flat = first && last !== null ? last / first : null;
    const out = ['## RSS over distinct conversations (one FAQ question each, 20 connections)', '', '| conversations | RSS MB |', '|---:|---:|'];
    for (const r of foot.rssAt) out.push(`| ${r.conversations} | ${fmt(r.rssMb, 1)} |`);
    out.push('', `${foot.seconds} s; last / first step ${fmt(flat)}× (target 0.9–1.1×): ${verdict(flat === null ? null : flat >= 0.9 && flat <= 1.1)}`);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'footprint.json'), `${JSON.stringify({ at: new Date().toISOString(), ...foot, flat }, null, 2)}\n`);
    process.stdout.write(`${out.join('\n')}\n${JSON.stringify({ rssFirstMb: first, rssLastMb: last, rssFlat: flat, seconds: foot.seconds })}\n`);
  } finally {
    await ours?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `--store postgres`: embedded vs PostgreSQL, 1 vs N instances, and filing on both. */
async function stores(): Promise<void> {
  if (STORE !== 'postgres') throw new Error(`--store ${STORE}: only "postgres" is compared with the embedded store`);
  build();
  const { storeBenchmark } = await import('./stores.js');
  const { markdown, summary } = await storeBenchmark({
    instances: INSTANCES,
    levels: LEVELS,
    levelSeconds: LEVEL_SECONDS,
    warmupRequests: WARMUP_REQUESTS,
    faq: loadFaqSamples(3),
    startBot: (port, dataDir, env) => startOurs(port, dataDir, [], env),
    progress,
  });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'stores.json'), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, levelSeconds: LEVEL_SECONDS, summary }, null, 2)}\n`);
  process.stdout.write(`${markdown}\n\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

try {
  await (STORE ? stores() : PROFILE ? profile() : argv.includes('--footprint-only') ? footprintOnly() : argv.includes('--cpu-only') ? cpuOnly() : benchmark());
  process.exit(0);
} catch (err) {
  process.stderr.write(`[bench] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
}
