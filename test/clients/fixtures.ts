import { readFileSync } from 'node:fs';
import { fromRoot } from '../../bot/paths.js';

/** A recorded-shape activity from test/fixtures/activities/<channel>/<name>.json, fresh each call. */
export function fixture(channel: 'msteams' | 'webchat', name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const activity = JSON.parse(readFileSync(fromRoot('test', 'fixtures', 'activities', channel, `${name}.json`), 'utf8')) as Record<string, unknown>;
  return { ...activity, ...overrides };
}

/** The locale file of a namespace, to assert on the exact sentence the user sees. */
export function localeText(lang: 'en' | 'fr' | 'zh', path: string): string {
  const [ns, ...keys] = path.split(/[:.]/);
  let node: unknown = JSON.parse(readFileSync(fromRoot('locales', lang, `${ns}.json`), 'utf8'));
  for (const key of keys) node = (node as Record<string, unknown>)[key];
  if (typeof node !== 'string') throw new Error(`no string at ${lang}/${path}`);
  return node;
}
