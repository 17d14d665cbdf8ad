/**
 * `npm run db:import -- DATA_DIR`: copies an embedded DATA_DIR (state files, quote journals and
 * pending outbox entries, handoff tickets and messages, FAQ log, insight records, the knowledge
 * overlay with its version numbers) into DATABASE_URL, after
 * applying the migrations. The folder is only read. Records already in the database are kept,
 * so the import can be run again; stop the embedded bot first, so nothing changes meanwhile.
 * Prints what was added and skipped per kind; exits 1 on an error.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { Database } from '../backend/db/database.js';
import { importBackendData } from '../backend/db/importDataDir.js';
import { migrate } from '../backend/db/migrate.js';
import { fromRoot } from '../bot/paths.js';
import { importState } from '../bot/storage/importState.js';

if (existsSync(fromRoot('.env'))) loadDotenv({ path: fromRoot('.env'), quiet: true });
const [dir] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!dir || !url) {
  process.stderr.write('usage: DATABASE_URL=postgresql://… npm run db:import -- DATA_DIR\n');
  process.exit(2);
}
const dataDir = resolve(dir);
if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
  process.stderr.write(`db:import: ${dataDir} is not a folder\n`);
  process.exit(2);
}
const db = new Database({ url, schema: process.env.DATABASE_SCHEMA || 'public', poolSize: 2 });
try {
  await migrate(db);
  const report = { state: await importState(db, dataDir), ...(await importBackendData(db, dataDir)) };
  for (const [kind, { added, skipped }] of Object.entries(report)) process.stdout.write(`${kind.padEnd(20)} ${String(added).padStart(7)} added ${String(skipped).padStart(7)} already there\n`);
  process.stdout.write(`${JSON.stringify({ imported: report })}\n`);
} catch (err) {
  process.stderr.write(`db:import: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
