import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fromRoot } from '../../bot/paths.js';

export interface Playground {
  url: string;
  /** What the Playground printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/**
 * Microsoft 365 Agents Playground (Microsoft's local Teams emulator) pointed at
 * the bot, on a free port, its own browser launch turned off. Started with node
 * directly (not npx) so the child we stop is the Playground itself.
 */
export async function startPlayground(botUrl: string): Promise<Playground> {
  const port = await freePort();
  const cli = fromRoot('node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c));
  child.stderr?.on('data', (c: Buffer) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Playground exited (${child.exitCode}): ${output}`);
    const pong = await fetch(`${url}/_debug/ping`).then((r) => r.ok, () => false);
    if (pong) break;
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`Playground did not answer /_debug/ping: ${output}`);
    }
    await new Promise((ok) => setTimeout(ok, 250));
  }
  return {
    url,
    output: () => output,
    close: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
