import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fromRoot } from '../bot/paths.js';
import { entryContentProblems } from './faqContent.js';
import { faqEntrySchema, type FaqEntry } from './faqSchema.js';

export const DEFAULT_FAQ_DIR = fromRoot('knowledge', 'faq');

/** Thrown when a knowledge file is unreadable or invalid; the message names the file and the field path. */
export class FaqDataError extends Error {
  constructor(readonly file: string, readonly field: string, detail: string) {
    super(`faq: ${file}: ${field ? `${field}: ` : ''}${detail}`);
    this.name = 'FaqDataError';
  }
}

function parseFile(path: string): FaqEntry {
  const file = basename(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FaqDataError(file, '', `invalid JSON (${(error as Error).message})`);
  }
  const result = faqEntrySchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? issue.path.map(String).join('.') : '';
    throw new FaqDataError(file, field, issue?.message ?? 'invalid entry');
  }
  // The file name is the id, so a topic is easy to find on disk.
  if (`${result.data.id}.json` !== file) {
    throw new FaqDataError(file, 'id', `id "${result.data.id}" does not match the file name`);
  }
  // Links, control characters, numbers and links that agree across the three languages.
  const problem = entryContentProblems(result.data)[0];
  if (problem) throw new FaqDataError(file, problem.field, problem.detail);
  return result.data;
}

/** Reads and validates every `<id>.json` in `dir`, sorted by file name. Bad data stops start-up. */
export function loadFaqEntries(dir: string = DEFAULT_FAQ_DIR): FaqEntry[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const entries = files.map((name) => parseFile(join(dir, name)));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) throw new FaqDataError(`${entry.id}.json`, 'id', 'duplicate id');
    seen.add(entry.id);
  }
  return entries;
}
