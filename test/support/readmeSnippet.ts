import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromRoot } from '../../bot/paths.js';

/**
 * The code block that follows `<!-- marker -->` in the README, imported as a module: the
 * examples users copy are the ones the tests run.
 */
export async function importReadmeSnippet<T>(marker: string): Promise<T> {
  const readme = readFileSync(fromRoot('README.md'), 'utf8');
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README.md has no <!-- ${marker} --> block`);
  const block = /```js\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README.md: no js code block after <!-- ${marker} -->`);
  const file = join(mkdtempSync(join(tmpdir(), 'ra-readme-')), `${marker}.mjs`);
  writeFileSync(file, block[1]!);
  return (await import(pathToFileURL(file).href)) as T;
}
