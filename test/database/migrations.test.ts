import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readdir, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../backend/db/database.js';
import { migrate, MIGRATIONS_DIR } from '../../backend/db/migrate.js';
import { dropSchema, freshSchemaName, requirePostgres, TEST_DATABASE_URL } from '../support/postgres.js';

describe('database migrations (PostgreSQL)', function () {
  this.timeout(30_000);
  const opened: Database[] = [];
  const open = (schema: string) => {
    const db = new Database({ url: TEST_DATABASE_URL, schema, poolSize: 2 });
    opened.push(db);
    return db;
  };
  before(async function () {
    await requirePostgres(this);
  });
  after(async () => {
    const schemas = new Set(opened.map((d) => d.schema));
    for (const db of opened) {
      if (schemas.delete(db.schema)) await dropSchema(db);
      else await db.close();
    }
  });

  it('three instances starting at once: each waits for the lock, every file is applied exactly once', async () => {
    const schema = freshSchemaName();
    const results = await Promise.all([open(schema), open(schema), open(schema)].map((db) => migrate(db)));
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql'));
    assert.equal(results.flat().length, files.length);
    assert.equal(results.filter((r) => r.length).length, 1);
    const { rows } = await opened[0]!.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
    assert.equal(Number(rows[0]!.n), files.length);
    assert.deepEqual(await migrate(opened[1]!), []);
  });

  it('refuses to start when an applied file was edited, and rolls back a failing one whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ra-migrations-'));
    try {
      for (const f of await readdir(MIGRATIONS_DIR)) await copyFile(join(MIGRATIONS_DIR, f), join(dir, f));
      const db = open(freshSchemaName());
      await migrate(db, { dir });
      await writeFile(join(dir, '900_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n');
      await assert.rejects(migrate(db, { dir }), /900_broken\.sql failed/);
      const { rows } = await db.query(`SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = 'half_done'`, [db.schema]);
      assert.equal(rows.length, 0);
      await rm(join(dir, '900_broken.sql'));
      await writeFile(join(dir, '001_initial.sql'), '-- edited\n', { flag: 'a' });
      await assert.rejects(migrate(db, { dir }), /001_initial\.sql changed after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
