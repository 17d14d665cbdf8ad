import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../bot/paths.js';
import { colourIcon, outlineIcon } from './icons.js';
import { encodePng } from './png.js';
import { createZip, type ZipEntry } from './zip.js';

/** Used when MicrosoftAppId is unset, so the package still builds (for a look, not for upload). */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGS = { en: 'en-us', fr: 'fr-fr', zh: 'zh-cn' } as const;
type Lang = keyof typeof LANGS;

interface CommandSpec {
  titleFrom: string;
  description: Record<Lang, string>;
}

export interface PackageResult {
  zipPath: string;
  files: string[];
  warnings: string[];
}

const readJson = <T>(...path: string[]): T => JSON.parse(readFileSync(fromRoot(...path), 'utf8')) as T;

/** A command's title in a language: the words the bot itself understands (so Teams' command = a working message). */
function commandTitle(spec: CommandSpec, lang: Lang): string {
  if (spec.titleFrom.startsWith('intent:')) {
    const intents = readJson<{ intents: Record<string, { exact: Record<Lang, string[]> }> }>('knowledge', 'intents.json');
    const phrase = intents.intents[spec.titleFrom.slice('intent:'.length)]?.exact[lang]?.[0];
    if (!phrase) throw new Error(`no phrase for ${spec.titleFrom} in ${lang}`);
    return phrase;
  }
  const [ns, key] = spec.titleFrom.split(':') as [string, string];
  let node: unknown = readJson('locales', lang, `${ns}.json`);
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no text at ${lang}/${spec.titleFrom}`);
  return node;
}

/**
 * Builds appPackage/build/appPackage.zip from the templates under appPackage/:
 * manifest (ids and version filled in, command list from the bot's own words),
 * fr and zh localization files, and the two icons drawn here.
 */
export function buildTeamsPackage(opts: { appId?: string; version: string; outDir?: string }): PackageResult {
  const warnings: string[] = [];
  let appId = opts.appId?.trim();
  if (!appId) {
    warnings.push(`MicrosoftAppId is not set: using the placeholder ${PLACEHOLDER_ID}. Set it (in .env) to the Azure Bot's app id before uploading to Teams.`);
    appId = PLACEHOLDER_ID;
  } else if (!GUID.test(appId)) {
    throw new Error(`MicrosoftAppId must be a GUID, got "${appId}"`);
  }

  const specs = readJson<{ commands: CommandSpec[] }>('appPackage', 'commands.json').commands;
  const manifest = JSON.parse(
    readFileSync(fromRoot('appPackage', 'manifest.template.json'), 'utf8')
      .replaceAll('{{APP_ID}}', appId)
      .replaceAll('{{BOT_ID}}', appId)
      .replaceAll('{{VERSION}}', opts.version),
  ) as { bots: Array<{ commandLists: unknown[] }>; developer: { websiteUrl: string } };
  manifest.bots[0]!.commandLists = [
    {
      scopes: ['personal', 'team', 'groupChat'],
      commands: specs.map((spec) => ({ title: commandTitle(spec, 'en'), description: spec.description.en })),
    },
  ];
  if (manifest.developer.websiteUrl.includes('example.com')) {
    warnings.push('developer URLs in appPackage/manifest.template.json are placeholders (example.com): replace them before publishing.');
  }

  const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) }];
  for (const lang of ['fr', 'zh'] as const) {
    const file = `${LANGS[lang]}.json`;
    const localized = readJson<Record<string, string>>('appPackage', 'localization', file);
    specs.forEach((spec, i) => {
      localized[`bots[0].commandLists[0].commands[${i}].title`] = commandTitle(spec, lang);
      localized[`bots[0].commandLists[0].commands[${i}].description`] = spec.description[lang];
    });
    entries.push({ name: file, data: Buffer.from(JSON.stringify(localized, null, 2)) });
  }
  entries.push({ name: 'color.png', data: encodePng(colourIcon()) }, { name: 'outline.png', data: encodePng(outlineIcon()) });

  const outDir = opts.outDir ?? fromRoot('appPackage', 'build');
  mkdirSync(outDir, { recursive: true });
  // The unzipped files too, to read or upload by hand in the Developer Portal.
  for (const entry of entries) writeFileSync(join(outDir, entry.name), entry.data);
  const zipPath = join(outDir, 'appPackage.zip');
  writeFileSync(zipPath, createZip(entries));
  return { zipPath, files: entries.map((e) => e.name), warnings };
}
