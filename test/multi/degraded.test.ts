import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Database } from '../../backend/db/database.js';
import { ANSWERS, OPENINGS } from '../quote-dialogs/answers.js';
import { Chat, fillByPrompts, LOCALES, t } from '../quote-dialogs/support.js';
import { lastSlot } from '../support/botServer.js';
import { startInstance, type Instance } from '../support/instances.js';
import { waitFor } from '../backend/waitFor.js';
import { dropSchema, freshSchemaName, openTestDatabase, requirePostgres, TEST_DATABASE_URL } from '../support/postgres.js';

/** A TCP hop between the bot and PostgreSQL that the test can cut and mend, as a network outage would. */
async function outageProxy(target: URL): Promise<{ port: number; cut(): void; mend(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    mend() {
      down = false;
    },
    close: () => new Promise((ok) => (server.close(() => ok()), sockets.forEach((s) => s.destroy()))),
  };
}

const readiness = async (bot: Instance) => {
  const res = await fetch(`${bot.url}/readyz`);
  return { status: res.status, database: ((await res.json()) as { checks: Record<string, boolean> }).checks.database };
};

describe('the database goes away and comes back (a real bot process)', function () {
  this.timeout(180_000);
  let db: Database;
  let proxy: Awaited<ReturnType<typeof outageProxy>>;
  let bot: Instance;

  before(async function () {
    this.timeout(120_000);
    await requirePostgres(this);
    db = await openTestDatabase(freshSchemaName());
    proxy = await outageProxy(new URL(TEST_DATABASE_URL));
    const url = new URL(TEST_DATABASE_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    bot = await startInstance('degraded', { DATABASE_URL: url.toString(), DATABASE_SCHEMA: db.schema, STAFF_API_KEY: 'k' });
  });
  after(async () => {
    await bot?.stop();
    await proxy?.close();
    if (db) await dropSchema(db);
  });

  it('/readyz reports it, the user hears "briefly unavailable, your data is safe" in their language, and the form goes on where it was once it is back', async () => {
    assert.equal((await readiness(bot)).database, true);
    const chat = new Chat(bot as never, `degraded-${Date.now()}`, LOCALES.fr);
    const { confirm: _c, technicalContactEmail: _e, ...some } = ANSWERS.fr;
    const before = await fillByPrompts(chat, await chat.say(OPENINGS['cloud-renewal'].fr), some);
    const waitingFor = lastSlot(before.last);
    assert.ok(waitingFor, 'a prompt waits');

    proxy.cut();
    await waitFor(async () => (await readiness(bot)).database === false, '/readyz to report the database down', 20_000);
    assert.equal((await readiness(bot)).status, 503);
    const zh = new Chat(bot as never, `degraded-zh-${Date.now()}`, LOCALES.zh);
    assert.deepEqual((await zh.say('你好')).map((r) => r.text), [t('zh')('common:unavailable')]);
    assert.deepEqual((await chat.say('Marc Petit')).map((r) => r.text), [t('fr')('common:unavailable')]);

    proxy.mend();
    await waitFor(async () => (await readiness(bot)).database === true, 'the bot to reconnect by itself', 20_000);
    // The answer refused during the outage is asked again: nothing stored was lost, nothing half-stored.
    const resumed = await chat.say(ANSWERS.fr[waitingFor!]!);
    assert.notEqual(lastSlot(resumed), waitingFor, 'the prompt that waited took its answer');
    const done = await fillByPrompts(chat, resumed, ANSWERS.fr);
    assert.ok(done.ref, `filed after the outage: ${JSON.stringify(done.last.map((r) => r.text))}`);
  });
});
