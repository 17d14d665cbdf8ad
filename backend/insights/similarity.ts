import { readFileSync } from 'node:fs';
import { fromRoot } from '../../bot/paths.js';
import type { Lang } from '../../knowledge/lang.js';

type Vector = Map<string, number>;

let stopwords: Record<Lang, Set<string>> | undefined;
function stopwordsOf(lang: Lang): Set<string> {
  stopwords ??= Object.fromEntries(
    Object.entries(JSON.parse(readFileSync(fromRoot('knowledge', 'stopwords.json'), 'utf8')) as Record<Lang, string[]>).map(([l, words]) => [l, new Set(words)]),
  ) as Record<Lang, Set<string>>;
  return stopwords[lang] ?? new Set();
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');

/**
 * The surface features of a question, for telling near-duplicates apart from different
 * questions (not for answering: that is the engine's job): content words, their character
 * trigrams (so "proforma" meets "pro forma" and typos still match), and character bigrams of
 * Chinese. Stopwords of the language (knowledge/stopwords.json) are left out.
 */
export function surfaceFeatures(text: string, lang: Lang): Vector {
  const out: Vector = new Map();
  const add = (term: string, weight: number) => out.set(term, (out.get(term) ?? 0) + weight);
  const stop = stopwordsOf(lang);
  let folded = fold(text);
  if (lang === 'zh') for (const word of stop) if (word.length >= 2) folded = folded.replaceAll(word, ' ');
  const words: string[] = [];
  for (const run of folded.match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{Script=Han}/u.test(run)) {
      const chars = [...run].filter((c) => !stop.has(c));
      if (chars.length === 1) add(`h:${chars[0]}`, 1);
      for (let i = 0; i + 1 < chars.length; i++) add(`h:${chars[i]}${chars[i + 1]}`, 1);
      continue;
    }
    if (stop.has(run) || run.length < 2) continue;
    // Plurals meet their singular ("factures", "facture"); nothing more clever: surface only.
    const word = run.length > 3 ? run.replace(/(?<=[^s])s$/, '') : run;
    words.push(word);
    add(`w:${word}`, 1);
    const padded = `_${word}_`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`g:${padded.slice(i, i + 3)}`, 0.4);
  }
  // Words split differently ("pro forma" / "proforma") meet on the trigrams of the joined words.
  const joined = words.join('');
  for (let i = 0; i + 3 <= joined.length; i++) add(`j:${joined.slice(i, i + 3)}`, 0.2);
  return out;
}

/** tf-idf weights over a set of questions (terms found everywhere count for little), unit length. */
export function weighted(vectors: Vector[]): Vector[] {
  const df = new Map<string, number>();
  for (const v of vectors) for (const term of v.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = vectors.length;
  return vectors.map((v) => {
    const out: Vector = new Map();
    let norm = 0;
    for (const [term, tf] of v) {
      const w = tf * Math.log(1 + n / (df.get(term) ?? 1));
      out.set(term, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, w] of out) out.set(term, w / norm);
    return out;
  });
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [term, w] of small) dot += w * (large.get(term) ?? 0);
  return dot;
}

/** Adds `v` into the running sum `into`. */
export function accumulate(into: Vector, v: Vector): void {
  for (const [term, w] of v) into.set(term, (into.get(term) ?? 0) + w);
}

export function normalized(v: Vector): Vector {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  return new Map([...v].map(([term, w]) => [term, w / norm]));
}
