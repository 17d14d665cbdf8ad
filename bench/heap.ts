/**
 * Reads a V8 heap snapshot (node --heapsnapshot-signal) and says which module keeps what.
 *
 * Every object is counted once, under the module of its nearest dominator that belongs to a
 * module: a function (through its SharedFunctionInfo's script), its compiled code, or the context
 * its closures share (module-level variables live there). What only the roots dominate — objects
 * several modules reach, the runtime's own tables — is "(shared)". So a module's figure is what
 * would go if nothing else held its objects: the retained size, split without double counting.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] }; node_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapModule {
  module: string;
  mb: number;
  pct: number;
}

export interface HeapSummary {
  totalMb: number;
  nodes: number;
  modules: HeapModule[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A script's file, grouped: a package under node_modules, a folder of dist/, node core. */
export function moduleOf(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/node_modules\/((?:@[^/]+\/)?[^/]+))?/.exec(path);
  if (nm) return nm[2] ? `${nm[1]} → ${nm[2]}` : nm[1]!;
  if (path.startsWith('node:') || !path.startsWith('/')) return 'node core';
  const rel = path.startsWith(ROOT) ? relative(ROOT, path) : path;
  return rel.split('/').slice(0, rel.startsWith('dist/') ? 3 : 2).join('/');
}

