import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fromRoot } from '../../bot/paths.js';

/**
 * The Azure sign-in modules are not loaded at start-up (issue 15: ~0.2 s of CPU and ~6 MB of heap
 * before /readyz), and still work the moment credentials need them. In a fresh process: this
 * one has botbuilder loaded already by other tests.
 */
const PROBE = `
import { createRequire } from 'node:module';
await import(${JSON.stringify(fromRoot('bot', 'deferAzureAuth.ts'))});
const { MsalAppCredentials, JwtTokenProviderFactory } = await import('botframework-connector');
await import('botbuilder');
const req = createRequire(${JSON.stringify(fromRoot('package.json'))});
const loaded = () => Object.keys(req.cache).filter((k) => /@azure[\\\\/](identity|msal-node)[\\\\/]/.test(k)).length;
const atStart = loaded();
const credentials = new MsalAppCredentials('00000000-0000-0000-0000-0000000000a1', 'not-a-secret', undefined, 'botframework.com');
const provider = new JwtTokenProviderFactory().createAzureServiceTokenProvider('00000000-0000-0000-0000-0000000000a1');
console.log(JSON.stringify({ atStart, afterUse: loaded(), client: credentials.clientApplication?.constructor?.name, provider: provider.constructor.name }));
`;

describe('Start-up: Azure sign-in modules deferred until used', () => {
  it('not loaded with botbuilder; the real classes once credentials are built', async function () {
    this.timeout(60_000);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], { cwd: fromRoot() });
    const probe = JSON.parse(stdout.trim().split('\n').at(-1)!) as { atStart: number; afterUse: number; client?: string; provider: string };
    assert.ok(probe.atStart <= 2, `only the stand-ins' entry files at start: ${probe.atStart}`);
    assert.ok(probe.afterUse > probe.atStart + 5, `the real modules load on use: ${JSON.stringify(probe)}`);
    assert.equal(probe.client, 'ConfidentialClientApplication');
    assert.equal(probe.provider, 'DefaultAzureCredential');
  });
});
