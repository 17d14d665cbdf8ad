/**
 * npm run --silent kb:export [-- --data DIR] [--out FILE]
 * Writes the knowledge-base overlay that authors built in the review queue of /insights (every
 * decision not undone) as a patch to knowledge/faq/*.json and knowledge/faq-data/out-of-scope.json,
 * to be reviewed into the repository: `git apply FILE`. Prints nothing when there is nothing to add.
 * Reads DATA_DIR (default from the environment, as the bot does) without opening it for writing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { kbPatch } from '../backend/insights/kbPatch.js';
import { effectiveOverlay } from '../backend/insights/overlay.js';
import { loadConfig } from '../bot/config.js';
import { readOverlayChanges } from '../bot/insights/stores.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dataDir = resolve(option('--data') ?? loadConfig(process.env).DATA_DIR);
const { overlay, version } = effectiveOverlay(await readOverlayChanges(dataDir));
const patch = kbPatch(overlay);
const out = option('--out');
if (out) writeFileSync(out, patch);
else process.stdout.write(patch);
process.stderr.write(
  `kb:export: overlay version ${version}, ${overlay.examples.length} example(s), ${overlay.outOfScope.length} out-of-scope question(s) → ${patch ? (out ?? 'stdout') : 'nothing to add'}\n`,
);
