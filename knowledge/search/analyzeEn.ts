import snowball from 'snowball-stemmers';
import { foldAccents } from './normalize.js';

const stemmer = snowball.newStemmer('english');
const cache = new Map<string, string>();

/** Surface form used for stopwords and typo lookup: no possessive/contraction, no accents. */
export function enBare(word: string): string {
  return foldAccents(word.replace(/'(?:s|t|re|ve|ll|d|m)$/, '')).replace(/'/g, '');
}

/** Bare English word → stem. Also used for Latin words inside Chinese text (product names, "license"). */
export function enStem(bare: string): string {
  let stem = cache.get(bare);
  if (stem === undefined) {
    stem = /^\d+$/.test(bare) || bare.length <= 2 ? bare : stemmer.stem(bare);
    cache.set(bare, stem);
  }
  return stem;
}
