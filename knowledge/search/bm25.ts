import type { TermBag } from './analyzer.js';

/** One document made of weighted fields (example questions, title, answer). */
export interface FieldedDoc {
  fields: { bag: TermBag; weight: number }[];
}

const K1 = 1.2;
const B = 0.6;

/**
 * BM25F over whole topics: field term frequencies are length-normalised per field, weighted,
 * summed, then saturated once. Postings hold the pre-combined frequency so a query only adds.
 */
export class Bm25Index {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly idfs = new Map<string, number>();
  readonly docCount: number;

  constructor(docs: readonly FieldedDoc[]) {
    this.docCount = docs.length;
    const fieldCount = Math.max(0, ...docs.map((d) => d.fields.length));
    const avgLen: number[] = [];
    for (let f = 0; f < fieldCount; f++) {
      const total = docs.reduce((sum, d) => sum + bagLength(d.fields[f]?.bag), 0);
      avgLen.push(total / Math.max(1, docs.length) || 1);
    }
    docs.forEach((doc, index) => {
      const combined = new Map<string, number>();
      doc.fields.forEach((field, f) => {
        const norm = 1 - B + (B * bagLength(field.bag)) / avgLen[f]!;
        for (const [term, tf] of field.bag) {
          combined.set(term, (combined.get(term) ?? 0) + (field.weight * tf) / norm);
        }
      });
      for (const [term, tf] of combined) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc: index, tf });
      }
    });
    for (const [term, list] of this.postings) this.idfs.set(term, idfFor(this.docCount, list.length));
  }

  /** idf of a term; unseen terms get the idf of a term seen in no document. */
  idf(term: string): number {
    return this.idfs.get(term) ?? idfFor(this.docCount, 0);
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  terms(): IterableIterator<string> {
    return this.postings.keys();
  }

  /** Scores every document sharing a term with the query; returns doc index → score. */
  score(query: TermBag): Map<number, number> {
    const scores = new Map<number, number>();
    for (const [term, qtf] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idfs.get(term)!;
      for (const { doc, tf } of list) {
        scores.set(doc, (scores.get(doc) ?? 0) + (qtf * idf * tf) / (K1 + tf));
      }
    }
    return scores;
  }
}

function idfFor(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function bagLength(bag: TermBag | undefined): number {
  let length = 0;
  if (bag) for (const tf of bag.values()) length += tf;
  return length;
}
