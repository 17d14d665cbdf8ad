/** What `take` answers. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; firstRefusal: boolean };

interface Bucket {
  tokens: number;
  at: number;
  /** Refused since the last accepted request. */
  refusing: boolean;
}

/**
 * Token buckets by key (a conversation, a client address): `perMinute` at once, then one every
 * 60/`perMinute` seconds. Buckets live in a Map used least recently first; past `maxKeys` the
 * oldest go, so a flood of new keys costs a bounded amount of memory. `perMinute` 0 turns it off.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    readonly perMinute: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  take(key: string): RateVerdict {
    if (!this.enabled) return { ok: true };
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: this.perMinute, at: now, refusing: false };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.refusing = false;
      return { ok: true };
    }
    const firstRefusal = !bucket.refusing;
    bucket.refusing = true;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)), firstRefusal };
  }
}
