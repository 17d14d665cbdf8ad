/**
 * Edit-distance-1 correction for longer Latin tokens ("renouvelement", "licnese") by symmetric
 * deletes: every vocabulary term and every one-character deletion of it point back to the term.
 */
export class TypoCorrector {
  private readonly deletes = new Map<string, string[]>();

  constructor(vocabulary: Iterable<string>, private readonly minLength = 5) {
    for (const term of vocabulary) {
      if (term.length < minLength - 1 || !/^[a-z]+$/.test(term)) continue;
      for (const variant of [term, ...oneDeletions(term)]) {
        const list = this.deletes.get(variant) ?? [];
        if (!list.includes(term)) list.push(term);
        this.deletes.set(variant, list);
      }
    }
  }

  /** The closest vocabulary term at distance ≤ 1, or undefined; ties go to the first seen. */
  correct(token: string): string | undefined {
    if (token.length < this.minLength || !/^[a-z]+$/.test(token)) return undefined;
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

/** Levenshtein distance ≤ 1 (substitution, insertion, deletion); transpositions count as 2. */
function withinOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
