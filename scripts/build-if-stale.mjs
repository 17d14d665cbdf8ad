// `npm start` builds only when a source changed since the last build: a restart with an existing
// build goes straight to the bot (the build costs seconds, and a restarted instance is down
// meanwhile). Compares the newest mtime under the compiled folders (and the tsconfig files and
// package.json) with the stamp the last successful build wrote.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, 'dist', '.build-stamp');
const SOURCES = ['bot', 'dialogs', 'knowledge', 'backend'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.(ts|mts|cts)$|\.json$/.test(path) ? stat.mtimeMs : 0;
  // A directory's own time changes when a file in it is removed or renamed.
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const sources = Math.max(...SOURCES.map((d) => newest(join(root, d))), ...CONFIGS.filter((f) => existsSync(join(root, f))).map((f) => statSync(join(root, f)).mtimeMs));
const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
if (sources > built || !existsSync(join(root, 'dist', 'bot', 'main.js'))) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  writeFileSync(STAMP, new Date().toISOString());
}
