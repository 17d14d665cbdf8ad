import snowball from 'snowball-stemmers';
import { memoWords } from './memo.js';
import { foldAccents } from './normalize.js';

const stemmer = snowball.newStemmer('english');

/** Surface form used for stopwords and typo lookup: no possessive/contraction, no accents. */
export function enBare(word: string): string {
  return foldAccents(word.replace(/'(?:s|t|re|ve|ll|d|m)$/, '')).replace(/'/g, '');
}

/** Bare English word → stem. Also used for Latin words inside Chinese text (product names, "license"). */
export const enStem: (bare: string) => string = memoWords((bare) => (/^\d+$/.test(bare) || bare.length <= 2 ? bare : stemmer.stem(bare)));
