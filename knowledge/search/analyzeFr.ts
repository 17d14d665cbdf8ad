import snowball from 'snowball-stemmers';
import { memoWords } from './memo.js';
import { foldAccents } from './normalize.js';

const stemmer = snowball.newStemmer('french');
// l'offre, d'achat, qu'il, jusqu'à… : the article carries no meaning for search.
const ELISION = /^(?:qu|jusqu|lorsqu|puisqu|quoiqu|[cdjlmnst])'/;

/** Surface form used for stopwords and typo lookup: no elision, no accents. */
export function frBare(word: string): string {
  return foldAccents(word.replace(ELISION, '')).replace(/'/g, '');
}

/**
 * Bare French word → stem. Accents are folded before stemming, so "echeances" (typed without
 * accents) and "échéances" give the same stem.
 */
export const frStem: (bare: string) => string = memoWords((bare) => (/^\d+$/.test(bare) || bare.length <= 3 ? bare : stemmer.stem(bare)));
