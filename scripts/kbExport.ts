/**
 * npm run --silent kb:export [-- --data DIR] [--out FILE]
 * Writes the knowledge-base overlay that authors built in the review queue of /insights (every
 * decision not undone) as a patch to knowledge/faq/*.json and knowledge/faq-data/out-of-scope.json,
 * to be reviewed into the repository: `git apply FILE`. Prints nothing when there is nothing to add.
 * Reads where the bot keeps the overlay: the database with DATABASE_URL (the overlay every
 * instance shares), else DATA_DIR — or the folder `--data` names — without opening it for writing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Database } from '../backend/db/database.js';
import { kbPatch } from '../backend/insights/kbPatch.js';
import { effectiveOverlay, type OverlayChange } from '../backend/insights/overlay.js';
import { PgOverlayStore } from '../backend/insights/pgOverlayStore.js';
import { loadConfig } from '../bot/config.js';
import { readOverlayChanges } from '../bot/insights/stores.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const config = loadConfig(process.env);
const folder = option('--data');

async function changes(): Promise<OverlayChange[]> {
  if (folder || !config.DATABASE_URL) return readOverlayChanges(resolve(folder ?? config.DATA_DIR));
  const db = new Database({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolSize: 1 });
  try {
    return await new PgOverlayStore(db).list();
  } finally {
    await db.close();
  }
}

const { overlay, version } = effectiveOverlay(await changes());
const patch = kbPatch(overlay);
const out = option('--out');
if (out) writeFileSync(out, patch);
else process.stdout.write(patch);
process.stderr.write(
  `kb:export: overlay version ${version}, ${overlay.examples.length} example(s), ${overlay.outOfScope.length} out-of-scope question(s) → ${patch ? (out ?? 'stdout') : 'nothing to add'}\n`,
);
