import assert from 'node:assert/strict';
import { readLocaleFiles } from '../../bot/i18n.js';

type Tree = { [key: string]: unknown };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Tree, path)) out.set(k, v);
    } else out.set(path, JSON.stringify(value));
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((m) => m[1]).sort();

describe('Locale parity', () => {
  const resources = readLocaleFiles();
  const namespaces = Object.keys(resources.en).sort();

  it('has the same namespaces in every language', () => {
    assert.deepEqual(Object.keys(resources.fr).sort(), namespaces);
    assert.deepEqual(Object.keys(resources.zh).sort(), namespaces);
  });

  for (const ns of namespaces) {
    describe(`namespace ${ns}`, () => {
      const en = flatten(resources.en[ns] as Tree);
      for (const lang of ['fr', 'zh'] as const) {
        const other = flatten((resources[lang][ns] ?? {}) as Tree);
        it(`${lang} has exactly the keys of en`, () => {
          assert.deepEqual([...other.keys()].sort(), [...en.keys()].sort());
        });
        it(`${lang} keeps every {{placeholder}} and translates every string`, () => {
          for (const [key, value] of en) {
            const translated = other.get(key);
            if (translated === undefined) continue;
            assert.deepEqual(placeholders(translated), placeholders(value), `${ns}:${key} placeholders`);
            if (/\p{L}{3,}/u.test(value.replace(/{{[^}]*}}/g, ''))) assert.notEqual(translated, value, `${lang} ${ns}:${key} is the English text`);
          }
        });
      }
    });
  }
});
