import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fromRoot } from '../../bot/paths.js';
import { startBot, type TestBot } from '../support/botServer.js';
import { STAFF_KEY } from './support.js';

/**
 * The black-box quote driver (../shared/checks, beside the clone in CI) against the real
 * server: it answers prompts only by their channelData.slot and reads the filed request back
 * from the staff API. Run on the shared dev scenarios and on ours.
 */
const CHECKS = fromRoot('..', 'shared', 'checks');
const DRIVER = `${CHECKS}/quote-driver.mjs`;
const PERTURBED = `${CHECKS}/perturbed-driver.mjs`;

function runDriver(url: string, scenarios: string, driver = DRIVER, extra: string[] = []): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [driver, url, scenarios, STAFF_KEY, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out: out.trim() }));
  });
}

describe('Quote dialogs: the black-box driver', function () {
  this.timeout(120_000);
  let bot: TestBot;
  before(async function () {
    if (!existsSync(DRIVER)) {
      // eslint-disable-next-line no-console
      console.warn(`skipped: ${DRIVER} not found (CI puts ../shared beside the clone)`);
      this.skip();
    }
    bot = await startBot({ STAFF_API_KEY: STAFF_KEY });
  });
  after(async () => {
    await bot?.close();
  });

  it('files and finds every shared dev scenario', async () => {
    const { code, out } = await runDriver(bot.url, `${CHECKS}/dev-quote-scenarios.json`);
    assert.equal(code, 0, out);
    assert.match(out, /^(\d+)\/\1 scenarios filed and found$/m);
  });

  // Perturbed: questions and language requests at prompts, double presses, corrections, articles.
  for (const [name, file] of [
    ['the shared dev scenarios', `${CHECKS}/dev-perturbed-scenarios.json`],
    ['our own scenarios (every kind, all three languages)', fromRoot('test', 'fixtures', 'perturbed-scenarios.json')],
    ['a second set by another tester (other wording styles)', fromRoot('test', 'fixtures', 'perturbed-scenarios-2.json')],
    ['a third set (regional styles, lists, numbers in words)', fromRoot('test', 'fixtures', 'perturbed-scenarios-3.json')],
  ] as const) {
    for (const mode of [[], ['--plain']]) {
      it(`perturbed driver${mode.length ? ' (plain)' : ''}: ${name}`, async () => {
        const { code, out } = await runDriver(bot.url, file, PERTURBED, mode);
        const summary = JSON.parse(out.split('\n').at(-1) ?? '{}') as { passed?: number; total?: number };
        assert.equal(code, 0, out);
        assert.ok(summary.total && summary.passed === summary.total, out);
      });
    }
  }

  it('files and finds our own scenarios (other kinds and wording, all three languages)', async () => {
    const { code, out } = await runDriver(bot.url, fromRoot('test', 'fixtures', 'quote-scenarios.json'));
    assert.equal(code, 0, out);
    assert.match(out, /^(\d+)\/\1 scenarios filed and found$/m);
  });
});
