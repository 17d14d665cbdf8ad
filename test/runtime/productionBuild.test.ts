import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromRoot } from '../../bot/paths.js';

/**
 * `npm start` runs the compiled bot from dist/: data files must resolve from the
 * project root, not from next to the compiled module (tsc copies no JSON).
 */
describe('Production build (npm start)', () => {
  it('builds, starts from dist/ with the embedded defaults, and welcomes a user', async function () {
    this.timeout(120_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'ra-dist-data-'));
    try {
      // Compile into a temporary folder inside the project so dist/ of a running bot is untouched.
      const buildDir = fromRoot('.test-dist');
      await promisify(execFile)(process.execPath, [fromRoot('node_modules', 'typescript', 'bin', 'tsc'), '-p', fromRoot('tsconfig.build.json'), '--outDir', buildDir]);
      const child = spawn(process.execPath, [join(buildDir, 'bot', 'main.js')], {
        env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
      });
      try {
        const port = await new Promise<number>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (c) => {
            out += c;
            const m = out.match(/"port":(\d+)/);
            if (m) resolve(Number(m[1]));
          });
          child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        });
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', deliveryMode: 'expectReplies', channelId: 'emulator', conversation: { id: 'dist' }, from: { id: 'u' }, recipient: { id: 'b' }, locale: 'fr-FR', text: 'bonjour' }),
        });
        assert.equal(res.status, 200);
        const body = (await res.json()) as { activities: Array<{ text?: string }> };
        assert.ok(body.activities.some((a) => a.text?.includes('Bonjour')));
      } finally {
        child.kill('SIGTERM');
        rmSync(buildDir, { recursive: true, force: true });
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
