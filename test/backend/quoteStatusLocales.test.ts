import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { QUOTE_STATUSES, TRANSITIONS } from '../../backend/quotes/index.js';
import { LANGS } from '../../knowledge/lang.js';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix + key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locales quoteStatus', () => {
  const load = async (lng: string) =>
    flatten(JSON.parse(await readFile(new URL(`../../locales/${lng}/quoteStatus.json`, import.meta.url), 'utf8')) as Tree);

  it('has a message, with and without a note, for every status staff can set, and a label per status', async () => {
    const en = await load('en');
    const targets = new Set(Object.values(TRANSITIONS).flat());
    for (const status of targets) {
      assert.ok(en.has(`changed.${status}`), status);
      assert.deepEqual(placeholders(en.get(`changedWithNote.${status}`)!), ['note', 'ref']);
    }
    for (const status of QUOTE_STATUSES) assert.ok(en.has(`status.${status}`), status);
  });

  it('has the same keys and placeholders in every language, and fr/zh are never the English text', async () => {
    const en = await load('en');
    for (const lng of LANGS.filter((l) => l !== 'en')) {
      const other = await load(lng);
      assert.deepEqual([...other.keys()].sort(), [...en.keys()].sort(), lng);
      for (const [key, text] of en) {
        assert.deepEqual(placeholders(other.get(key)!), placeholders(text), `${lng} ${key}`);
        assert.notEqual(other.get(key), text, `${lng} ${key} is untranslated`);
      }
    }
  });
});
