import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { FaqDecision, FaqEngine } from './faqEngine.js';
import { isLang, LANGS, type Lang } from './lang.js';

/** One line of an evaluation file: `expect` null means "the bot must decline". */
export interface EvalCase { text: string; lang: Lang; expect: string | null }

export interface EvalFigures { answered1: number; found3: number; wrong: number; oosDeclined: number }
export interface EvalReport extends EvalFigures {
  n: number;
  byLang: Record<Lang, EvalFigures>;
  p50Ms: number;
  p99Ms: number;
  /**
   * p99 of the process CPU time per question: on a shared machine wall time grows with the
   * other processes (a preempted question waits whole milliseconds), CPU time much less.
   */
  p99CpuMs: number;
}
export interface EvalOutcome { case: EvalCase; decision: FaqDecision; ms: number; cpuMs: number }

export function readEvalFile(path: string): EvalCase[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line, i) => {
    const raw = JSON.parse(line) as { text?: unknown; lang?: unknown; expect?: unknown };
    if (typeof raw.text !== 'string' || !isLang(raw.lang) || !(raw.expect === null || typeof raw.expect === 'string')) {
      throw new Error(`${path}:${i + 1}: expected {"text", "lang": "fr"|"zh"|"en", "expect": id|null}`);
    }
    return { text: raw.text, lang: raw.lang, expect: raw.expect };
  });
}

export function runEval(engine: FaqEngine, cases: readonly EvalCase[]): { report: EvalReport; outcomes: EvalOutcome[] } {
  const outcomes = cases.map((c) => {
    // Each question is timed three times and the median kept: the decision is deterministic, and
    // the median drops the odd scheduler preemption on a shared machine without hiding a slow path.
    const runs: number[] = [];
    const cpu: number[] = [];
    let decision: FaqDecision | undefined;
    for (let i = 0; i < 3; i++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      decision = engine.decide(c.text, c.lang);
      runs.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    runs.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    return { case: c, decision: decision!, ms: runs[1]!, cpuMs: cpu[1]! };
  });
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const cpuTimes = outcomes.map((o) => o.cpuMs).sort((a, b) => a - b);
  const byLang = Object.fromEntries(
    LANGS.map((lang) => [lang, figures(outcomes.filter((o) => o.case.lang === lang))]),
  ) as Record<Lang, EvalFigures>;
  return {
    report: { n: cases.length, ...figures(outcomes), byLang, p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), p99CpuMs: quantile(cpuTimes, 0.99) },
    outcomes,
  };
}

/** True when the decision is the expected one (answer for in-scope, not-answer for out-of-scope). */
export function isCorrect(o: EvalOutcome): boolean {
  if (o.case.expect === null) return o.decision.kind !== 'answer';
  return o.decision.kind === 'answer' && o.decision.id === o.case.expect;
}

/**
 * Topic pairs the engine mixes up, most frequent first: the expected topic and the one ranked
 * first instead (whether answered or offered first), counted once per question, either order.
 * Out-of-scope questions that were answered count against the pair (none ↔ topic).
 */
export function confusedPairs(outcomes: readonly EvalOutcome[]): { a: string; b: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const first = o.decision.kind === 'answer' ? o.decision.id : o.decision.candidates[0]?.id;
    const expect = o.case.expect;
    if (expect === null ? o.decision.kind !== 'answer' : !first || first === expect) continue;
    const key = [expect ?? '(none)', first!].sort().join('|');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => {
    const [a, b] = key.split('|');
    return { a: a!, b: b!, count };
  }).sort((x, y) => y.count - x.count || x.a.localeCompare(y.a));
}

function figures(outcomes: EvalOutcome[]): EvalFigures {
  const inScope = outcomes.filter((o) => o.case.expect !== null);
  const oos = outcomes.filter((o) => o.case.expect === null);
  const answered = (o: EvalOutcome): string | undefined => (o.decision.kind === 'answer' ? o.decision.id : undefined);
  const found = (o: EvalOutcome): boolean =>
    answered(o) === o.case.expect ||
    (o.decision.kind === 'clarify' && o.decision.candidates.some((c) => c.id === o.case.expect));
  return {
    answered1: share(inScope.filter((o) => answered(o) === o.case.expect).length, inScope.length),
    found3: share(inScope.filter(found).length, inScope.length),
    wrong: share(inScope.filter((o) => answered(o) !== undefined && answered(o) !== o.case.expect).length, inScope.length),
    oosDeclined: share(oos.filter((o) => o.decision.kind !== 'answer').length, oos.length),
  };
}

function share(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return Math.round(value * 1000) / 1000;
}
