import type { GlossaryConcept } from './resources.js';

/** Concept tokens start with § so they never collide with a stem or a Chinese word. */
export const CONCEPT_PREFIX = '§';

/**
 * Replaces synonym phrases by one language-neutral concept token (续订/续费/renew/renouveler → §renew).
 * Index and query go through the same matcher, so synonyms meet, also across languages.
 */
export class GlossaryMatcher {
  /** first token → candidate phrases, longest first. */
  private readonly phrases = new Map<string, { tokens: string[]; concept: string }[]>();
  private readonly weights = new Map<string, number>();

  constructor(concepts: GlossaryConcept[], analyzeTerm: (term: string) => string[][]) {
    for (const concept of concepts) {
      const token = CONCEPT_PREFIX + concept.id;
      if (concept.weight !== undefined) this.weights.set(token, concept.weight);
      for (const terms of Object.values(concept.terms)) {
        for (const term of terms ?? []) {
          for (const tokens of analyzeTerm(term)) this.add(tokens, token);
        }
      }
    }
    for (const list of this.phrases.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  private add(tokens: string[], concept: string): void {
    const first = tokens[0];
    if (first === undefined) return;
    const list = this.phrases.get(first) ?? [];
    if (!list.some((p) => p.concept === concept && p.tokens.join(' ') === tokens.join(' '))) {
      list.push({ tokens, concept });
    }
    this.phrases.set(first, list);
  }

  /** Term frequency one occurrence of `term` adds (concepts may weigh more than 1). */
  weight(term: string): number {
    return this.weights.get(term) ?? 1;
  }

  /**
   * Greedy longest match from left to right. Stopwords (flagged in `stop`) may be part of a
   * phrase; left over, they are dropped.
   */
  apply(tokens: readonly string[], stop: readonly boolean[] = []): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      const candidates = this.phrases.get(tokens[i]!);
      // A one-word term never matches a stopword: French "sa" (its) is also the stem of "SaaS".
      const hit = candidates?.find((p) => (p.tokens.length > 1 || !stop[i]) && p.tokens.every((t, k) => tokens[i + k] === t));
      if (hit) {
        out.push(hit.concept);
        i += hit.tokens.length;
      } else {
        if (!stop[i]) out.push(tokens[i]!);
        i += 1;
      }
    }
    return out;
  }
}
