/**
 * npm run --silent eval -- <file.jsonl> [--verbose]
 * Runs the engine the bot uses on each {"text","lang","expect"} line; the LAST stdout line is the
 * JSON summary (stable interface used for measurement). --verbose lists the misses on stderr first.
 */
import { defaultFaqEngine } from '../knowledge/faq.js';
import { isCorrect, readEvalFile, runEval } from '../knowledge/faqEval.js';
import { LANGS } from '../knowledge/lang.js';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run --silent eval -- <file.jsonl> [--verbose]\n');
  process.exit(2);
}
const cases = readEvalFile(file);
const engine = defaultFaqEngine();
// Warm-up on the knowledge base's own examples (not the file under test), so timings show the
// steady state of a running bot rather than JIT compilation and cold caches.
for (const entry of engine.entries()) {
  for (const lang of LANGS) for (const question of entry[lang].questions) engine.decide(question, lang);
}
const { report, outcomes } = runEval(engine, cases);
if (args.includes('--verbose')) {
  for (const o of outcomes.filter((x) => !isCorrect(x))) {
    const got = o.decision.kind === 'answer' ? o.decision.id : o.decision.kind;
    const cands = o.decision.candidates.map((c) => `${c.id}:${c.score}`).join(' ');
    process.stderr.write(`[${o.case.lang}] expect=${o.case.expect} got=${got} | ${o.case.text} | ${cands}\n`);
  }
}
process.stdout.write(`${JSON.stringify(report)}\n`);
