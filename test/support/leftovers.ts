import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../backend/db/database.js';

/**
 * Where erased data could still be: the erasure tests scan every file under DATA_DIR and every
 * row of every table of the schema for the user's name, email, ids and pseudonym.
 */

/** Every file under DATA_DIR that contains one of `needles` (as text: names, emails, ids). */
export function filesContaining(dataDir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dataDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    for (const needle of needles) if (text.includes(needle)) hits.push(`${file.slice(dataDir.length)}: ${needle}`);
  }
  return hits;
}

/** Every row of every table of the schema that contains one of `needles`, named by its table. */
export async function rowsContaining(db: Database, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  const { rows: tables } = await db.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [db.schema]);
  for (const { tablename } of tables) {
    const text = JSON.stringify((await db.query(`SELECT * FROM ${tablename}`)).rows);
    for (const needle of needles) if (text.includes(needle)) hits.push(`${tablename}: ${needle}`);
  }
  return hits;
}
