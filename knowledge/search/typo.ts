/**
 * Damerau-distance-1 correction for longer Latin tokens ("renouvelement", "licnese") by symmetric
 * deletes: every vocabulary term and every one-character deletion of it point back to the term.
 */
export class TypoCorrector {
  private readonly deletes = new Map<string, string[]>();
  /** A token longer than the longest term + 1 is within distance 1 of none: skipped before its
   * deletions are made, which cost the square of its length (a 4,000-letter token: 16 M chars). */
  private longest = 0;

  constructor(vocabulary: Iterable<string>, private readonly minLength = 5) {
    for (const term of vocabulary) {
      if (term.length < minLength - 1 || !/^[a-z]+$/.test(term)) continue;
      this.longest = Math.max(this.longest, term.length);
      for (const variant of [term, ...oneDeletions(term)]) {
        const list = this.deletes.get(variant) ?? [];
        if (!list.includes(term)) list.push(term);
        this.deletes.set(variant, list);
      }
    }
  }

  /** The closest vocabulary term at distance ≤ 1, or undefined; ties go to the first seen. */
  correct(token: string): string | undefined {
    if (token.length < this.minLength || token.length > this.longest + 1 || !/^[a-z]+$/.test(token)) return undefined;
    for (const variant of [token, ...oneDeletions(token)]) {
      // People rarely mistype the first letter; requiring it avoids changer → echanger.
      const hit = this.deletes.get(variant)?.find((term) => term[0] === token[0] && withinOne(token, term));
      if (hit) return hit;
    }
    return undefined;
  }
}

function oneDeletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Damerau distance ≤ 1: one substitution, insertion, deletion, or swap of two neighbouring
 * letters ("licnese", "reciept"), the commonest slip when typing fast.
 */
function withinOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (i === a.length) return true;
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}
