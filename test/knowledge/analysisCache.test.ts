import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFaqEngine, loadFaqEntries, type FaqEntry, type RankingFaqEngine } from '../../knowledge/faq.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { AnalysisCache, analysisKey } from '../../knowledge/search/analysisCache.js';
import { TextAnalyzer } from '../../knowledge/search/analyzer.js';

/**
 * The shipped knowledge base's analysis kept between starts (knowledge/search/analysisCache.ts):
 * an engine built from the cache must decide exactly as one built from scratch, and a cache that
 * is stale or damaged must be analysed again, never used.
 */
describe('FAQ analysis cache', function () {
  this.timeout(60_000);
  const analyzer = new TextAnalyzer();
  let entries: FaqEntry[];
  let fresh: RankingFaqEngine;
  let dir: string;
  let path: string;
  /** A few hundred questions: the examples reworded (halves, suffixes, asked in another language). */
  let questions: [string, Lang][];

  before(() => {
    entries = loadFaqEntries();
    fresh = createFaqEngine(entries, { analyzer });
    dir = mkdtempSync(join(tmpdir(), 'faq-analysis-'));
    path = join(dir, 'faq-analysis.json');
    questions = [];
    for (const entry of entries) {
      for (const lang of LANGS) {
        for (const q of entry[lang].questions) {
          const words = q.split(' ');
          questions.push([`${q} merci`, lang], [words.slice(0, Math.ceil(words.length / 2)).join(' '), lang]);
          questions.push([q, LANGS[(LANGS.indexOf(lang) + 1) % LANGS.length]!]);
        }
      }
    }
    // Every nth, spread over all topics and languages: enough to compare, quick enough to repeat.
    const step = Math.max(1, Math.floor(questions.length / 400));
    questions = questions.filter((_, i) => i % step === 0);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  function build(): { engine: RankingFaqEngine; cache: AnalysisCache } {
    const cache = AnalysisCache.open(path);
    const engine = createFaqEngine(entries, { analyzer, analysisCache: cache });
    cache.save();
    return { engine, cache };
  }

  /** Same decisions over all the questions; same full rankings (every feature) over a quarter of them. */
  function assertSameAs(engine: RankingFaqEngine, sample = questions): void {
    sample.forEach(([text, lang], i) => {
      assert.deepEqual(engine.decide(text, lang), fresh.decide(text, lang), `${lang}: ${text}`);
      if (i % 4 === 0) assert.deepEqual(engine.rank(text, lang), fresh.rank(text, lang), `${lang}: ${text}`);
    });
    assert.deepEqual(engine.decideFollowUp('and for cloud?', 'how do I renew a Data Center licence', 'en'), fresh.decideFollowUp('and for cloud?', 'how do I renew a Data Center licence', 'en'));
  }

  it('writes the analysis on the first build, reads all of it on the next, and decides exactly as without', () => {
    assert.ok(questions.length >= 300, `${questions.length} questions`);
    const first = build();
    assert.ok(first.cache.misses > 0 && first.cache.hits === 0, 'the first build analyses everything');
    assertSameAs(first.engine);
    const second = build();
    assert.equal(second.cache.misses, 0, 'a start with a matching cache analyses nothing');
    assert.ok(second.cache.hits > 1000, `${second.cache.hits} texts read back`);
    assertSameAs(second.engine);
    // The comparison covers real answers, not only declines.
    assert.ok(questions.some(([text, lang]) => fresh.decide(text, lang).kind === 'answer'));
  });

  it('analyses again when the key does not match (knowledge or analyser changed)', () => {
    build();
    const stale = AnalysisCache.open(path, `${analysisKey()}-other`);
    const engine = createFaqEngine(entries, { analyzer, analysisCache: stale });
    assert.equal(stale.hits, 0);
    assertSameAs(engine, questions.slice(0, 60));
  });

  it('analyses again when the file is damaged: truncated, edited, or not JSON', () => {
    build();
    const good = readFileSync(path, 'utf8');
    // An edited weight with the header left alone: the digest no longer matches.
    const edited = good.replace(/("bag":\[\["[^"]+",)(\d+(?:\.\d+)?)/, (_, head: string, w: string) => `${head}${Number(w) + 7}`);
    assert.notEqual(edited, good);
    for (const damaged of [good.slice(0, good.length / 2), edited, 'not json\n{}', '']) {
      writeFileSync(path, damaged);
      const { engine, cache } = build();
      assert.equal(cache.hits, 0, 'nothing read from a damaged file');
      assertSameAs(engine, questions.slice(0, 60));
      assert.equal(AnalysisCache.open(path).misses, 0);
      // The rewritten file is whole again.
      const again = AnalysisCache.open(path);
      createFaqEngine(entries, { analyzer, analysisCache: again });
      assert.equal(again.misses, 0, 'rewritten after the damaged one');
    }
  });
});
