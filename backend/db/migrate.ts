import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pg, type Pg } from './pg.js';
import { fromRoot } from '../../bot/paths.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fromRoot('backend', 'db', 'migrations');

/** `001_initial.sql` → version 1. */
const FILE = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  file: string;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const m = FILE.exec(file);
    if (!m) continue;
    const sql = await readFile(join(dir, file), 'utf8');
    migrations.push({ version: Number(m[1]), file, name: m[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length) throw new Error(`migrations: two files share a version in ${dir}`);
  return migrations;
}

/**
 * Applies the SQL files of `backend/db/migrations` that the database has not seen, in version
 * order, each in its own transaction with its row in `schema_migrations`, under a session
 * advisory lock: instances starting together wait for the first one (`pg_advisory_lock` blocks,
 * it does not fail), then find nothing left to do. A file changed after it was applied stops
 * start-up (its checksum no longer matches): add a new migration instead.
 * Resolves with the versions applied now.
 */
export async function migrate(db: Database, { dir = MIGRATIONS_DIR, logger = silentLogger }: { dir?: string; logger?: BackendLogger } = {}): Promise<number[]> {
  const migrations = await loadMigrations(dir);
  const client = new (pg().Client)(db.connectionConfig());
  await client.connect();
  const applied: number[] = [];
  try {
    // Keyed by schema name (the schema may not exist yet, so not by current_schema()).
    await client.query(`SELECT pg_advisory_lock(hashtextextended('reseller-assistant:migrate:' || $1, 0))`, [db.schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations');
    const done = new Map(rows.map((r) => [r.version, r.checksum]));
    for (const m of migrations) {
      const checksum = done.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new Error(`migrations: ${m.file} changed after it was applied; write a new migration instead`);
        continue;
      }
      const started = Date.now();
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`migrations: ${m.file} failed: ${(err as Error).message}`);
      }
      applied.push(m.version);
      logger.info({ version: m.version, name: m.name, ms: Date.now() - started }, 'database: migration applied');
    }
    const unknown = [...done.keys()].filter((v) => !migrations.some((m) => m.version === v));
    if (unknown.length) logger.warn({ versions: unknown }, 'database: migrations applied by a newer version of the bot');
  } finally {
    await client.query(`SELECT pg_advisory_unlock_all()`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
  return applied;
}
