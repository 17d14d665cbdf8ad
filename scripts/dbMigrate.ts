/**
 * `npm run db:migrate`: applies the pending migrations of backend/db/migrations to DATABASE_URL
 * (DATABASE_SCHEMA, default public) and says which. The bot also does this at start-up; this is
 * for a deploy step that migrates before the new instances start.
 */
import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { Database } from '../backend/db/database.js';
import { migrate } from '../backend/db/migrate.js';
import { fromRoot } from '../bot/paths.js';

if (existsSync(fromRoot('.env'))) loadDotenv({ path: fromRoot('.env'), quiet: true });
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('db:migrate: DATABASE_URL is not set (e.g. postgresql://reseller:reseller@127.0.0.1:5432/reseller)\n');
  process.exit(2);
}
const db = new Database({ url, schema: process.env.DATABASE_SCHEMA || 'public', poolSize: 1 });
try {
  const applied = await migrate(db, { logger: { debug() {}, info: (o) => process.stdout.write(`applied ${String(o.version)} ${String(o.name)} (${String(o.ms)} ms)\n`), warn: (o, m) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`), error() {} } });
  process.stdout.write(applied.length ? `db:migrate: ${applied.length} migration(s) applied to schema ${db.schema}\n` : `db:migrate: schema ${db.schema} is up to date\n`);
} catch (err) {
  process.stderr.write(`db:migrate: ${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
