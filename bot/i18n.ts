import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGS, type Lang } from '../knowledge/lang.js';
import { fromRoot } from './paths.js';

export type { TFunction };
export type Resources = Record<Lang, Record<string, Record<string, unknown>>>;

/** Reads every `locales/<lng>/<namespace>.json` file: one namespace per file. */
export function readLocaleFiles(dir = fromRoot('locales')): Resources {
  const resources = {} as Resources;
  for (const lng of LANGS) {
    resources[lng] = {};
    for (const file of readdirSync(join(dir, lng)).filter((f) => f.endsWith('.json')).sort()) {
      const path = join(dir, lng, file);
      try {
        resources[lng][basename(file, '.json')] = JSON.parse(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new Error(`${path}: ${(err as Error).message}`);
      }
    }
  }
  return resources;
}

/**
 * One shared instance for the whole process. Callers take `getFixedT(lng)` per
 * turn and never call `changeLanguage`: concurrent turns in different languages
 * would otherwise overwrite each other's language.
 */
export function createI18n(resources: Resources = readLocaleFiles()): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGS],
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}
