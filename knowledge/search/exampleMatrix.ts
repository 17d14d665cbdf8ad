import type { TermBag } from './analyzer.js';
import type { QueryVector, TermIds } from './vectors.js';

/**
 * Every example question of every topic, packed into a few typed arrays: at 10,000 entries this
 * is a handful of objects instead of hundreds of thousands, which keeps the heap small and
 * garbage-collection pauses short.
 *
 * The examples are stored by term (each term's rows and weights, CSC layout), not by row: a
 * query names a dozen words and a few dozen grams, so `load` adds up the dot products of all the
 * examples from those terms' lists at once. Walking every row of the eleven ranked topics
 * instead touched every term of ~1,200 examples twice per question, most of them words the
 * question does not contain: that was half the time of a question (p99 over 1 ms).
 */
export class ExampleMatrix {
  /** Term id t spans [termStart[t], termStart[t + 1]) of rows/weights. */
  private readonly termStart: Int32Array;
  private readonly rows: Int32Array;
  private readonly weights: Float64Array;
  private readonly norms: Float64Array;
  /** Group g (a topic) spans rows [groupStart[g], groupStart[g + 1]). */
  private readonly groupStart: Int32Array;
  /** Dot product of each row with the loaded query; reused by every query (no allocation). */
  private readonly dots: Float64Array;
  private queryNorm = 0;

  constructor(groups: readonly (readonly TermBag[])[], idf: (term: string) => number, terms: TermIds) {
    const entries: [number, number, number][] = []; // term id, row, weight
    const norms: number[] = [];
    const groupStart: number[] = [0];
    for (const rows of groups) {
      for (const bag of rows) {
        let sum = 0;
        for (const [term, tf] of bag) {
          const w = tf * idf(term);
          if (w <= 0) continue;
          entries.push([terms.intern(term), norms.length, w]);
          sum += w * w;
        }
        norms.push(Math.sqrt(sum));
      }
      groupStart.push(norms.length);
    }
    // Term ids are shared with other matrices built on the same TermIds: size for the largest seen.
    const termCount = entries.reduce((max, [id]) => Math.max(max, id + 1), 0);
    const termStart = new Int32Array(termCount + 1);
    for (const [id] of entries) termStart[id + 1]!++;
    for (let t = 0; t < termCount; t++) termStart[t + 1]! += termStart[t]!;
    const fill = termStart.slice(0, termCount);
    this.rows = new Int32Array(entries.length);
    this.weights = new Float64Array(entries.length);
    for (const [id, row, w] of entries) {
      const at = fill[id]!++;
      this.rows[at] = row;
      this.weights[at] = w;
    }
    this.termStart = termStart;
    this.norms = Float64Array.from(norms);
    this.groupStart = Int32Array.from(groupStart);
    this.dots = new Float64Array(norms.length);
  }

  /** Computes the query's dot product with every example; `nearest` and `nearestK` read them. */
  load(query: QueryVector): void {
    const { dots, termStart, rows, weights } = this;
    dots.fill(0);
    this.queryNorm = query.norm;
    const termCount = termStart.length - 1;
    const ids = query.loadedIds();
    const values = query.values();
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id >= termCount) continue;
      const w = values[id]!;
      const end = termStart[id + 1]!;
      for (let i = termStart[id]!; i < end; i++) dots[rows[i]!]! += w * weights[i]!;
    }
  }

  private cosine(row: number): number {
    const norm = this.norms[row]!;
    if (this.queryNorm === 0 || norm === 0) return 0;
    return this.dots[row]! / (this.queryNorm * norm);
  }

  /** The `k` best cosines between the loaded query and the rows of one group, best first (zeros left out). */
  nearestK(group: number, k: number, out: number[] = []): number[] {
    out.length = 0;
    for (let r = this.groupStart[group]!; r < this.groupStart[group + 1]!; r++) {
      const sim = this.cosine(r);
      if (sim <= 0 || (out.length === k && sim <= out[k - 1]!)) continue;
      let i = Math.min(out.length, k - 1);
      if (out.length < k) out.push(sim);
      while (i > 0 && out[i - 1]! < sim) { out[i] = out[i - 1]!; i--; }
      out[i] = sim;
    }
    return out;
  }

  /** Best and second-best cosine between the loaded query and the rows of one group. */
  nearest(group: number): { best: number; second: number } {
    let best = 0;
    let second = 0;
    for (let r = this.groupStart[group]!; r < this.groupStart[group + 1]!; r++) {
      const sim = this.cosine(r);
      if (sim > best) {
        second = best;
        best = sim;
      } else if (sim > second) second = sim;
    }
    return { best, second };
  }
}
