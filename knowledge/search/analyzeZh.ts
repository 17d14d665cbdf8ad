import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

let jieba: Jieba | undefined;
const extraWords = new Set<string>();
const require = createRequire(import.meta.url);

/**
 * One jieba per process: its dictionary takes ~250 ms to load, so it is shared and loaded once.
 * The file is read here, not through '@node-rs/jieba/dict.js': that module also reads the 6 MB
 * keyword IDF table we never use and keeps both buffers (11 MB) for the life of the process.
 */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  return jieba;
}

/** Adds domain words (经销商, 条款关联…) with a high frequency so jieba keeps them whole. */
export function addZhWords(words: Iterable<string>): void {
  const fresh = [...words].filter((word) => /\p{Script=Han}/u.test(word) && !extraWords.has(word));
  if (fresh.length === 0) return;
  fresh.forEach((word) => extraWords.add(word));
  segmenter().loadDict(Buffer.from(fresh.map((word) => `${word} 200000 n`).join('\n')));
}

export interface ZhAnalysis {
  /** All jieba words, stopwords included (the caller flags them). */
  words: string[];
  bigrams: string[];
}

/**
 * A run of Han characters → jieba words (stopwords removed) plus character bigrams. Bigrams
 * rescue the cases where jieba cuts a query differently from the example it should match.
 */
export function zhAnalyze(run: string, stopwords: ReadonlySet<string>): ZhAnalysis {
  const words = segmenter().cut(run, true).filter((word) => word.trim());
  // Bigrams over the content words only: a bigram like 折吗 (half stopword) would match noise.
  const chars = [...words.filter((word) => !stopwords.has(word)).join('')];
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(`~${chars[i]}${chars[i + 1]}`);
  return { words, bigrams };
}
