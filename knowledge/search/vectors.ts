/** Maps each indexed term to a small integer, so vectors are typed arrays instead of Maps. */
export class TermIds {
  private readonly ids = new Map<string, number>();

  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    return id;
  }

  get(term: string): number | undefined {
    return this.ids.get(term);
  }

  get size(): number {
    return this.ids.size;
  }
}

/**
 * The query spread over a dense scratch array indexed by term id: a cosine with an example is
 * then one pass over the example's few terms, with no allocation (hundreds run per query).
 */
export class QueryVector {
  private readonly dense: Float64Array;
  private loaded: number[] = [];
  norm = 0;

  constructor(private readonly terms: TermIds) {
    this.dense = new Float64Array(terms.size);
  }

  /** Loads weighted query terms; unknown terms still count in the norm (they make a match weaker). */
  load(weights: ReadonlyMap<string, number>): void {
    this.clear();
    let sum = 0;
    for (const [term, w] of weights) {
      sum += w * w;
      const id = this.terms.get(term);
      if (id !== undefined && id < this.dense.length) {
        this.dense[id] = w;
        this.loaded.push(id);
      }
    }
    this.norm = Math.sqrt(sum);
  }

  /** Cosine with one packed row ids/weights[from, to) whose length is `norm`. */
  cosineRow(ids: Int32Array, weights: Float64Array, from: number, to: number, norm: number): number {
    if (this.norm === 0 || norm === 0) return 0;
    let dot = 0;
    for (let i = from; i < to; i++) dot += weights[i]! * this.dense[ids[i]!]!;
    return dot / (this.norm * norm);
  }

  clear(): void {
    for (const id of this.loaded) this.dense[id] = 0;
    this.loaded = [];
  }
}
