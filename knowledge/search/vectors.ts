import type { TermBag } from './analyzer.js';

/** A tf·idf vector with its precomputed length, for cosine similarity. */
export interface WeightedVector {
  weights: Map<string, number>;
  norm: number;
}

export function weigh(bag: TermBag, idf: (term: string) => number): WeightedVector {
  const weights = new Map<string, number>();
  let sum = 0;
  for (const [term, tf] of bag) {
    const w = tf * idf(term);
    if (w <= 0) continue;
    weights.set(term, w);
    sum += w * w;
  }
  return { weights, norm: Math.sqrt(sum) };
}

export function cosine(a: WeightedVector, b: WeightedVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small.weights) {
    const other = large.weights.get(term);
    if (other !== undefined) dot += w * other;
  }
  return dot / (a.norm * b.norm);
}
