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
interface Postings {
  docs: Int32Array;
  tfs: Float64Array;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  /** Score accumulator reused by every query: no per-query allocation, so no GC pauses at 10k docs. */
  private readonly acc: Float64Array;
  private readonly touched: Int32Array;
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
    const lists = new Map<string, { docs: number[]; tfs: number[] }>();
    docs.forEach((doc, index) => {
      const combined = new Map<string, number>();
      doc.fields.forEach((field, f) => {
        const norm = 1 - B + (B * bagLength(field.bag)) / avgLen[f]!;
        for (const [term, tf] of field.bag) {
          combined.set(term, (combined.get(term) ?? 0) + (field.weight * tf) / norm);
        }
      });
      for (const [term, tf] of combined) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = { docs: [], tfs: [] }));
        list.docs.push(index);
        // Saturation is applied once here, so a query only multiplies by idf and adds.
        list.tfs.push(tf / (K1 + tf));
      }
    });
    for (const [term, list] of lists) {
      this.postings.set(term, { docs: Int32Array.from(list.docs), tfs: Float64Array.from(list.tfs) });
      this.idfs.set(term, idfFor(this.docCount, list.docs.length));
    }
    this.acc = new Float64Array(this.docCount);
    this.touched = new Int32Array(this.docCount);
  }

  /** idf of a term; unseen terms get the idf of a term seen in no document. */
  idf(term: string): number {
    return this.idfs.get(term) ?? idfFor(this.docCount, 0);
  }

  /** idf of a term seen in no document. */
  unseenIdf(): number {
    return idfFor(this.docCount, 0);
  }

  /** idf of a term the index holds, else undefined (one lookup for idf and has together). */
  knownIdf(term: string): number | undefined {
    return this.idfs.get(term);
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Whether some document below `limit` contains the term (i.e. not only the extra documents). */
  hasBelow(term: string, limit: number): boolean {
    const docs = this.postings.get(term)?.docs;
    return docs !== undefined && docs.length > 0 && docs[0]! < limit;
  }

  /** Whether `doc` contains `term` (binary search: postings are in document order). */
  contains(term: string, doc: number): boolean {
    return this.docsOf(term)?.includesDoc(doc) ?? false;
  }

  /** The documents that contain `term`, for a query that tests many documents against it. */
  docsOf(term: string): DocSet | undefined {
    const docs = this.postings.get(term)?.docs;
    return docs ? new DocSet(docs) : undefined;
  }

  /**
   * The k best documents below `limit` for a weighted query, best first. Documents at or above
   * `limit` still count in the statistics (idf) but are never returned.
   */
  top(query: ReadonlyMap<string, number>, k: number, limit = this.docCount): [number, number][] {
    let touchedCount = 0;
    for (const [term, qw] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const weight = qw * this.idfs.get(term)!;
      const { docs, tfs } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        if (this.acc[doc] === 0) this.touched[touchedCount++] = doc;
        this.acc[doc]! += weight * tfs[i]!;
      }
    }
    const best: [number, number][] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = this.touched[i]!;
      const score = this.acc[doc]!;
      this.acc[doc] = 0;
      if (doc >= limit || score <= 0) continue;
      if (best.length < k) {
        best.push([doc, score]);
        if (best.length === k) best.sort((a, b) => b[1] - a[1]);
      } else if (score > best[k - 1]![1]) {
        best[k - 1] = [doc, score];
        best.sort((a, b) => b[1] - a[1]);
      }
    }
    return best.sort((a, b) => b[1] - a[1]);
  }
}

/** A term's documents, in document order. */
export class DocSet {
  constructor(private readonly docs: Int32Array) {}

  includesDoc(doc: number): boolean {
    const docs = this.docs;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = docs[mid]!;
      if (value === doc) return true;
      if (value < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
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
