/**
 * Remembers a word function's results, up to `max` words, then starts over. Unbounded, a
 * stemmer cache grew with every distinct word ever typed: 150 long questions of made-up words
 * kept about 100 MB alive. The FAQ's own vocabulary is a few thousand words, so a cleared cache
 * refills with it at once.
 */
export function memoWords(fn: (word: string) => string, max = 20_000): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let value = cache.get(word);
    if (value === undefined) {
      value = fn(word);
      if (cache.size >= max) cache.clear();
      cache.set(word, value);
    }
    return value;
  };
}
