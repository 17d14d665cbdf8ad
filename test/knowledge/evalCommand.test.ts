import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../bot/paths.js';

/**
 * `npm run eval` as people use it: a real process on real files. Per file and language it names
 * the topic pairs the engine mixed up (readers want the confusions, not a list of misses), and
 * the last line stays the JSON summary other tools parse.
 */
describe('npm run eval (the command)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'faq-eval-cmd-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const line = (text: string, lang: string, expect: string | null) => JSON.stringify({ text, lang, expect });
  // Each refund question is labelled with another topic on purpose: the engine answers refund-policy,
  // so the pair refund-policy ↔ <label> is a confusion in that language; an out-of-scope question
  // it would answer shows as (none) ↔ topic.
  const cases = [
    line('Quelle est votre politique de remboursement ?', 'fr', 'tax-vat'),
    line('Comment renouveler la licence Data Center de mon client ?', 'fr', 'renew-upgrade-license'),
    line('退款政策是怎样的？', 'zh', 'pricing'),
    line('怎么续订客户的Data Center许可证？', 'zh', 'renew-upgrade-license'),
    line('What is your refund policy?', 'en', 'payment-methods'),
    line("How do I renew my customer's Data Center license?", 'en', 'renew-upgrade-license'),
    line('What is the weather in Paris tomorrow?', 'en', null),
  ];

  function run(...files: string[]): string[] {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fromRoot('scripts', 'eval.ts'), ...files], { cwd: fromRoot(), encoding: 'utf8' });
    return out.trim().split('\n');
  }

  it('prints the most confused topic pairs per file and language, then the JSON summary last', () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, `${cases.join('\n')}\n`);
    const lines = run(file);
    assert.ok(lines.includes('mixed.jsonl [fr] most confused: refund-policy ↔ tax-vat ×1'), lines.join('\n'));
    assert.ok(lines.includes('mixed.jsonl [zh] most confused: pricing ↔ refund-policy ×1'), lines.join('\n'));
    assert.ok(lines.includes('mixed.jsonl [en] most confused: payment-methods ↔ refund-policy ×1'), lines.join('\n'));
    const summary = JSON.parse(lines.at(-1)!) as { n: number; byLang: Record<string, { answered1: number; wrong: number; oosDeclined: number }> };
    assert.equal(summary.n, cases.length);
    for (const lang of ['fr', 'zh', 'en']) {
      assert.equal(summary.byLang[lang]!.answered1, 0.5);
      assert.equal(summary.byLang[lang]!.wrong, 0.5);
    }
    assert.equal(summary.byLang.en!.oosDeclined, 1);
  });

  it('says "—" for a language without confusions and keeps one summary per file', () => {
    const clean = join(dir, 'clean.jsonl');
    writeFileSync(clean, `${cases.filter((c) => c.includes('renew')).join('\n')}\n`);
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, `${cases.slice(0, 1).join('\n')}\n`);
    const lines = run(clean, other);
    for (const lang of ['fr', 'zh', 'en']) assert.ok(lines.includes(`clean.jsonl [${lang}] most confused: —`), lines.join('\n'));
    assert.ok(lines.includes('other.jsonl [fr] most confused: refund-policy ↔ tax-vat ×1'), lines.join('\n'));
    const summary = JSON.parse(lines.at(-1)!) as { files: Record<string, { n: number }> };
    assert.deepEqual(Object.keys(summary.files).sort(), ['clean.jsonl', 'other.jsonl']);
    assert.equal(summary.files['clean.jsonl']!.n, 3);
  });
});
