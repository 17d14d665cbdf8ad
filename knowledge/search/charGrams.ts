import { foldAccents, normalizeText, splitRuns } from './normalize.js';

/** Gram tokens live in their own space; the prefix keeps them apart from words anyway. */
const LATIN_PREFIX = '³';
const HAN_PREFIX = '²';
/** A Han character alone says less than a pair of them. */
const HAN_UNIGRAM_WEIGHT = 0.4;

/**
 * Character n-grams of a text: trigrams of each Latin word padded with '#' ("#lic", "lic", …,
 * "ce#"), character pairs and single characters of Chinese. They meet a question that stemming
 * and the glossary miss: typos ("renewl"), franglais ("le renew"), unsegmented Chinese.
 * `skip` drops words that carry no topic (stopwords, product names); `weight` scales the bag.
 */
export function addCharGrams(bag: Map<string, number>, text: string, skip: (word: string, han: boolean) => boolean, weight = 1): void {
  for (const run of splitRuns(normalizeText(text))) {
    if (run.script === 'han') {
      const chars = [...run.text];
      const kept: string[] = [];
      // Stopwords of one or two characters (的, 我们, 吗) are cut before pairing.
      for (let i = 0; i < chars.length; i++) {
        const two = chars[i]! + (chars[i + 1] ?? '');
        if (chars[i + 1] && skip(two, true)) { i++; continue; }
        if (skip(chars[i]!, true)) continue;
        kept.push(chars[i]!);
      }
      for (let i = 0; i < kept.length; i++) {
        add(bag, HAN_PREFIX + kept[i], weight * HAN_UNIGRAM_WEIGHT);
        if (i + 1 < kept.length) add(bag, HAN_PREFIX + kept[i] + kept[i + 1], weight);
      }
      continue;
    }
    for (const part of run.text.split(/[.\-']/)) {
      const word = foldAccents(part);
      if (word.length < 3 || /^\d+$/.test(word) || skip(word, false)) continue;
      const padded = `#${word}#`;
      for (let i = 0; i + 3 <= padded.length; i++) add(bag, LATIN_PREFIX + padded.slice(i, i + 3), weight);
    }
  }
}

function add(bag: Map<string, number>, gram: string, weight: number): void {
  bag.set(gram, (bag.get(gram) ?? 0) + weight);
}
