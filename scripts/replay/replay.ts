import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forAuthors } from '../../backend/faq/faqLog.js';
import { addDays, dayIn } from '../../backend/insights/days.js';
import type { ReviewCluster } from '../../backend/insights/review.js';
import { loadConfig } from '../../bot/config.js';
import { createI18n } from '../../bot/i18n.js';
import { createApp } from '../../bot/index.js';
import { createLogger } from '../../bot/log.js';
import { isCorrect, runEval, type EvalCase, type EvalFigures, type EvalOutcome } from '../../knowledge/faqEval.js';
import { LiveFaqEngine } from '../../knowledge/liveFaq.js';
import { reactTo, type Reply } from './simulatedUser.js';

export interface ReplayResult {
  before: EvalFigures;
  after: EvalFigures;
  clusters: number;
  accepted: number;
  reassigned: number;
  outOfScope: number;
}

const LOCALE = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' } as const;
/** An author works through the queue in passes: a cluster whose questions have two labels is decided label by label. */
const MAX_PASSES = 10;

/**
 * The bot and this client share one process: when a rebuild keeps the event loop busy, the
 * server's keep-alive timer can close a pooled socket just as a request is sent on it (ECONNRESET,
 * or undici's "other side closed", UND_ERR_SOCKET, on a loaded machine).
 * A staff request is sent again then (a decision stored the first time is refused as already
 * reviewed, which is what was wanted).
 */
const isReset = (err: unknown): boolean => ['ECONNRESET', 'UND_ERR_SOCKET'].includes((err as { cause?: { code?: string } })?.cause?.code ?? '');

const figures = ({ answered1, found3, wrong, oosDeclined }: EvalFigures): EvalFigures => ({ answered1, found3, wrong, oosDeclined });

