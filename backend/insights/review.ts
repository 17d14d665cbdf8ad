import { createHash } from 'node:crypto';
import type { FaqCandidate, FaqDecision } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';
import type { InsightRecord, KnowledgeRecord, TurnRecord } from './insightRecord.js';
import { accumulate, cosine, normalized, surfaceFeatures, weighted } from './similarity.js';

/**
 * Why a question is in the queue: the bot asked "did you mean", declined, the user voted 👎, or
 * the bot answered without being sure (confidence below UNSURE_BELOW) and nobody voted.
 */
export type QueueReason = 'clarify' | 'none' | 'downvoted' | 'unsure';

export interface QueueQuestion {
  id: string;
  lang: Lang;
  text: string;
  at: string;
  reason: QueueReason;
  /** The topic the user tapped after the "did you mean", if they did. */
  picked?: string;
  /** The topic answered (and voted 👎, or answered unsure). */
  answered?: string;
}

/** Where a suggestion comes from, most trusted first. */
export const SUGGESTION_SOURCES = ['users', 'advocates', 'engine'] as const;
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

export interface Suggestion {
  topic: string;
  source: SuggestionSource;
  /** How many pieces of evidence of that source point to the topic. */
  votes: number;
}

export interface ReviewCluster {
  id: string;
  langs: Lang[];
  questions: QueueQuestion[];
  suggestion: Suggestion | null;
  /** The engine's best topics for the cluster today (mean score over its questions). */
  candidates: FaqCandidate[];
}

export interface ReviewOptions {
  /** Cosine (surface features) from which a question joins a cluster: near-duplicates only. */
  threshold?: number;
  /** The most recent questions considered, to keep the queue fast on a busy range. */
  maxQuestions?: number;
}

interface Item {
  question: QueueQuestion;
  conversation: string;
  evidence: Record<SuggestionSource, Map<string, number>>;
  candidates: FaqCandidate[];
}

const DEFAULT_THRESHOLD = 0.45;
/**
 * An answer less sure than this goes to the queue too: most users do not vote, and on dev.jsonl
 * plus realistic.jsonl the 7% of answers below 0.8 hold half of the wrong ones (11 wrong of 40,
 * against 10 of 568 above). An author's accept confirms it (the question becomes an example).
 */
export const UNSURE_BELOW = 0.8;
const DEFAULT_MAX = 2000;

/**
 * The review queue of a range: questions the bot could not answer outright (or answered without
 * being sure, or answered and got a 👎), not yet decided on by an author, grouped into clusters of near-duplicates per language.
 * Each question carries its evidence — the topic the user tapped after the "did you mean", what an
 * advocate then searched and used in the knowledge base, the engine's best topic today — and a
 * cluster's suggestion is the most trusted evidence its questions have, in that order. Clusters
 * whose suggestion comes from people (users or advocates) and names the same topic are one
 * cluster across languages: people already said they mean the same thing.
 */