export function summarizeHeap(file: string, top = 20): HeapSummary {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const { meta } = snap.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [typeF, nameF, sizeF, countF] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f)) as [number, number, number, number];
  const [eTypeF, eNameF, eToF] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snap;
  const n = nodes.length / nf;
  const WEAK = edgeTypes.indexOf('weak');
  const SHORTCUT = edgeTypes.indexOf('shortcut');
  const CLOSURE = nodeTypes.indexOf('closure');
  const CODE = nodeTypes.indexOf('code');
  const strongEdge = (e: number) => edges[e + eTypeF] !== WEAK && edges[e + eTypeF] !== SHORTCUT;

  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0, e = 0; i < n; i++) {
    firstEdge[i] = e;
    e += nodes[i * nf + countF]! * ef;
    firstEdge[i + 1] = e;
  }
  const named = (e: number, name: string) => edgeTypes[edges[e + eTypeF]!] !== 'element' && edgeTypes[edges[e + eTypeF]!] !== 'hidden' && strings[edges[e + eNameF]!] === name;
  const target = (node: number, name: string): number => {
    for (let e = firstEdge[node]!; e < firstEdge[node + 1]!; e += ef) if (named(e, name)) return edges[e + eToF]! / nf;
    return -1;
  };

  // Module labels: scripts by name, functions and their code through the script, contexts through their closures.
  const labels: string[] = [];
  const labelIds = new Map<string, number>();
  const label = new Int32Array(n).fill(-1);
  const idOf = (m: string) => labelIds.get(m) ?? (labelIds.set(m, labels.push(m) - 1), labels.length - 1);
  for (let i = 0; i < n; i++) {
    if (nodes[i * nf + typeF] !== CLOSURE) continue;
    const shared = target(i, 'shared');
    const script = shared >= 0 ? target(shared, 'script_or_debug_info') : -1;
    if (script < 0 || nodes[script * nf + typeF] !== CODE) continue;
    const url = strings[nodes[script * nf + nameF]!]!;
    if (!url || url.startsWith('system /')) continue;
    const id = idOf(moduleOf(url));
    label[i] = id;
    if (label[shared] < 0) label[shared] = id;
    if (label[script] < 0) label[script] = id;
    const context = target(i, 'context');
    if (context >= 0 && label[context] < 0) label[context] = id;
    // The source text: the compilation cache holds it too, so the script alone does not dominate it.
    const source = target(script, 'source');
    if (source >= 0 && label[source] < 0) label[source] = id;
  }

  // CommonJS modules: the Module object of require.cache, by its filename (exports hang below it).
  for (let i = 0; i < n; i++) {
    if (label[i] >= 0 || strings[nodes[i * nf + nameF]!] !== 'Module') continue;
    const filename = target(i, 'filename');
    const path = filename >= 0 ? strings[nodes[filename * nf + nameF]!] : undefined;
    if (path?.startsWith('/')) label[i] = idOf(moduleOf(path));
  }

  // Post-order from the root (node 0) over strong edges, iteratively.
  const post = new Int32Array(n).fill(-1);
  const order = new Uint32Array(n); // order[k] = node with post-order k
  const stack = new Uint32Array(n);
  const cursor = new Uint32Array(n);
  const seen = new Uint8Array(n);
  let sp = 0;
  let count = 0;
  stack[sp++] = 0;
  seen[0] = 1;
  cursor[0] = firstEdge[0]!;
  while (sp > 0) {
    const v = stack[sp - 1]!;
    let pushed = false;
    for (let e = cursor[v]!; e < firstEdge[v + 1]!; e += ef) {
      if (!strongEdge(e)) continue;
      const w = edges[e + eToF]! / nf;
      if (seen[w]) continue;
      cursor[v] = e + ef;
      seen[w] = 1;
      cursor[w] = firstEdge[w]!;
      stack[sp++] = w;
      pushed = true;
      break;
    }
    if (!pushed) {
      sp--;
      post[v] = count;
      order[count++] = v;
    }
  }

  // Predecessors (reachable ones only), as a compressed list.
  const predCount = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (post[v] < 0) continue;
    for (let e = firstEdge[v]!; e < firstEdge[v + 1]!; e += ef) if (strongEdge(e)) predCount[edges[e + eToF]! / nf + 1]!++;
  }
  for (let i = 0; i < n; i++) predCount[i + 1]! += predCount[i]!;
  const preds = new Uint32Array(predCount[n]!);
  const fill = predCount.slice(0, n);
  for (let v = 0; v < n; v++) {
    if (post[v] < 0) continue;
    for (let e = firstEdge[v]!; e < firstEdge[v + 1]!; e += ef) if (strongEdge(e)) preds[fill[edges[e + eToF]! / nf]!++] = v;
  }

  // Dominators (Cooper, Harvey, Kennedy), in post-order numbers.
  const root = post[0]!;
  const idom = new Int32Array(count).fill(-1);
  idom[root] = root;
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = count - 1; k >= 0; k--) {
      if (k === root) continue;
      const v = order[k]!;
      let best = -1;
      for (let p = predCount[v]!; p < predCount[v + 1]!; p++) {
        let a = post[preds[p]!]!;
        if (idom[a] < 0) continue;
        if (best < 0) {
          best = a;
          continue;
        }
        let b = best;
        while (a !== b) {
          while (a < b) a = idom[a]!;
          while (b < a) b = idom[b]!;
        }
        best = a;
      }
      if (best >= 0 && idom[k] !== best) {
        idom[k] = best;
        changed = true;
      }
    }
  }

  // Owner: the node's own label, else its dominator's owner (dominators come first in reverse post-order).
  const owner = new Int32Array(count).fill(-1);
  const bytes = new Map<number, number>();
  let total = 0;
  for (let k = count - 1; k >= 0; k--) {
    const v = order[k]!;
    owner[k] = label[v]! >= 0 ? label[v]! : k === root ? -1 : owner[idom[k]!]!;
    const size = nodes[v * nf + sizeF]!;
    total += size;
    // What no module owns is told apart by kind: strings, compiled code, arrays…
    const key = owner[k]! >= 0 ? owner[k]! : -1 - nodes[v * nf + typeF]!;
    bytes.set(key, (bytes.get(key) ?? 0) + size);
  }
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
  const modules = [...bytes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([id, b]) => ({ module: id < 0 ? `(shared ${nodeTypes[-1 - id]}s)` : labels[id]!, mb: mb(b), pct: Math.round((b / total) * 1000) / 10 }));
  return { totalMb: mb(total), nodes: count, modules };
}
