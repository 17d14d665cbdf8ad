/**
 * Threshold calibration: npx tsx knowledge/faqCalibrate.ts <dev.jsonl> [check.jsonl]
 * Ranks every line once per tuning, then sweeps the decision thresholds offline and prints the best
 * settings by "worst language answered1, minus 2 × wrong", with oosDeclined ≥ 0.95 and found3 ≥ 0.97.
 * The numbers chosen are copied by hand into DEFAULT_THRESHOLDS / DEFAULT_TUNING (faqDecision.ts).
 */
import { decideFromRanking, type FaqThresholds, type Ranking, type RankTuning } from './faqDecision.js';
import { createFaqEngine } from './faqEngine.js';
import { readEvalFile, type EvalCase } from './faqEval.js';
import { loadFaqEntries } from './faqLoader.js';
import { LANGS } from './lang.js';
import { TextAnalyzer } from './search/analyzer.js';

interface Scored { objective: number; tuning: RankTuning; thresholds: FaqThresholds; summary: string }

function measure(cases: EvalCase[], rankings: Ranking[], t: FaqThresholds) {
  let inScope = 0, right = 0, wrong = 0, found = 0, oos = 0, declined = 0;
  const perLang = Object.fromEntries(LANGS.map((l) => [l, { n: 0, right: 0 }]));
  cases.forEach((c, i) => {
    const d = decideFromRanking(rankings[i]!, t);
    if (c.expect === null) { oos++; if (d.kind !== 'answer') declined++; return; }
    inScope++; perLang[c.lang]!.n++;
    if (d.kind === 'answer' && d.id === c.expect) { right++; found++; perLang[c.lang]!.right++; }
    else if (d.kind === 'answer') wrong++;
    else if (d.kind === 'clarify' && d.candidates.some((x) => x.id === c.expect)) found++;
  });
  const minLang = Math.min(...LANGS.map((l) => perLang[l]!.right / Math.max(1, perLang[l]!.n)));
  return { a1: right / inScope, minLang, wrong: wrong / inScope, found3: found / inScope, oos: declined / Math.max(1, oos) };
}

const [devPath, checkPath] = process.argv.slice(2);
if (!devPath) throw new Error('usage: tsx knowledge/faqCalibrate.ts <dev.jsonl> [check.jsonl]');
const dev = readEvalFile(devPath);
const check = checkPath ? readEvalFile(checkPath) : [];
const entries = loadFaqEntries();
const analyzer = new TextAnalyzer();
const results: Scored[] = [];

for (const nearest of [0.5, 0.6, 0.7]) for (const coverage of [0.15, 0.25, 0.35]) for (const unknownIdfFactor of [0.2, 0.35, 0.5, 0.7]) {
  const bm25 = Math.round((1 - nearest - coverage) * 100) / 100;
  if (bm25 < 0) continue;
  const tuning: RankTuning = { nearest, coverage, bm25, unknownIdfFactor, rerankDepth: 8 };
  const engine = createFaqEngine(entries, { analyzer, tuning });
  const devRank = dev.map((c) => engine.rank(c.text, c.lang));
  const checkRank = check.map((c) => engine.rank(c.text, c.lang));
  for (let answer = 0.3; answer <= 0.5; answer += 0.02) for (let margin = 0; margin <= 0.12; margin += 0.01)
    for (const outOfScopeLead of [-0.05, 0, 0.05, 0.1]) for (const clarify of [0.25]) for (const minKnownShare of [0.2]) for (const minStrongCoverage of [0, 0.34, 0.5, 0.6]) {
      const thresholds: FaqThresholds = { answer: +answer.toFixed(2), margin: +margin.toFixed(2), clarify, clarifyWindow: 0.15, outOfScopeLead, minKnownShare, minStrongCoverage };
      const m = measure(dev, devRank, thresholds);
      if (m.oos < 0.95 || m.found3 < 0.97) continue;
      const h = check.length ? measure(check, checkRank, thresholds) : undefined;
      const fmt = (x: ReturnType<typeof measure>) => `a1=${x.a1.toFixed(3)} min=${x.minLang.toFixed(3)} wrong=${x.wrong.toFixed(3)} f3=${x.found3.toFixed(3)} oos=${x.oos.toFixed(2)}`;
      results.push({ objective: m.minLang - 2 * m.wrong + (process.env.MARGIN_MIN && thresholds.margin < Number(process.env.MARGIN_MIN) ? -9 : 0), tuning, thresholds, summary: `dev ${fmt(m)}${h ? ` | check ${fmt(h)}` : ''}` });
    }
}
results.sort((a, b) => b.objective - a.objective);
for (const r of results.slice(0, 25)) {
  process.stdout.write(`${r.objective.toFixed(3)} ${JSON.stringify(r.tuning)} ${JSON.stringify(r.thresholds)}\n   ${r.summary}\n`);
}
