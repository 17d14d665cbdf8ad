import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Database } from '../../backend/db/database.js';
import { migrate } from '../../backend/db/migrate.js';

/**
 * The PostgreSQL the tests use: `TEST_DATABASE_URL`, else the role and database `.ci/run`
 * creates. (Never `DATABASE_URL`: a developer's own database is not the tests' to fill.)
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://reseller:reseller@127.0.0.1:5432/reseller_test';

let reachable: Promise<string | undefined> | undefined;

/** Resolves with why PostgreSQL cannot be used, or undefined when it can. Asked once per run. */
export function postgresProblem(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (err) {
      return (err as Error).message || String(err);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

const warned = new Set<string>();

/**
 * In a `before` hook: skips the suite, saying why, when no PostgreSQL is reachable; under `CI`
 * it fails instead, since CI starts one (`.ci/run`).
 */
export async function requirePostgres(ctx: Mocha.Context): Promise<void> {
  const problem = await postgresProblem();
  if (!problem) return;
  const message = `PostgreSQL not reachable at ${TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} (${problem})`;
  if (process.env.CI) throw new Error(`${message}; CI must start it (.ci/run)`);
  if (!warned.has(message)) {
    warned.add(message);
    process.stderr.write(`      skipped: ${message}. Start it as in README "Running several instances" to run these tests.\n`);
  }
  ctx.skip();
}

/** A schema of its own per suite, migrated; dropped at the end. */
export function freshSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function openTestDatabase(schema = freshSchemaName()): Promise<Database> {
  const db = new Database({ url: TEST_DATABASE_URL, schema, poolSize: 5, connectTimeoutMs: 3000 });
  await migrate(db);
  return db;
}

export async function dropSchema(db: Database): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`).catch(() => undefined);
  await db.close();
}

/**
 * Mocha hooks for a suite on PostgreSQL: skipped (or failed under CI) without a server; a fresh
 * migrated schema for the suite, its rows emptied before each test.
 */
export function usePostgres(): { readonly db: Database } {
  const state = {} as { db: Database };
  before(async function () {
    this.timeout(30_000);
    await requirePostgres(this);
    state.db = await openTestDatabase();
  });
  beforeEach(async function () {
    if (!state.db) return;
    const { rows } = await state.db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> 'schema_migrations'`, [state.db.schema]);
    if (rows.length) await state.db.query(`TRUNCATE ${rows.map((r) => r.tablename).join(', ')} RESTART IDENTITY`);
  });
  after(async () => {
    if (state.db) await dropSchema(state.db);
  });
  return state;
}
