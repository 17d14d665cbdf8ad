import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../bot/paths.js';
import { postActivity, type Reply, type TestBot } from './botServer.js';

/**
 * Real bot processes for the multi-instance tests: `node --import tsx bot/main.ts`, each with
 * its own port and DATA_DIR, all on one PostgreSQL schema, as behind a load balancer.
 */
export interface Instance {
  name: string;
  url: string;
  dataDir: string;
  proc: ChildProcess;
  /** The last lines it printed (JSON logs), for failure messages. */
  output(): string;
  post(body: unknown): Promise<{ status: number; json: unknown; text: string }>;
  send(activity: Record<string, unknown>): Promise<Reply[]>;
  /** SIGTERM (graceful) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown at all, as a crashed pod. */
  kill(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts one instance; resolves once it listens and its database check is green. */
export async function startInstance(name: string, env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<Instance> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `ra-${name}-`));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: fromRoot(),
    env: { ...process.env, MicrosoftAppId: '', MicrosoftAppPassword: '', QUOTE_WEBHOOK_URL: '', LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-8000));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => (live.delete(proc), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${name} exited (${proc.exitCode ?? proc.signalCode}):\n${tail}`);
    try {
      const res = await fetch(`${url}/readyz`);
      const body = (await res.json()) as { checks?: Record<string, boolean> };
      if (body.checks?.database) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  return {
    name,
    url,
    dataDir,
    proc,
    output: () => tail,
    post: (body) => postActivity(url, body),
    async send(activity) {
      const body = { deliveryMode: 'expectReplies', ...activity };
      // A keep-alive socket the server closed just as the request went out: the channel would
      // redeliver the same activity (same id), which the bot processes once. So does this.
      const res = await postActivity(url, body).catch((err: Error & { cause?: { code?: string } }) => {
        if (!['ECONNRESET', 'UND_ERR_SOCKET'].includes(err.cause?.code ?? '') || proc.exitCode !== null || proc.signalCode !== null) throw err;
        return postActivity(url, body);
      });
      if (res.status !== 200) throw new Error(`${name}: POST /api/messages → ${res.status}: ${res.text}`);
      return ((res.json as { activities?: Reply[] }).activities ?? []).filter((a) => a.type !== 'typing');
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await exited;
      }
      cleanup();
    },
  };
}

/**
 * A load balancer without stickiness, as far as a test is concerned: each turn goes to the next
 * instance. Shaped like `TestBot` where the conversation helpers need it (`send`, `url`).
 */
export function roundRobin(instances: Instance[]): TestBot & { sentTo: string[] } {
  let next = 0;
  const sentTo: string[] = [];
  const pick = () => instances[next++ % instances.length]!;
  return {
    sentTo,
    get url() {
      return pick().url;
    },
    async send(activity: Record<string, unknown>) {
      const instance = pick();
      sentTo.push(instance.name);
      return instance.send(activity);
    },
    async post(body: unknown) {
      return pick().post(body);
    },
  } as unknown as TestBot & { sentTo: string[] };
}
