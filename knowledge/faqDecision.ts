import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../bot/paths.js';
import { LANGS, type Lang } from './lang.js';

export interface FaqCandidate { id: string; score: number }
export type FaqDecision =
  | { kind: 'answer'; id: string; candidates: FaqCandidate[]; confidence: number }
  | { kind: 'clarify'; candidates: FaqCandidate[]; confidence: number }   // 2–3 candidates
  | { kind: 'none'; candidates: FaqCandidate[]; confidence: number };

/** The signals behind one topic's score, kept for the decision and for calibration. */
export interface TopicFeatures {
  /** Best (and a little of the second-best) cosine with one example question, on words. */
  near: number;
  /** The same on character n-grams. */
  gram: number;
  /** Share of the question's weight (neutral words left out) that the topic contains. */
  coverage: number;
  /** BM25F over the topic, divided by the question's own idf mass. */
  bm25: number;
  /** Facet agreement in [-1, 1]: +1 each dimension the question names and the topic accepts, −1 each it excludes. */
  facet: number;
  /** Share of the question's distinctive words (rare across topics) the topic contains. */
  strong: number;
  /** Share of the five most similar examples over all ranked topics that belong to this one. */
  vote: number;
}

/** What the ranker found: topics by blended score, and what the decision looks at. */
export interface Ranking {
  ranked: FaqCandidate[];
  features: Map<string, TopicFeatures>;
  /** Best cosine with an out-of-scope example, on words and on grams. */
  oos: number;
  oosGram: number;
  /** The out-of-scope examples scored like a topic (same blend): a competitor for the best topic. */
  oosScore: number;
  /** Share of the question's idf mass made of words the knowledge base contains at all. */
  knownShare: number;
  /** Words found only in out-of-scope examples (模板, sprint, workflow). */
  outOfScopeWords: number;
  /** Non-neutral terms in the question. */
  length: number;
  /** Language the question was analysed in (thresholds may differ per language). */
  lang: Lang;
}

/** How the ranking signals are mixed; chosen by cross-validation (scripts/evalCv.ts). */
export interface RankTuning {
  nearest: number;
  coverage: number;
  bm25: number;
  gram: number;
  facet: number;
  /** Unknown words count against a match at this fraction of the top idf (names must not sink it). */
  unknownIdfFactor: number;
  /** Topics re-ranked with the fine similarity after the BM25 pass. */
  rerankDepth: number;
  /** Share of the second-nearest example in a topic's nearest-example similarity. */
  secondShare: number;
  /** Weight of the sentences that give context rather than ask. */
  contextWeight: number;
}

/** Decision features, in the order of the model's weights. */
export const FEATURE_NAMES = [
  'score', 'margin', 'near', 'gram', 'coverage', 'strong', 'facet', 'agreement', 'vote', 'oosGap', 'oosMargin', 'knownShare', 'oosWords', 'length',
] as const;

const tuningSchema = z.strictObject({
  nearest: z.number(), coverage: z.number(), bm25: z.number(), gram: z.number(), facet: z.number(),
  unknownIdfFactor: z.number().positive(), rerankDepth: z.number().int().min(3),
  secondShare: z.number().min(0).max(1), contextWeight: z.number().min(0).max(1),
});

/**
 * The calibrated three-way decision: a logistic model gives the probability that the best topic
 * is the right one; answer above `answerAt`, ask between the close topics when the best one
 * scores at least `clarifyAt`, decline otherwise. Written by `npm run eval -- --cv --write`.
 */
export const decisionModelSchema = z.strictObject({
  $comment: z.string().optional(),
  features: z.array(z.enum(FEATURE_NAMES)),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  answerAt: z.number().min(0).max(1),
  /** Per-language answer thresholds, when the languages calibrate differently. */
  answerAtByLang: z.record(z.enum(LANGS), z.number().min(0).max(1)).optional(),
  clarifyAt: z.number(),
  clarifyWindow: z.number().positive(),
  /** Decline rather than clarify when the out-of-scope examples outscore the best topic by more than this. */
  clarifyOosLead: z.number(),
  /** Decline when the out-of-scope examples outscore the best topic by more than this. */
  oosLead: z.number(),
  tuning: tuningSchema,
  crossValidation: z.record(z.string(), z.unknown()).optional(),
}).refine((m) => m.features.length === m.weights.length && m.mean.length === m.weights.length && m.scale.length === m.weights.length, 'features, mean, scale and weights must have one value per feature');

export type DecisionModel = z.infer<typeof decisionModelSchema>;

export const DECISION_MODEL_PATH = fromRoot('knowledge', 'faq-data', 'decision-model.json');

