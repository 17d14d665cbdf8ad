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
 * The query spread over a dense scratch array indexed by term id, with the list of the ids it
 * holds: the example matrices walk those ids' lists (see ExampleMatrix.load), with no allocation.
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

  /** Ids of the loaded terms the index knows (read-only view for the example matrices). */
  loadedIds(): readonly number[] {
    return this.loaded;
  }

  /** Weight by term id (0 for terms not loaded). */
  values(): Float64Array {
    return this.dense;
  }

  clear(): void {
    for (const id of this.loaded) this.dense[id] = 0;
    this.loaded = [];
  }
}
