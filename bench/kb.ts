/**
 * Knowledge-base latency benchmark: npx tsx bench/kb.ts
 * Measures FAQ query latency and index build time on the real 24 topics and on a synthetic
 * 10,000-entry knowledge base derived from them. `npm run bench` imports benchKnowledgeBase().
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createFaqEngine, loadFaqEntries, type FaqEngine, type FaqEntry } from '../knowledge/faq.js';
import { LANGS, type Lang } from '../knowledge/lang.js';
import { TextAnalyzer } from '../knowledge/search/analyzer.js';

export interface KnowledgeBaseBench {
  kbP50Ms24: number;
  kbP99Ms24: number;
  kbP50Ms10k: number;
  kbP99Ms10k: number;
  indexBuildMs24: number;
  indexBuildMs10k: number;
  /** One-off cost of the analysers (jieba dictionary, glossary), shared by every index. */
  analyzerInitMs: number;
  /**
   * p99 of process CPU time per query: unlike wall time it does not grow when other processes
   * take the cores (shared CI machines), so it shows the engine's own cost.
   */
  kbP99CpuMs24: number;
  kbP99CpuMs10k: number;
}

type Query = { text: string; lang: Lang };

/** Deterministic pseudo-random numbers, so two runs build the same synthetic base. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 've', 'zu', 'dra', 'kel', 'mon', 'pri', 'sto'];
const HAN = [...'云端站点协议账户服务产品团队项目平台数据系统安全合规集成迁移备份监控报告审计'];

function pseudoWord(next: () => number): string {
  const n = 2 + Math.floor(next() * 2);
  return Array.from({ length: n }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
}

function pseudoHan(next: () => number): string {
  return Array.from({ length: 2 }, () => HAN[Math.floor(next() * HAN.length)]).join('');
}

/**
 * 10,000 entries: each copies a real topic and mixes in its own invented product words, so the
 * vocabulary grows and postings lengthen the way a large catalogue would.
 */
export function syntheticEntries(real: readonly FaqEntry[], count: number, seed = 7): FaqEntry[] {
  const next = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const base = real[i % real.length]!;
    const latin = [pseudoWord(next), pseudoWord(next)];
    const han = [pseudoHan(next), pseudoHan(next)];
    const localize = (lang: Lang) => {
      const extra = lang === 'zh' ? han : latin;
      const questions = base[lang].questions
        .filter(() => next() < 0.5)
        .slice(0, 8)
        .map((q, k) => `${q} ${extra[k % 2]}`);
      while (questions.length < 8) questions.push(`${base[lang].title} ${extra[questions.length % 2]}`);
      return { title: `${base[lang].title} ${extra.join(' ')}`, questions, answer: base[lang].answer };
    };
    // Synthetic ids are not topic ids; the engine only uses them as keys.
    return { ...base, id: `${base.id}-${i}`, en: localize('en'), fr: localize('fr'), zh: localize('zh') } as unknown as FaqEntry;
  });
}

function queriesFrom(entries: readonly FaqEntry[], count: number): Query[] {
  const next = rng(11);
  return Array.from({ length: count }, () => {
    const entry = entries[Math.floor(next() * entries.length)]!;
    const lang = LANGS[Math.floor(next() * LANGS.length)]!;
    const questions = entry[lang].questions;
    return { text: questions[Math.floor(next() * questions.length)]!, lang };
  });
}

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

function latencies(engine: FaqEngine, queries: readonly Query[]): { p50: number; p99: number; p99Cpu: number } {
  for (const q of queries) engine.decide(q.text, q.lang); // one untimed pass warms caches and JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of queries) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    engine.decide(q.text, q.lang);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { p50: percentile(wall, 0.5), p99: percentile(wall, 0.99), p99Cpu: percentile(cpu, 0.99) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

export async function benchKnowledgeBase(options: { syntheticCount?: number; queries?: number } = {}): Promise<KnowledgeBaseBench> {
  const { syntheticCount = 10_000, queries = 2000 } = options;
  const init = time(() => new TextAnalyzer());
  const analyzer = init.value;
  const real = loadFaqEntries();
  createFaqEngine(real, { analyzer }); // first build warms the stemmer caches and JIT
  const small = time(() => createFaqEngine(real, { analyzer }));
  const smallLatency = latencies(small.value, queriesFrom(real, queries));
  const synthetic = syntheticEntries(real, syntheticCount);
  const large = time(() => createFaqEngine(synthetic, { analyzer }));
  const largeLatency = latencies(large.value, queriesFrom(synthetic, queries));
  return {
    kbP50Ms24: smallLatency.p50,
    kbP99Ms24: smallLatency.p99,
    kbP50Ms10k: largeLatency.p50,
    kbP99Ms10k: largeLatency.p99,
    indexBuildMs24: round(small.ms),
    indexBuildMs10k: round(large.ms),
    analyzerInitMs: round(init.ms),
    kbP99CpuMs24: smallLatency.p99Cpu,
    kbP99CpuMs10k: largeLatency.p99Cpu,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchKnowledgeBase();
  const rows: string[][] = [
    ['knowledge base', 'p50 ms', 'p99 ms', 'p99 cpu ms', 'index build ms'],
    ['24 topics', r.kbP50Ms24, r.kbP99Ms24, r.kbP99CpuMs24, r.indexBuildMs24].map(String),
    ['10,000 entries', r.kbP50Ms10k, r.kbP99Ms10k, r.kbP99CpuMs10k, r.indexBuildMs10k].map(String),
  ];
  for (const [name, ...cells] of rows) process.stdout.write(`${name!.padEnd(16)}${cells.map((c) => c.padStart(16)).join('')}\n`);
  process.stdout.write(`analysers (jieba + glossary) initialised once in ${r.analyzerInitMs} ms\n`);
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
