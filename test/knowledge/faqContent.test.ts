import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../bot/paths.js';
import { DEFAULT_FAQ_DIR, FaqDataError, loadFaqEntries } from '../../knowledge/faq.js';
import { controlCharacterProblems, entryContentProblems, linksOf, numbersOf } from '../../knowledge/faqContent.js';
import { LANGS } from '../../knowledge/lang.js';

describe('FAQ content checks', () => {
  const entries = loadFaqEntries();

  it('every answer passes: https links, no control characters, same links and numbers in fr, zh and en', () => {
    const problems = entries.flatMap((e) => entryContentProblems(e).map((p) => `${e.id}.${p.field}: ${p.detail}`));
    assert.deepEqual(problems, []);
  });

  it('every link of every answer is an absolute https URL', () => {
    for (const entry of entries) {
      for (const lang of LANGS) {
        for (const link of linksOf(entry[lang].answer)) assert.match(link, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|$)/, `${entry.id}.${lang}`);
      }
    }
  });

  it('no knowledge file has a control character (FAQ topics, glossary, stopwords, abbreviations, out-of-scope)', () => {
    const files = [
      ...readdirSync(DEFAULT_FAQ_DIR).map((f) => join(DEFAULT_FAQ_DIR, f)),
      fromRoot('knowledge', 'glossary.json'),
      fromRoot('knowledge', 'stopwords.json'),
      fromRoot('knowledge', 'abbreviations.json'),
      fromRoot('knowledge', 'faq-data', 'out-of-scope.json'),
    ].filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const raw = readFileSync(file, 'utf8');
      assert.equal(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(raw), false, file);
      assert.deepEqual(controlCharacterProblems(JSON.parse(raw), '', (p) => p.endsWith('.answer')), [], file);
    }
  });

  it('reads numbers as values and links without trailing punctuation', () => {
    assert.deepEqual(numbersOf('Net-30 pour 10 000 $, 5 à 7 jours'), ['5', '7', '30', '10000']);
    assert.deepEqual(numbersOf('Net-30 for $10,000, 5–7 days, see https://x.example/2024'), ['5', '7', '30', '10000']);
    assert.deepEqual(linksOf('see [form](https://a.example/x) and https://b.example/y.'), ['https://a.example/x', 'https://b.example/y']);
  });

  describe('at start-up', () => {
    let dir: string;
    const pricing = JSON.parse(readFileSync(join(DEFAULT_FAQ_DIR, 'pricing.json'), 'utf8')) as Record<string, { answer: string }>;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'faq-content-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const broken = (lang: 'fr' | 'zh' | 'en', answer: string) => ({ ...pricing, [lang]: { ...pricing[lang]!, answer } });
    const cases: Array<[string, object, RegExp]> = [
      ['a NUL character instead of a link target', broken('zh', pricing.zh!.answer.replace('https://www.atlassian.com/purchase/quote-order', '\u00000\u0000')), /zh\.answer: control character/],
      ['a relative link', broken('fr', pricing.fr!.answer.replace('https://www.atlassian.com/purchase/quote-order', '/purchase/quote-order')), /fr\.answer: .*not an absolute https URL/],
      ['an http link', broken('en', pricing.en!.answer.replace('https://www.atlassian.com/pricing', 'http://www.atlassian.com/pricing')), /en\.answer: .*not an absolute https URL/],
      ['a number only one language has', broken('zh', `${pricing.zh!.answer} 30 天`), /zh\.answer: numbers differ/],
      ['a link only one language has', broken('fr', `${pricing.fr!.answer} https://www.atlassian.com/partners`), /fr\.answer: links differ/],
      ['an answer that talks about its sources', broken('en', `${pricing.en!.answer} The older FAQ said otherwise.`), /en\.answer: talks about its sources/],
    ];
    for (const [what, entry, message] of cases) {
      it(`refuses ${what}, naming the file and the field`, () => {
        writeFileSync(join(dir, 'pricing.json'), JSON.stringify(entry));
        assert.throws(() => loadFaqEntries(dir), (error: unknown) => {
          assert.ok(error instanceof FaqDataError);
          assert.match(error.message, /pricing\.json/);
          assert.match(error.message, message);
          return true;
        });
      });
    }
  });
});
