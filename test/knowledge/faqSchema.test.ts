import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FAQ_DIR, FAQ_IDS, FaqDataError, loadFaqEntries } from '../../knowledge/faq.js';

describe('FAQ knowledge files', () => {
  let dir: string;
  const valid = JSON.parse(readFileSync(join(DEFAULT_FAQ_DIR, 'pricing.json'), 'utf8')) as Record<string, unknown>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faq-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads exactly the 24 topic ids, each with at least 30 questions per language', () => {
    const entries = loadFaqEntries();
    assert.deepEqual(entries.map((e) => e.id).sort(), [...FAQ_IDS].sort());
    for (const entry of entries) {
      for (const lang of ['en', 'fr', 'zh'] as const) assert.ok(entry[lang].questions.length >= 30, `${entry.id}.${lang}`);
    }
  });

  it('accepts a valid file copied into a temp dir', () => {
    copyFileSync(join(DEFAULT_FAQ_DIR, 'pricing.json'), join(dir, 'pricing.json'));
    assert.equal(loadFaqEntries(dir)[0]?.id, 'pricing');
  });

  it('names the file and the field path when a field is broken', () => {
    const broken = { ...valid, fr: { ...(valid.fr as object), questions: ['trop peu'] } };
    writeFileSync(join(dir, 'pricing.json'), JSON.stringify(broken));
    assert.throws(() => loadFaqEntries(dir), (error: unknown) => {
      assert.ok(error instanceof FaqDataError);
      assert.match(error.message, /pricing\.json/);
      assert.match(error.message, /fr\.questions/);
      return true;
    });
  });

  it('names the file on an unknown action in followUps', () => {
    writeFileSync(join(dir, 'pricing.json'), JSON.stringify({ ...valid, followUps: ['quote.nope'] }));
    assert.throws(() => loadFaqEntries(dir), /pricing\.json: followUps\.0/);
  });

  it('names the file on invalid JSON', () => {
    writeFileSync(join(dir, 'refund-policy.json'), '{ "id": ');
    assert.throws(() => loadFaqEntries(dir), /refund-policy\.json: invalid JSON/);
  });

  it('rejects a file whose name is not its id', () => {
    writeFileSync(join(dir, 'prices.json'), JSON.stringify(valid));
    assert.throws(() => loadFaqEntries(dir), /prices\.json: id/);
  });
});
