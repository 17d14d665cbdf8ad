import type { TermBag } from './analyzer.js';
import type { QueryVector, TermIds } from './vectors.js';

/**
 * Every example question of every topic, packed into a few typed arrays (CSR layout): at 10,000
 * entries this is a handful of objects instead of hundreds of thousands, which keeps the heap
 * small and garbage-collection pauses short.
 */
export class ExampleMatrix {
  private readonly ids: Int32Array;
  private readonly weights: Float64Array;
  /** Row r spans [rowStart[r], rowStart[r + 1]). */
  private readonly rowStart: Int32Array;
  private readonly norms: Float64Array;
  /** Group g (a topic) spans rows [groupStart[g], groupStart[g + 1]). */
  private readonly groupStart: Int32Array;

  constructor(groups: readonly (readonly TermBag[])[], idf: (term: string) => number, terms: TermIds) {
    const ids: number[] = [];
    const weights: number[] = [];
    const rowStart: number[] = [0];
    const norms: number[] = [];
    const groupStart: number[] = [0];
    for (const rows of groups) {
      for (const bag of rows) {
        let sum = 0;
        for (const [term, tf] of bag) {
          const w = tf * idf(term);
          if (w <= 0) continue;
          ids.push(terms.intern(term));
          weights.push(w);
          sum += w * w;
        }
        rowStart.push(ids.length);
        norms.push(Math.sqrt(sum));
      }
      groupStart.push(norms.length);
    }
    this.ids = Int32Array.from(ids);
    this.weights = Float64Array.from(weights);
    this.rowStart = Int32Array.from(rowStart);
    this.norms = Float64Array.from(norms);
    this.groupStart = Int32Array.from(groupStart);
  }

  /** The `k` best cosines between the query and the rows of one group, best first (zeros left out). */
  nearestK(query: QueryVector, group: number, k: number, out: number[] = []): number[] {
    out.length = 0;
    for (let r = this.groupStart[group]!; r < this.groupStart[group + 1]!; r++) {
      const sim = query.cosineRow(this.ids, this.weights, this.rowStart[r]!, this.rowStart[r + 1]!, this.norms[r]!);
      if (sim <= 0 || (out.length === k && sim <= out[k - 1]!)) continue;
      let i = Math.min(out.length, k - 1);
      if (out.length < k) out.push(sim);
      while (i > 0 && out[i - 1]! < sim) { out[i] = out[i - 1]!; i--; }
      out[i] = sim;
    }
    return out;
  }

  /** Best and second-best cosine between the query and the rows of one group. */
  nearest(query: QueryVector, group: number): { best: number; second: number } {
    let best = 0;
    let second = 0;
    for (let r = this.groupStart[group]!; r < this.groupStart[group + 1]!; r++) {
      const sim = query.cosineRow(this.ids, this.weights, this.rowStart[r]!, this.rowStart[r + 1]!, this.norms[r]!);
      if (sim > best) {
        second = best;
        best = sim;
      } else if (sim > second) second = sim;
    }
    return { best, second };
  }
}
