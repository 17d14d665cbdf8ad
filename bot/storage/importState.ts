import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../backend/db/database.js';
import type { ImportCounts } from '../../backend/db/importDataDir.js';
import { jsonb } from '../../backend/db/json.js';
import { DATA_SUBJECTS } from './stateStore.js';

/**
 * Copies `DATA_DIR/state/` (one `LowdbStorage` file per key) into `bot_state`: the item, when it
 * was last touched (the file's time for documents older than that field), and its owners. A key
 * already in the database is kept as it is: the database is newer than the files.
 */
export async function importState(db: Database, dataDir: string): Promise<ImportCounts> {
  const dir = join(dataDir, 'state');
  const result: ImportCounts = { added: 0, skipped: 0 };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch {
    return result;
  }
  for (const name of names) {
    const file = join(dir, name);
    let doc: { key?: unknown; item?: Record<string, unknown>; touchedAt?: string } | null;
    try {
      doc = JSON.parse(await readFile(file, 'utf8')) as typeof doc;
    } catch {
      continue; // half-written by another tool: not ours to judge
    }
    if (!doc || typeof doc.key !== 'string' || !doc.item) continue;
    const { eTag: _eTag, ...item } = doc.item;
    const subjects = Array.isArray(item[DATA_SUBJECTS]) ? (item[DATA_SUBJECTS] as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    const touchedAt = doc.touchedAt ?? (await stat(file)).mtime.toISOString();
    const { rowCount } = await db.query(
      `INSERT INTO bot_state (key, item, version, touched_at, data_subjects) VALUES ($1, $2, nextval('bot_state_versions'), $3, $4) ON CONFLICT (key) DO NOTHING`,
      [doc.key, jsonb(item), touchedAt, subjects],
    );
    if (rowCount) result.added++;
    else result.skipped++;
  }
  return result;
}
