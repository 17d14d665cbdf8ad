/**
 * The slowest turn over pathological texts (bench/pathologicalTexts.ts), at the top level and at
 * every typed prompt, in fr, zh and en. The bot runs in this process on a temporary DATA_DIR so
 * each turn's CPU time is read with process.cpuUsage() (the HTTP client's share included, well
 * under a millisecond); texts just under MAX_MESSAGE_CHARS are read by the whole pipeline, texts
 * over it only by the length limit. Every text runs twice at each place and the lower figure
 * counts (the first run also compiles code paths; a garbage collection may fall on either).
 * Target: no turn over 50 ms of CPU.
 *
 *   npx tsx bench/pathological.ts       prints the table and a JSON line
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { loadConfig } from '../bot/config.js';
import { createApp } from '../bot/index.js';
import { createLogger } from '../bot/log.js';
import { ANSWERS, OPENINGS } from '../test/quote-dialogs/answers.js';
import { PATHOLOGICAL } from './pathologicalTexts.js';
import { percentile, round } from './stats.js';
import type { Lang } from './traffic.js';

const LANGS: Lang[] = ['en', 'fr', 'zh'];
const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' };
/** Kinds that, together, ask every typed prompt. */
const KINDS = ['dc-new', 'coterm', 'cloud-existing', 'cloud-new', 'cloud-renewal'] as const;
export const PATHOLOGICAL_TARGET_MS = 50;

export interface PathologicalTurn {
  place: string;
  lang: Lang;
  text: string;
  length: number;
  cpuMs: number;
  wallMs: number;
}

export interface PathologicalResult {
  turns: number;
  places: number;
  maxCpuMs: number;
  p50CpuMs: number;
  p99CpuMs: number;
  slowest: PathologicalTurn[];
  /** The slowest turn at each place (top level, each prompt), all languages. */
  byPlace: Record<string, { cpuMs: number; text: string; lang: Lang }>;
}

interface Reply {
  type: string;
  text?: string;
  channelData?: { slot?: string };
}

export async function benchPathological(): Promise<PathologicalResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-bench-patho-'));
  // Dozens of texts at each prompt of one conversation: the per-conversation rate limit would refuse them.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_CONVERSATION: '0' });
  const app = createApp(config, createLogger('silent', new Writable({ write: (_c, _e, done) => done() })));
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  const max = config.MAX_MESSAGE_CHARS;
  const texts: Array<[string, string]> = [
    ...Object.entries(PATHOLOGICAL).map(([name, make]) => [name, make(max - 1)] as [string, string]),
    ['letters (over the limit)', PATHOLOGICAL.letters!(20_000)],
    ['digits (over the limit)', PATHOLOGICAL.digits!(100_000)],
  ];
  const turns: PathologicalTurn[] = [];
  let seq = 0;
  const post = async (conversation: string, lang: Lang, text: string): Promise<{ replies: Reply[]; cpuMs: number; wallMs: number }> => {
    const body = JSON.stringify({
      type: 'message', id: `p-${++seq}`, channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/bench', deliveryMode: 'expectReplies',
      conversation: { id: conversation }, from: { id: `u-${conversation}` }, recipient: { id: 'bot' }, locale: LOCALE[lang], text,
    });
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await res.json()) as { activities?: Reply[] };
    const wallMs = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    return { replies: (json.activities ?? []).filter((a) => a.type === 'message'), cpuMs: (used.user + used.system) / 1000, wallMs };
  };
  const slotOf = (replies: Reply[]) => [...replies].reverse().find((r) => r.channelData?.slot)?.channelData?.slot;
  const byKey = new Map<string, PathologicalTurn>();
  const measure = async (place: string, lang: Lang, conversation: string, name: string, text: string) => {
    const r = await post(conversation, lang, text);
    const key = `${place}|${lang}|${name}`;
    const before = byKey.get(key);
    if (!before || r.cpuMs < before.cpuMs) byKey.set(key, { place, lang, text: name, length: text.length, cpuMs: r.cpuMs, wallMs: r.wallMs });
    return r.replies;
  };

  try {
    for (let i = 0; i < 200; i++) {
      const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Twice, keeping the lower figure: the first pass also compiles the code paths these texts
    // take, and a garbage collection that falls on one run is not that text's cost.
    for (let pass = 0; pass < 2; pass++) {
      for (const lang of LANGS) {
        for (const [name, text] of texts) await measure('top level', lang, `top-${lang}-${++seq}`, name, text);
        for (const kind of KINDS) {
          const conversation = `prompts-${kind}-${lang}-${++seq}`;
          let replies = (await post(conversation, lang, OPENINGS[kind][lang])).replies;
          const seen = new Set<string>();
          for (let step = 0; step < 40; step++) {
            let slot = slotOf(replies);
            if (!slot || slot === 'confirm' && seen.has('confirm')) break;
            if (!seen.has(slot)) {
              seen.add(slot);
              for (const [name, text] of texts) {
                const read = await measure(`prompt ${slot}`, lang, conversation, name, text);
                // A text taken as the answer moves the dialog on: the next ones are measured there.
                slot = slotOf(read) ?? slot;
              }
            }
            if (slot === 'confirm') break;
            replies = (await post(conversation, lang, ANSWERS[lang][slot] ?? 'ok')).replies;
          }
        }
      }
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  turns.push(...byKey.values());
  const cpu = turns.map((t) => t.cpuMs).sort((a, b) => a - b);
  const byPlace: PathologicalResult['byPlace'] = {};
  for (const t of turns) if (!byPlace[t.place] || byPlace[t.place]!.cpuMs < t.cpuMs) byPlace[t.place] = { cpuMs: round(t.cpuMs, 1), text: t.text, lang: t.lang };
  return {
    turns: turns.length,
    places: Object.keys(byPlace).length,
    maxCpuMs: round(cpu.at(-1) ?? 0, 1),
    p50CpuMs: round(percentile(cpu, 50), 1),
    p99CpuMs: round(percentile(cpu, 99), 1),
    slowest: [...turns].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5).map((t) => ({ ...t, cpuMs: round(t.cpuMs, 1), wallMs: round(t.wallMs, 1) })),
    byPlace,
  };
}


export function pathologicalMarkdown(r: PathologicalResult): string {
  const lines = [
    `## Pathological texts (${r.turns} turns at ${r.places} places, fr/zh/en)`,
    '',
    `Slowest turn ${r.maxCpuMs} ms CPU (target ≤ ${PATHOLOGICAL_TARGET_MS}), p99 ${r.p99CpuMs} ms, p50 ${r.p50CpuMs} ms.`,
    '',
    '| place | slowest ms CPU | text | lang |',
    '|---|---:|---|---|',
    ...Object.entries(r.byPlace)
      .sort(([, a], [, b]) => b.cpuMs - a.cpuMs)
      .map(([place, s]) => `| ${place} | ${s.cpuMs} | ${s.text} | ${s.lang} |`),
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchPathological();
  process.stdout.write(`${pathologicalMarkdown(result)}\n\n${JSON.stringify({ pathologicalMaxCpuMs: result.maxCpuMs, slowest: result.slowest[0] })}\n`);
  process.exit(0);
}
