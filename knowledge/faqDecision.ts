/**
 * Where the three-way decision cuts. Scores are in [0, 1]: a blend of the best cosine between the
 * question and one example question of the topic, and how much of the question's weight the topic
 * covers at all. Calibrated on the dev set (see docs in knowledge/README-faq.md).
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
}

export const DEFAULT_THRESHOLDS: FaqThresholds = {
  answer: 0.42,
  margin: 0.06,
  clarify: 0.3,
  clarifyWindow: 0.15,
  outOfScopeLead: 0,
};
