/** Exponential backoff with jitter, capped: how long to wait before delivery attempt n+1. */
export interface BackoffOptions {
  /** Delay ceiling after the first failure. */
  baseMs: number;
  /** The ceiling never grows past this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 15 * 60_000 };

/**
 * "Equal jitter": half the ceiling plus a random half, so retries from many entries spread out
 * (no thundering herd after an outage) yet never come back sooner than half the ceiling.
 */
export function backoffDelay(failures: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