export function loadDecisionModel(path = DECISION_MODEL_PATH): DecisionModel {
  return decisionModelSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The feature values of the best topic of a ranking. */
export function featureVector(r: Ranking): Record<(typeof FEATURE_NAMES)[number], number> | undefined {
  const first = r.ranked[0];
  if (!first) return undefined;
  const f = r.features.get(first.id)!;
  return {
    score: first.score,
    margin: first.score - (r.ranked[1]?.score ?? 0),
    near: f.near,
    gram: f.gram,
    coverage: f.coverage,
    strong: f.strong,
    facet: f.facet,
    agreement: agreement(r, first.id),
    vote: f.vote,
    oosGap: Math.max(r.oos - f.near, r.oosGram - f.gram),
    oosMargin: first.score - r.oosScore,
    knownShare: r.knownShare,
    oosWords: r.outOfScopeWords > 0 ? 1 : 0,
    length: Math.log1p(r.length),
  };
}

/** Share of the single signals (word and gram neighbours, coverage, BM25) that rank the best topic first too. */
function agreement(r: Ranking, id: string): number {
  const signals = ['near', 'gram', 'coverage', 'bm25'] as const;
  let agree = 0;
  for (const signal of signals) {
    let best = '';
    let value = -Infinity;
    for (const [topic, f] of r.features) if (f[signal] > value) { value = f[signal]; best = topic; }
    if (best === id) agree++;
  }
  return agree / signals.length;
}

/** Probability that the best topic answers the question, rounded as the decision reports it. */
export function roundedConfidence(r: Ranking, m: DecisionModel): number {
  return round(confidence(r, m));
}

/** Probability that the best topic answers the question. */
export function confidence(r: Ranking, m: DecisionModel): number {
  const x = featureVector(r);
  if (!x) return 0;
  let z = m.bias;
  m.features.forEach((name, i) => (z += m.weights[i]! * ((x[name] - m.mean[i]!) / m.scale[i]!)));
  return 1 / (1 + Math.exp(-z));
}

/**
 * Two or three words, some of them unknown ("capital of Peru", "Adobe VIP"): one shared word is
 * not enough to answer, whatever the model says. The evaluation files have few such questions,
 * so this floor is fixed here rather than fitted.
 */
const SHORT_QUESTION_TERMS = 3;
const SHORT_MIN_KNOWN_SHARE = 0.45;
/**
 * Mostly words the knowledge base has never seen (an address, names typed at a form prompt:
 * "10 George Street, Sydney NSW 2000"): never an answer, however one known word scores.
 */
const MIN_KNOWN_SHARE = 0.3;
/**
 * A bare keyword the knowledge base knows ("licence", "许可证"): many topics share it, so it
 * scores low everywhere, but the user plainly wants one of them; ask rather than decline. The
 * evaluation files have no such questions, so the fitted clarify floor cannot see them.
 */
function isKeyword(r: Ranking, best: number): boolean {
  return r.length <= SHORT_QUESTION_TERMS && r.knownShare >= 0.9 && r.outOfScopeWords === 0 && r.oosScore <= best;
}

/** Below this even a clarification has nothing to go on ("une bonne recette de crêpes ?"). */
const CLARIFY_MIN_KNOWN_SHARE = 0.2;

/**
 * Answer when confident, ask between the close topics when something is close, else decline.
 * `p` is the model's confidence for this ranking: calibration passes it in, computed once, while
 * it scans thresholds (the confidence does not depend on them).
 */
export function decideFromRanking(r: Ranking, m: DecisionModel, p = round(confidence(r, m))): FaqDecision {
  const first = r.ranked[0];
  if (!first) return { kind: 'none', candidates: [], confidence: 0 };
  const candidates = r.ranked.slice(0, 3);
  // The out-of-scope examples, scored like a topic, beat the best topic: decline.
  if (r.oosScore - first.score > m.oosLead) return { kind: 'none', candidates, confidence: p };
  const grounded = r.knownShare >= MIN_KNOWN_SHARE && (r.length > SHORT_QUESTION_TERMS || r.knownShare >= SHORT_MIN_KNOWN_SHARE);
  if (grounded && p >= (m.answerAtByLang?.[r.lang] ?? m.answerAt)) return { kind: 'answer', id: first.id, candidates, confidence: p };
  // Mostly unknown words ("une bonne recette de crêpes"): nothing to ask about either.
  if ((first.score < m.clarifyAt && !isKeyword(r, first.score)) || r.oosScore > first.score + m.clarifyOosLead || r.knownShare < CLARIFY_MIN_KNOWN_SHARE) {
    return { kind: 'none', candidates, confidence: p };
  }
  const close = r.ranked.filter((c) => c.score >= first.score - m.clarifyWindow).slice(0, 3);
  return { kind: 'clarify', candidates: close.length >= 2 ? close : r.ranked.slice(0, 2), confidence: p };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
