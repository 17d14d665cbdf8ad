/**
 * `npx tsx bench/recognizerDiff.ts [fr|en|zh]` (N=3000 texts by default): the models the bot reads
 * with (dialogs/validators/recognizerModels.ts: built once, French giant patterns guarded) against
 * the suite's recognizeNumber / recognizeBoolean / recognizeDateTime / recognizeEmail, on the
 * string literals of test/, knowledge/, locales/ and bench/ plus fraction and ordinal phrases.
 * Prints every difference; the guards are only right if there are none. French takes minutes
 * (the suite compiles every pattern).
 */
import * as Suite from '@microsoft/recognizers-text-suite';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { numberModel, dateModel, booleanModel, emailModel } from '../dialogs/validators/recognizerModels.js';
const files: string[] = [];
const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (/\.(ts|json)$/.test(f)) files.push(p); } };
for (const d of ['test', 'knowledge', 'locales', 'bench']) walk(d);
const texts = new Set<string>();
for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.){2,160})\1/g)) texts.add(m[2]!.replace(/\\n/g, ' '));
for (const extra of ['deux tiers', 'trois quarts des utilisateurs', 'un demi', 'un an et demi', 'la deuxième année', 'le mois prochain', 'avant fin juin', 'le dernier jour de mars', 'vingt-deuxième', 'premier trimestre 2027', 'le 1er mars', 'fin juin 2027', 'semaine suivante', 'Deux Tiers', 'DEMÍ', 'centième', 'trois cinquièmes', 'le trimestre précédent', 'a@b.co', 'oui', 'non merci', 'ouais', '500 utilisateurs', 'cinq cents', 'mille deux cents', 'la première année', 'une première licence', 'deux cinquièmes des postes', 'un dixième', 'vingt et unième', 'trois centièmes', 'un quart d\'heure', 'deux tiers des agents', 'quatre-vingts quinzièmes', 'cent millièmes', 'une seconde licence', 'la seconde année', 'un tiers', 'deux et demi', 'mille et une nuits', 'deux mille deuxième', 'le deuxième trimestre', 'six septièmes', 'dix-neuvième siècle', '1 demi', '3 quarts', '2 millions et demi', 'un demi-million', 'demi douzaine', 'trois demis', 'une demie', 'la premiere annee', 'DEUX TIERS', 'Deux Cinquièmes'])
  texts.add(extra);
const all = [...texts].filter((t) => t.trim() && /[\p{L}\p{N}]/u.test(t));
const step = Math.max(1, Math.floor(all.length / Number(process.env.N ?? 3000)));
const list = all.filter((_, i) => i % step === 0).concat(all.slice(-30));
console.error('texts', list.length);
const ref = new Date(Date.UTC(2026, 11, 3, 9, 0));
const C = { en: 'en-us', fr: 'fr-fr', zh: 'zh-cn' } as const;
const only = process.argv[2];
let diffs = 0, n = 0;
for (const lang of (only ? [only] : ['fr', 'en', 'zh']) as Array<keyof typeof C>) {
  for (const t of list) {
    const pairs: Array<[string, () => unknown, () => unknown]> = [
      ['number', () => Suite.recognizeNumber(t, C[lang]), () => numberModel(lang).parse(t)],
      ['bool', () => Suite.recognizeBoolean(t, C[lang]), () => booleanModel(lang).parse(t)],
      ['date', () => Suite.recognizeDateTime(t.slice(0, 60), C[lang], undefined, ref), () => dateModel(lang).parse(t.slice(0, 60), ref)],
    ];
    if (lang === 'en') pairs.push(['email', () => Suite.recognizeEmail(t, 'en-us'), () => emailModel().parse(t)]);
    for (const [kind, a, b] of pairs) {
      n++;
      let x: string, y: string;
      try { x = JSON.stringify(a()); } catch (e) { x = 'throw ' + (e as Error).message; }
      try { y = JSON.stringify(b()); } catch (e) { y = 'throw ' + (e as Error).message; }
      if (x !== y) { diffs++; if (diffs < 30) console.log('DIFF', lang, kind, JSON.stringify(t), '\n  suite', x.slice(0, 300), '\n  ours ', y.slice(0, 300)); }
    }
  }
  console.error(lang, 'done', n, 'diffs', diffs);
}
console.log('total', n, 'diffs', diffs);
