import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, ConfigError, loadConfig } from '../../bot/config.js';
import { fromRoot } from '../../bot/paths.js';

describe('Config', () => {
  it('has defaults for a local bot with no cloud account', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3978);
    assert.equal(config.DATA_DIR, './data');
    assert.equal(config.DEFAULT_LOCALE, 'en');
    assert.equal(config.MicrosoftAppId, undefined);
  });

  it('names every invalid variable, one problem per line', () => {
    try {
      loadConfig({ PORT: 'eighty', DEFAULT_LOCALE: 'de', LOG_LEVEL: 'loud' });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      const joined = err.problems.join('\n');
      for (const name of ['PORT', 'DEFAULT_LOCALE', 'LOG_LEVEL']) assert.match(joined, new RegExp(`^${name}:`, 'm'));
      assert.equal(err.problems.length, 3);
    }
  });

  it('retention settings: 30 and 90 days and 200 messages by default; zero, negative or words refused', () => {
    const config = loadConfig({});
    assert.deepEqual([config.STATE_TTL_DAYS, config.RETENTION_DAYS, config.HANDOFF_TRANSCRIPT_MAX_MESSAGES], [30, 90, 200]);
    assert.equal(loadConfig({ STATE_TTL_DAYS: '0.5' }).STATE_TTL_DAYS, 0.5);
    assert.throws(() => loadConfig({ STATE_TTL_DAYS: '0', RETENTION_DAYS: '-1', HANDOFF_TRANSCRIPT_MAX_MESSAGES: 'many' }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.problems.map((p) => p.split(':')[0]).sort(), ['HANDOFF_TRANSCRIPT_MAX_MESSAGES', 'RETENTION_DAYS', 'STATE_TTL_DAYS']);
      return true;
    });
  });

  it('database settings: embedded by default (an empty DATABASE_URL too); a URL that is not PostgreSQL, a bad schema or pool refused', () => {
    for (const env of [{}, { DATABASE_URL: '' }]) {
      const config = loadConfig(env);
      assert.deepEqual([config.DATABASE_URL, config.DATABASE_SCHEMA, config.DATABASE_POOL_SIZE], [undefined, 'public', 10]);
    }
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://reseller:secret@db:5432/reseller' }).DATABASE_URL, 'postgresql://reseller:secret@db:5432/reseller');
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://root@db/reseller', DATABASE_SCHEMA: 'Robert"); DROP', DATABASE_POOL_SIZE: '1' }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(err.problems.map((p) => p.split(':')[0]).sort(), ['DATABASE_POOL_SIZE', 'DATABASE_SCHEMA', 'DATABASE_URL']);
      return true;
    });
  });

  it('requires the password (and a tenant for SingleTenant) once an app id is set', () => {
    assert.throws(() => loadConfig({ MicrosoftAppId: 'abc' }), /MicrosoftAppPassword/);
    assert.throws(() => loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }), /MicrosoftAppTenantId/);
  });

  it('listens on 127.0.0.1 without an app id (nobody is authenticated), on 0.0.0.0 with one, or where HOST says', () => {
    assert.equal(loadConfig({}).HOST, '127.0.0.1');
    assert.equal(loadConfig({ HOST: '' }).HOST, '127.0.0.1');
    assert.equal(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' }).HOST, '0.0.0.0');
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).HOST, '0.0.0.0');
  });

  it('limits rates by default: 60 turns a minute per conversation, 600 requests per address (loopback exempt)', () => {
    const config = loadConfig({});
    assert.equal(config.RATE_LIMIT_PER_CONVERSATION, 60);
    assert.equal(config.RATE_LIMIT_PER_ADDRESS, 600);
    assert.equal(config.RATE_LIMIT_LOOPBACK, false);
    assert.equal(loadConfig({ RATE_LIMIT_LOOPBACK: 'true' }).RATE_LIMIT_LOOPBACK, true);
    assert.throws(() => loadConfig({ RATE_LIMIT_LOOPBACK: 'sometimes' }), /RATE_LIMIT_LOOPBACK/);
  });

  it('treats empty strings as unset, as .env files often have them', () => {
    assert.equal(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '' }).MicrosoftAppId, undefined);
  });
});

function runMain(env: Record<string, string>): ReturnType<typeof spawn> {
  return spawn(process.execPath, ['--import', 'tsx', fromRoot('bot', 'main.ts')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    cwd: fromRoot(),
  });
}

describe('The process', () => {
  it('exits non-zero with a readable line per config problem', async () => {
    const child = runMain({ PORT: 'x', LOG_LEVEL: 'loud' });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /PORT:/);
    assert.match(stderr, /LOG_LEVEL:/);
    assert.doesNotMatch(stderr, /at .*\.ts:\d+/, 'no stack trace');
  });

  it('starts with defaults, serves /healthz, and stops cleanly on SIGTERM', async function () {
    this.timeout(30000);
    const dataDir = mkdtempSync(join(tmpdir(), 'ra-main-'));
    const child = runMain({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c) => {
        out += c;
        const m = out.match(/"port":(\d+)/);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
  });
});

describe('.env.example', () => {
  it('lists every setting the config schema reads, so an operator sees them all', () => {
    const example = readFileSync(fromRoot('.env.example'), 'utf8');
    const missing = Object.keys(configSchema.shape).filter((key) => !new RegExp(`^#?\\s*${key}=`, 'mu').test(example));
    assert.deepEqual(missing, []);
  });
});
