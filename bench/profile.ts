/** Reads a V8 .cpuprofile (node --cpu-prof) and ranks functions and files by self time. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotSpot {
  name: string;
  where: string;
  selfMs: number;
  selfPct: number;
}

export interface ProfileSummary {
  totalMs: number;
  idlePct: number;
  gcPct: number;
  functions: HotSpot[];
  files: HotSpot[];
  /** Self time grouped by package (node_modules/<pkg>) or project folder. */
  areas: HotSpot[];
  /** Time under each project function (dist/…): the innermost project frame of every sample, so library time lands on our caller. */
  projectCallers: HotSpot[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function shortPath(url: string): string {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

function area(where: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (nm) return nm[1]!;
  if (where.startsWith('node:')) return 'node core';
  if (where.startsWith('dist/')) return where.split('/').slice(0, 3).join('/');
  return where.startsWith('(') ? where : where.split('/')[0]!;
}

/**
 * `lastMs`: only the samples of the profile's last `lastMs` milliseconds (the load, not the
 * start-up); or `window`, the load's start and end in µs of process.hrtime (V8 stamps its samples
 * with the same monotonic clock), when something ran after the load (a heap snapshot).
 */
export function summarizeProfile(file: string, top = 20, lastMs?: number, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const inProfile = window && window.fromUs >= profile.startTime && window.toUs <= profile.endTime;
  const from = inProfile ? window.fromUs : lastMs === undefined ? profile.startTime : profile.endTime - lastMs * 1000;
  const to = inProfile ? window.toUs : profile.endTime;
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    if (at < from || at > to) continue;
    // A sample's time is the delta to the next sample.
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, dt));
  }
  const totalUs = to - Math.max(profile.startTime, from);
  const callers = new Map<string, HotSpot>();
  const fns = new Map<string, HotSpot>();
  const files = new Map<string, HotSpot>();
  const areas = new Map<string, HotSpot>();
  let idle = 0;
  let gc = 0;
  const add = (map: Map<string, HotSpot>, key: string, name: string, where: string, us: number) => {
    const spot = map.get(key) ?? { name, where, selfMs: 0, selfPct: 0 };
    spot.selfMs += us / 1000;
    map.set(key, spot);
  };
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    if (functionName === '(garbage collector)') gc += us;
    const where = url ? `${shortPath(url)}:${lineNumber + 1}` : '(native)';
    const name = functionName || '(anonymous)';
    add(fns, `${name}@${where}`, name, where, us);
    const file = shortPath(url);
    add(files, file, file, file, us);
    const a = area(file);
    add(areas, a, a, a, us);
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      const path = frame?.url ? shortPath(frame.url) : '';
      if (path.startsWith('dist/')) {
        const fn = frame!.functionName || '(anonymous)';
        const w = `${path}:${frame!.lineNumber + 1}`;
        add(callers, `${fn}@${w}`, fn, w, us);
        break;
      }
    }
  }
  const busyUs = Math.max(1, totalUs - idle);
  const rank = (map: Map<string, HotSpot>) =>
    [...map.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((s) => ({ ...s, selfMs: Math.round(s.selfMs), selfPct: Math.round(((s.selfMs * 1000) / busyUs) * 1000) / 10 }));
  return {
    totalMs: Math.round(totalUs / 1000),
    idlePct: Math.round((idle / totalUs) * 1000) / 10,
    gcPct: Math.round((gc / busyUs) * 1000) / 10,
    functions: rank(fns),
    files: rank(files),
    areas: rank(areas),
    projectCallers: rank(callers),
  };
}
