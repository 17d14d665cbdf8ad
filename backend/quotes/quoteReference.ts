import type { Collection } from '../store/collection.js';

/** Last sequence number used per UTC day; stored in the `counters` collection. */
export interface DayCounter {
  last: number;
}

/**
 * Hands out `QR-YYYYMMDD-NNNN`. The counter is stored before the request that uses it, so a
 * number is never handed out twice, even across restarts or after a failed filing (gaps are
 * possible, reuse is not). Past 9999 a day the sequence simply grows a fifth digit.
 * Callers serialise calls (the repository does).
 */
export class QuoteReferences {
  readonly #counters: Collection<DayCounter>;

  constructor(counters: Collection<DayCounter>) {
    this.#counters = counters;
  }

  async next(at: Date): Promise<string> {
    const day = at.toISOString().slice(0, 10).replaceAll('-', '');
    const key = `quote-ref:${day}`;
    const last = (await this.#counters.get(key))?.last ?? 0;
    await this.#counters.put(key, { last: last + 1 });
    return `QR-${day}-${String(last + 1).padStart(4, '0')}`;
  }
}
