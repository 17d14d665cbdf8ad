export interface FaqCandidate { id: string; score: number }
export type FaqDecision =
  | { kind: 'answer'; id: string; candidates: FaqCandidate[] }
  | { kind: 'clarify'; candidates: FaqCandidate[] }   // 2–3 candidates
  | { kind: 'none'; candidates: FaqCandidate[] };

/** What the ranker found: topics by blended score, and the best cosines used by the decision. */
export interface Ranking {
  ranked: FaqCandidate[];
  /** Best cosine with an out-of-scope example. */
  oos: number;
  /** Best cosine with an example question, per ranked topic. */
  nearest: Map<string, number>;
  /** Share of the question's idf mass made of words the knowledge base contains at all. */
  knownShare: number;
  /** Per ranked topic: share of the question's distinctive words that the topic contains. */
  strongCoverage: Map<string, number>;
}

/**
 * Where the three-way decision cuts. Scores are in [0, 1]: a blend of the best cosine between the
 * question and one example question of the topic, how much of the question's weight the topic
 * covers at all, and BM25F. Values chosen with knowledge/faqCalibrate.ts on the shared dev set
 * (worst-language answered1 − 2 × wrong, with oosDeclined ≥ 0.95 and found3 ≥ 0.97), preferring
 * a margin ≥ 0.04 to keep wrong answers rare; see knowledge/faq-data/README.md.
 */
export interface FaqThresholds {
  /** Answer directly when the best topic scores at least this… */
  answer: number;
  /** …and leads the runner-up by at least this much. */
  margin: number;
  /** Below this nothing is close enough: decline (out of scope). */
  clarify: number;
  /** Clarify candidates must be within this distance of the best one. */
  clarifyWindow: number;
  /** Decline when an out-of-scope example matches better than the best topic by this much. */
  outOfScopeLead: number;
  /** Never answer directly when less than this share of the question is known vocabulary. */
  minKnownShare: number;
  /** Never answer directly when the topic contains less than this share of the distinctive words. */
  minStrongCoverage: number;
}

export const DEFAULT_THRESHOLDS: FaqThresholds = {
  answer: 0.38,
  margin: 0.04,
  clarify: 0.25,
  clarifyWindow: 0.15,
  outOfScopeLead: 0,
  minKnownShare: 0.2,
  minStrongCoverage: 0.34,
};

/** How the ranking signals are mixed; exposed so calibration can try alternatives. */
export interface RankTuning {
  /** Weight of the best cosine with a single example question (plus a little of the second best). */
  nearest: number;
  /** Weight of the share of the question's term weight that the topic knows at all. */
  coverage: number;
  /** Weight of the BM25F topic score, divided by the question's own total idf. */
  bm25: number;
  /** Unknown words count against a match at this fraction of the top idf (names must not sink it). */
  unknownIdfFactor: number;
  /** Topics re-ranked with the fine similarity after the BM25 pass. */
  rerankDepth: number;
}

export const DEFAULT_TUNING: RankTuning = {
  nearest: 0.5,
  coverage: 0.35,
  bm25: 0.15,
  unknownIdfFactor: 0.2,
  rerankDepth: 8,
};

/** The three-way cut: answer when confident, clarify between close candidates, else decline. */
export function decideFromRanking(
  { ranked, oos, nearest, knownShare, strongCoverage }: Ranking,
  t: FaqThresholds,
): FaqDecision {
  const first = ranked[0];
  if (!first) return { kind: 'none', candidates: [] };
  const candidates = ranked.slice(0, 3);
  // An out-of-scope example closer than any example of the best topic: decline.
  if (oos > (nearest.get(first.id) ?? 0) + t.outOfScopeLead) return { kind: 'none', candidates };
  const second = ranked[1]?.score ?? 0;
  const grounded = knownShare >= t.minKnownShare && (strongCoverage.get(first.id) ?? 1) >= t.minStrongCoverage;
  if (first.score >= t.answer && first.score - second >= t.margin && grounded) {
    return { kind: 'answer', id: first.id, candidates };
  }
  if (first.score < t.clarify) return { kind: 'none', candidates };
  const close = ranked.filter((c) => c.score >= first.score - t.clarifyWindow).slice(0, 3);
  return { kind: 'clarify', candidates: close.length >= 2 ? close : ranked.slice(0, 2) };
}
