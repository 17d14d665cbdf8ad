/**
 * npm run --silent learn:replay -- --traffic T.jsonl --eval E.jsonl [--verbose] [--ceiling]
 *
 * Proof that the review loop teaches the bot: starts the bot on the shipped knowledge base in a
 * temporary data folder, sends every traffic question through /api/messages as a user's message
 * (the label is never sent), builds the review queue of /insights, plays an author who decides
 * each cluster by the questions' labels (accept the suggestion when it is the label, reassign to
 * the label otherwise, out of scope when the label is null), waits for the overlay to be applied,
 * and evaluates E before and after on the engine the bot answers with.
 * The LAST stdout line is one JSON object:
 *   {"before": {answered1, found3, wrong, oosDeclined}, "after": {…}, "clusters", "accepted", "reassigned", "outOfScope"}
 * Both files are {"text","lang","expect"} lines (expect: a topic id, or null for "must decline").
 * --ceiling also prints (stderr) what this traffic could teach at best: E evaluated after learning
 * every traffic question with its label, and the share of E whose right topic is ranked first.
 */
import { readEvalFile } from '../knowledge/faqEval.js';
import { replay } from './replay/replay.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const trafficFile = option('--traffic');
const evalFile = option('--eval');
if (!trafficFile || !evalFile) {
  process.stderr.write('usage: npm run --silent learn:replay -- --traffic T.jsonl --eval E.jsonl [--verbose] [--ceiling]\n');
  process.exit(2);
}

const result = await replay(readEvalFile(trafficFile), readEvalFile(evalFile), {
  progress: (line) => process.stderr.write(`${line}\n`),
  verbose: args.includes('--verbose'),
  ceiling: args.includes('--ceiling'),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
