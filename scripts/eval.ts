/**
 * npm run --silent eval -- <file.jsonl> … [--verbose]
 *   Runs the engine the bot uses on each {"text","lang","expect"} line of each file; prints, per
 *   file and language, the topic pairs most often confused; --verbose lists the misses on
 *   stderr. The LAST stdout line is the JSON summary (of the first file alone when there is
 *   one file, else {"files": {name: summary}}): a stable interface used for measurement.
 * npm run --silent eval -- --cv <file.jsonl> … [--write] [--quick] [--verbose]
 *   Cross-validation of the ranking weights and the decision model (scripts/evalCv.ts);
 *   --verbose lists the out-of-fold misses on stderr.
 */
import { basename } from 'node:path';
import { defaultFaqEngine } from '../knowledge/faq.js';
import { confusedPairs, isCorrect, readEvalFile, runEval, type EvalReport } from '../knowledge/faqEval.js';
import { LANGS } from '../knowledge/lang.js';
import { runCrossValidation } from './evalCv.js';

const args = process.argv.slice(2);
const files = args.filter((arg) => !arg.startsWith('--'));
if (files.length === 0) {
  process.stderr.write('usage: npm run --silent eval -- <file.jsonl> … [--verbose] | --cv <file.jsonl> … [--write] [--quick] [--verbose]\n');
  process.exit(2);
}
if (args.includes('--cv')) {
  runCrossValidation(files, args.includes('--write'), args.includes('--quick'), args.includes('--verbose'));
} else {
  const engine = defaultFaqEngine();
  // Warm-up on the knowledge base's own examples (not the file under test), so timings show the
  // steady state of a running bot rather than JIT compilation and cold caches. One pass left the
  // optimising compiler mid-way (the first file's p99 was twice the second's); three reach it.
  for (let pass = 0; pass < 3; pass++) {
    for (const entry of engine.entries()) {
      for (const lang of LANGS) for (const question of entry[lang].questions) engine.decide(question, lang);
    }
  }
  const reports: Record<string, EvalReport> = {};
  for (const file of files) {
    const { report, outcomes } = runEval(engine, readEvalFile(file));
    reports[basename(file)] = report;
    if (args.includes('--verbose')) {
      for (const o of outcomes.filter((x) => !isCorrect(x))) {
        const got = o.decision.kind === 'answer' ? o.decision.id : o.decision.kind;
        const cands = o.decision.candidates.map((c) => `${c.id}:${c.score}`).join(' ');
        process.stderr.write(`[${o.case.lang}] expect=${o.case.expect} got=${got} p=${o.decision.confidence} | ${o.case.text} | ${cands}\n`);
      }
    }
    for (const lang of LANGS) {
      const pairs = confusedPairs(outcomes.filter((o) => o.case.lang === lang)).slice(0, 5);
      const text = pairs.map((p) => `${p.a} ↔ ${p.b} ×${p.count}`).join(', ') || '—';
      process.stdout.write(`${basename(file)} [${lang}] most confused: ${text}\n`);
    }
    process.stdout.write(`${basename(file)} ${JSON.stringify(report)}\n`);
  }
  const names = Object.keys(reports);
  process.stdout.write(`${JSON.stringify(names.length === 1 ? reports[names[0]!] : { files: reports })}\n`);
}
