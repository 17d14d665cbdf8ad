import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fromRoot } from '../../bot/paths.js';
import { createFaqEngine, loadFaqEntries, loadOutOfScopeExamples } from '../../knowledge/faq.js';
import { readEvalFile, runEval } from '../../knowledge/faqEval.js';
import { LANGS, type Lang } from '../../knowledge/lang.js';

/** A long, scenario-style example: 14+ words, or 22+ Chinese characters and Latin words. */
function isLong(question: string, lang: Lang): boolean {
  if (lang === 'zh') return (question.match(/\p{Script=Han}/gu)?.length ?? 0) + (question.match(/[A-Za-z]+/g)?.length ?? 0) >= 22;
  return question.split(/\s+/).length >= 14;
}

/** Character trigrams after folding case, accents and punctuation (spaces dropped for Chinese). */
function trigrams(text: string, lang: Lang): Set<string> {
  let folded = text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (lang === 'zh') folded = folded.replace(/ /g, '');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= folded.length; i++) out.add(folded.slice(i, i + 3));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common || 1);
}

describe('FAQ examples', () => {
  const entries = loadFaqEntries();

  it('has at least 30 example questions per topic and language, 10 or more of them long', () => {
    for (const entry of entries) {
      for (const lang of LANGS) {
        const questions = entry[lang].questions;
        assert.ok(questions.length >= 30, `${entry.id}.${lang}: ${questions.length}`);
        assert.ok(questions.filter((q) => isLong(q, lang)).length >= 10, `${entry.id}.${lang}: long`);
      }
    }
  });

  it('has out-of-scope examples in every language', () => {
    const oos = loadOutOfScopeExamples();
    for (const lang of LANGS) assert.ok((oos[lang]?.length ?? 0) >= 80, lang);
  });

  it('answers the question titles of the two seed pages and of the public English reseller FAQ (≥ 0.98 per language)', () => {
    const { report } = runEval(createFaqEngine(entries), readEvalFile(fromRoot('test', 'knowledge', 'fixtures', 'faq-titles.jsonl')));
    for (const lang of LANGS) assert.ok(report.byLang[lang].answered1 >= 0.98, `${lang} ${report.byLang[lang].answered1}`);
  });

  it('copies no line of the shared evaluation files, not even reworded lightly', function () {
    const files = ['dev.jsonl', 'realistic.jsonl'].map((f) => `/work/shared/faq-eval/${f}`).filter((f) => existsSync(f));
    if (files.length === 0) this.skip();
    const evalLines = files.flatMap((f) => readEvalFile(f)).map((c) => ({ lang: c.lang, text: c.text, grams: trigrams(c.text, c.lang) }));
    const oos = loadOutOfScopeExamples();
    const examples = [
      ...entries.flatMap((e) => LANGS.flatMap((lang) => e[lang].questions.map((text) => ({ lang, text })))),
      ...LANGS.flatMap((lang) => (oos[lang] ?? []).map((text) => ({ lang, text }))),
    ];
    // The seed pages' own question titles are knowledge, whoever else quotes them.
    const titles = new Set(readEvalFile(fromRoot('test', 'knowledge', 'fixtures', 'faq-titles.jsonl')).map((c) => c.text));
    const copies: string[] = [];
    for (const example of examples.filter((e) => !titles.has(e.text))) {
      const grams = trigrams(example.text, example.lang);
      if (grams.size < 6) continue; // "VAT", "refund policy": the topic's name, not a copy
      for (const line of evalLines) {
        if (line.lang === example.lang && jaccard(grams, line.grams) >= 0.8) copies.push(`${example.text} ≈ ${line.text}`);
      }
    }
    assert.deepEqual(copies, []);
  });
});
