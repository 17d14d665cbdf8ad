/** Child processes for the bench: free ports, spawn, wait, and a guaranteed kill on exit. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set<ChildProcess>();

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

function tryPort(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address() as { port: number };
      srv.close(() => resolve(bound));
    });
  });
}

/** `BENCH_PORTS=4400-4499`: ports handed out from that range (a shared machine gives each user one), else any free port. */
const RANGE = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS ?? '');
let nextInRange = RANGE ? Number(RANGE[1]) : 0;

export async function freePort(): Promise<number> {
  if (!RANGE) {
    const port = await tryPort(0);
    if (port === undefined) throw new Error('no free port');
    return port;
  }
  const [from, to] = [Number(RANGE[1]), Number(RANGE[2])];
  for (let i = 0; i <= to - from; i++) {
    const port = nextInRange;
    nextInRange = port >= to ? from : port + 1;
    if ((await tryPort(port)) !== undefined) return port;
  }
  throw new Error(`no free port in BENCH_PORTS=${process.env.BENCH_PORTS}`);
}

export interface Child {
  proc: ChildProcess;
  /** Last lines of stderr+stdout, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function start(command: string, args: string[], options: SpawnOptions = {}): Child {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(proc);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  proc.on('exit', () => children.delete(proc));
  return {
    proc,
    output: () => tail,
    stop(graceMs = 5000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it returns a value, the child dies, or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T | undefined>, child: Child, timeoutMs: number, everyMs = 10): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) {
      throw new Error(`child exited (${child.proc.exitCode ?? child.proc.signalCode}):\n${child.output()}`);
    }
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      /* not listening yet */
    }
    await sleep(everyMs);
  }
  return undefined;
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** Resident memory split (MB, /proc status): anonymous (heap, native allocations, compiled code), file-backed (mapped binaries), shared. */
export function rssSplitMb(pid: number | undefined): { anon: number; file: number; shmem: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)\\s+kB`).exec(status)?.[1] ?? NaN);
    const mb = (v: number) => Math.round((v / 1024) * 10) / 10;
    const [anon, file, shmem] = [kb('RssAnon'), kb('RssFile'), kb('RssShmem')];
    return Number.isFinite(anon) ? { anon: mb(anon), file: mb(file), shmem: mb(shmem) } : null;
  } catch {
    return null;
  }
}

/** User + system CPU time a process has used so far, in ms, from /proc (Linux; 10 ms ticks). */
export function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}