export async function replay(
  traffic: readonly EvalCase[],
  evaluation: readonly EvalCase[],
  options: { progress?: (line: string) => void; verbose?: boolean; ceiling?: boolean } = {},
): Promise<ReplayResult> {
  const say = options.progress ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'ra-replay-'));
  const key = randomBytes(24).toString('hex');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', STAFF_API_KEY: key, KB_OVERLAY_POLL_SECONDS: '3600' });
  const app = createApp(config, createLogger('silent'));
  const port = await app.listen();
  const base = `http://127.0.0.1:${port}`;
  const i18n = createI18n();
  const staff = async (method: string, path: string, body?: unknown) => {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        if (attempt < 2 && isReset(err)) continue;
        throw err;
      }
      const json = (await res.json()) as any;
      // A decision sent again after a reset may have been stored the first time.
      if (attempt > 0 && res.status === 409 && json?.error?.code === 'already_reviewed') return json;
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
      return json;
    }
  };
  try {
    const before = runEval(app.faq, evaluation);
    say(`learn:replay: before, on ${evaluation.length} evaluation questions: ${JSON.stringify(figures(before.report))}`);

    // 1. Traffic: one user and one conversation per question, through /api/messages.
    let messages = 0;
    let taps = 0;
    let downvotes = 0;
    for (const [i, c] of traffic.entries()) {
      const send = async (text: string): Promise<Reply[]> => {
        messages++;
        const body = JSON.stringify({
          type: 'message', deliveryMode: 'expectReplies', id: `replay-${i}-${messages}`, timestamp: new Date().toISOString(),
          channelId: 'webchat', serviceUrl: 'http://127.0.0.1:9/directline', locale: LOCALE[c.lang], textFormat: 'plain', text,
          from: { id: `replay-user-${i}`, role: 'user' }, conversation: { id: `replay-${i}` }, recipient: { id: 'bot', role: 'bot' },
        });
        // A pooled socket closed under the request (see isReset): sent once more, on a new socket.
        const post = () => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const res = await post().catch((err: unknown) => (isReset(err) ? post() : Promise.reject(err)));
        if (res.status !== 200) throw new Error(`/api/messages → ${res.status}`);
        return ((await res.json()) as { activities?: Reply[] }).activities ?? [];
      };
      const reaction = reactTo(c, await send(c.text), app.faq, i18n);
      if (reaction.kind !== 'none') await send(reaction.text);
      if (reaction.kind === 'tap') taps++;
      if (reaction.kind === 'downvote') downvotes++;
    }
    say(`learn:replay: ${traffic.length} traffic questions sent (${taps} "did you mean" taps, ${downvotes} 👎)`);

    // 2. The queue, once every turn's record is stored.
    const today = dayIn(new Date(), 'UTC');
    const range = `from=${addDays(today, -1)}&to=${addDays(today, 1)}&tz=UTC`;
    for (let wait = 0; (await staff('GET', `/api/insights/summary?${range}`)).summary.turns < messages; wait++) {
      if (wait > 200) throw new Error('the insight records of the traffic were not all stored');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // The author knows each question's label (the stored text is masked the same way).
    const labels = new Map<string, string | null>(traffic.map((c) => [`${c.lang}\u0000${forAuthors(c.text)}`, c.expect]));
    const labelOf = (q: ReviewCluster['questions'][number]): string | null | undefined => labels.get(`${q.lang}\u0000${q.text}`);

    // 3. The author: per cluster, the largest group of one label is decided; the rest wait for the next pass.
    const counts = { clusters: 0, accepted: 0, reassigned: 0, outOfScope: 0 };
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const { clusters } = (await staff('GET', `/api/insights/review?${range}`)) as { clusters: ReviewCluster[] };
      if (pass === 0) {
        counts.clusters = clusters.length;
        // Near-duplicates only: a cluster whose questions have two labels merged unrelated questions.
        const mixed = clusters.filter((c) => new Set(c.questions.map(labelOf).filter((l) => l !== undefined)).size > 1).length;
        say(`learn:replay: ${clusters.length} clusters, ${clusters.filter((c) => c.questions.length > 1).length} with more than one question, ${mixed} with two labels or more`);
      }
      if (!clusters.length) break;
      let decided = 0;
      for (const cluster of clusters) {
        const groups = new Map<string | null, string[]>();
        for (const q of cluster.questions) {
          const label = labelOf(q);
          if (label === undefined) continue; // not a traffic question (a tap, say): not the author's to decide
          groups.set(label, [...(groups.get(label) ?? []), q.id]);
        }
        const [label, ids] = [...groups].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
        if (label === undefined || !ids) continue;
        const suggested = cluster.suggestion?.topic;
        const action = label === null ? 'outOfScope' : label === suggested ? 'accept' : 'reassign';
        await staff('POST', '/api/insights/review', {
          action, questions: ids, cluster: cluster.id, ...(label ? { topic: label } : {}), ...(suggested ? { suggested } : {}),
        });
        counts[({ accept: 'accepted', reassign: 'reassigned', outOfScope: 'outOfScope' } as const)[action]]++;
        decided++;
      }
      if (!decided) break;
    }
    say(`learn:replay: ${counts.clusters} clusters; ${counts.accepted} accepted, ${counts.reassigned} reassigned, ${counts.outOfScope} out of scope`);

    // 4. The overlay applied (in the background, as for a live bot), then the evaluation again.
    for (let wait = 0; ; wait++) {
      const { version, applied } = await staff('GET', '/api/insights/overlay');
      if (applied === version) break;
      if (wait > 2000) throw new Error(`the overlay was not applied (version ${version}, applied ${applied})`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const { clarifyAnswerAt, confusedPairs } = await staff('GET', '/api/insights/overlay');
    say(`learn:replay: learned from the reviews: a "did you mean" is answered from strength ${clarifyAnswerAt ?? '(nothing learned)'}, except between ${confusedPairs.length} pairs of topics people mixed up`);
    const learned = app.faq.learned;
    say(`learn:replay: learned examples: ${learned ? `${learned.examples}, a question this close to one is decided like it: similarity ${learned.threshold.toFixed(3)} (on the shipped examples: ${learned.right} right, ${learned.wrong} wrong)` : 'none'}`);
    const after = runEval(app.faq, evaluation);
    say(`learn:replay: after: ${JSON.stringify(figures(after.report))}`);
    if (options.verbose) {
      for (const [i, o] of after.outcomes.entries()) {
        const was = isCorrect(before.outcomes[i]!);
        if (was !== isCorrect(o)) {
          const got = o.decision.kind === 'answer' ? o.decision.id : o.decision.kind;
          say(`  ${was ? 'lost' : 'won '} [${o.case.lang}] expect=${o.case.expect} got=${got} | ${o.case.text}`);
        }
      }
    }
    if (options.ceiling) await sayCeiling(traffic, evaluation, after.outcomes, say);
    return { before: figures(before.report), after: figures(after.report), ...counts };
  } finally {
    await app.close();
    if (!process.env.REPLAY_KEEP) rmSync(dataDir, { recursive: true, force: true });
    else say(`learn:replay: data kept in ${dataDir}`);
  }
}

/**
 * What this traffic could teach at best, to tell a loop that learns badly from traffic that has
 * little to teach: (1) an engine built as if an author had labelled every traffic question, not
 * only those the queue shows (the same overlay path, so the same code decides); (2) the share of
 * evaluation questions whose right topic the engine answers or ranks first, what a perfect choice
 * between answering and asking would reach without ranking them differently. Only the traffic's
 * labels are learned from; the evaluation half is only measured.
 */
async function sayCeiling(traffic: readonly EvalCase[], evaluation: readonly EvalCase[], after: readonly EvalOutcome[], say: (line: string) => void): Promise<void> {
  const everything = new LiveFaqEngine();
  await everything.apply({
    examples: traffic.flatMap((c) => (c.expect ? [{ topic: c.expect, lang: c.lang, text: c.text }] : [])),
    outOfScope: traffic.flatMap((c) => (c.expect ? [] : [{ lang: c.lang, text: c.text }])),
  }, 1);
  say(`learn:replay: ceiling, every traffic question labelled (${traffic.length}): ${JSON.stringify(figures(runEval(everything, evaluation).report))}`);
  const inScope = after.filter((o) => o.case.expect !== null);
  const first = inScope.filter((o) => (o.decision.kind === 'answer' ? o.decision.id : o.decision.candidates[0]?.id) === o.case.expect).length;
  say(`learn:replay: ceiling, right topic ranked first after the loop (a perfect answer-or-ask choice): ${(first / inScope.length).toFixed(3)}`);
}