export function reviewQueue(
  records: readonly InsightRecord[],
  reviewed: ReadonlySet<string>,
  engine: { decide(text: string, lang: Lang): FaqDecision },
  options: ReviewOptions = {},
): ReviewCluster[] {
  const turns = records.filter((r): r is TurnRecord => r.kind === 'turn');
  const knowledge = records.filter((r): r is KnowledgeRecord => r.kind === 'kbSearch');
  const picks = new Map<string, string[]>();
  const downvoted = new Set<string>();
  for (const t of turns) {
    if (t.pick) picks.set(t.pick.clarify, [...(picks.get(t.pick.clarify) ?? []), t.pick.topic]);
    if (t.vote?.vote === 'down' && t.vote.answer) downvoted.add(t.vote.answer);
  }
  const byConversation = new Map<string, KnowledgeRecord[]>();
  for (const k of knowledge) byConversation.set(k.conversation, [...(byConversation.get(k.conversation) ?? []), k]);

  const items: Item[] = [];
  for (const t of turns) {
    if (!t.text || !t.faq || t.faq.via !== 'engine' || reviewed.has(t.id)) continue;
    const unsure = t.faq.confidence !== undefined && t.faq.confidence < UNSURE_BELOW;
    const reason: QueueReason | undefined =
      t.faq.decision === 'answer' ? (downvoted.has(t.id) ? 'downvoted' : unsure ? 'unsure' : undefined) : t.faq.decision;
    if (!reason) continue;
    const question: QueueQuestion = { id: t.id, lang: t.lang, text: t.text, at: t.at, reason };
    const picked = picks.get(t.id)?.at(-1);
    if (picked) question.picked = picked;
    if ((reason === 'downvoted' || reason === 'unsure') && t.faq.answered) question.answered = t.faq.answered;
    items.push({ question, conversation: t.conversation, evidence: { users: new Map(), advocates: new Map(), engine: new Map() }, candidates: [] });
  }
  items.sort((a, b) => (a.question.at < b.question.at ? -1 : 1));
  const recent = items.slice(-(options.maxQuestions ?? DEFAULT_MAX));

  for (const item of recent) {
    const { question } = item;
    for (const topic of picks.get(question.id) ?? []) bump(item.evidence.users, topic, 1);
    for (const k of byConversation.get(item.conversation) ?? []) {
      if (k.at < question.at) continue;
      if (k.used) bump(item.evidence.advocates, k.used, 2);
      else if (k.results[0]) bump(item.evidence.advocates, k.results[0], 1);
    }
    const decision = engine.decide(question.text, question.lang);
    // A 👎 says the answered topic is not it; an unsure answer's topic stays the engine's guess.
    const rejected = question.reason === 'downvoted' ? question.answered : undefined;
    item.candidates = decision.candidates.filter((c) => c.id !== rejected);
    const best = decision.kind === 'answer' && decision.id !== rejected ? decision.id : item.candidates[0]?.id;
    if (best) bump(item.evidence.engine, best, 1);
  }

  const clusters: Item[][] = [];
  for (const lang of ['fr', 'zh', 'en'] as const) {
    const mine = recent.filter((i) => i.question.lang === lang);
    const vectors = weighted(mine.map((i) => surfaceFeatures(i.question.text, lang)));
    // Each question joins the group whose centroid it is closest to, if close enough.
    const groups: Array<{ items: Item[]; sum: Map<string, number>; unit: Map<string, number> }> = [];
    mine.forEach((item, i) => {
      const v = vectors[i]!;
      let best: (typeof groups)[number] | undefined;
      let bestScore = options.threshold ?? DEFAULT_THRESHOLD;
      for (const group of groups) {
        const score = cosine(group.unit, v);
        if (score >= bestScore) [best, bestScore] = [group, score];
      }
      if (best) {
        best.items.push(item);
        accumulate(best.sum, v);
        best.unit = normalized(best.sum);
      } else groups.push({ items: [item], sum: new Map(v), unit: v });
    });
    clusters.push(...groups.map((g) => g.items));
  }

  const built = clusters.map(toCluster);
  return mergeAcrossLanguages(built, clusters).sort(
    (a, b) => b.questions.length - a.questions.length || (a.questions.at(-1)!.at < b.questions.at(-1)!.at ? 1 : -1),
  );
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function suggest(items: readonly Item[]): Suggestion | null {
  for (const source of SUGGESTION_SOURCES) {
    const votes = new Map<string, number>();
    for (const item of items) for (const [topic, n] of item.evidence[source]) bump(votes, topic, n);
    const [topic, n] = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
    if (topic) return { topic, source, votes: n! };
  }
  return null;
}

function toCluster(items: Item[]): ReviewCluster {
  const scores = new Map<string, number>();
  for (const item of items) for (const c of item.candidates) bump(scores, c.id, c.score / items.length);
  const questions = items.map((i) => i.question).sort((a, b) => (a.at < b.at ? -1 : 1));
  return {
    id: clusterId(questions),
    langs: [...new Set(questions.map((q) => q.lang))],
    questions,
    suggestion: suggest(items),
    candidates: [...scores].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id, score]) => ({ id, score: Math.round(score * 1000) / 1000 })),
  };
}

function mergeAcrossLanguages(built: ReviewCluster[], items: Item[][]): ReviewCluster[] {
  const byTopic = new Map<string, number[]>();
  built.forEach((cluster, i) => {
    const s = cluster.suggestion;
    if (s && s.source !== 'engine') byTopic.set(s.topic, [...(byTopic.get(s.topic) ?? []), i]);
  });
  const merged = new Set<number>();
  const out: ReviewCluster[] = [];
  for (const indexes of byTopic.values()) {
    const langs = new Set(indexes.map((i) => built[i]!.langs[0]));
    if (indexes.length < 2 || langs.size < 2) continue;
    for (const i of indexes) merged.add(i);
    out.push(toCluster(indexes.flatMap((i) => items[i]!)));
  }
  built.forEach((cluster, i) => {
    if (!merged.has(i)) out.push(cluster);
  });
  return out;
}

/** Stable while the cluster holds the same questions, so a decision can name the cluster it was made on. */
export function clusterId(questions: readonly { id: string }[]): string {
  return createHash('sha256').update(questions.map((q) => q.id).sort().join('\n')).digest('hex').slice(0, 12);
}
