import { z } from 'zod';
import { fromRoot } from '../../bot/paths.js';
import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText } from '../../knowledge/nlu/index.js';
import { loadJsonFile } from '../../knowledge/nlu/loadData.js';

/** dialogs/quote/data/dialogWords.json: payment words, zod-checked at first use. */

const words = z.array(z.string().min(1));
const perLang = z.object({ en: words, fr: words, zh: words });
const schema = z.object({
  $comment: z.string().optional(),
  payment: z.object({
    $comment: z.string().optional(),
    net30: perLang,
    check: perLang,
    card: perLang,
    currencies: z.record(z.string().regex(/^[A-Z]{3}$/), words),
    usd: words,
  }),
});
export type DialogWords = z.infer<typeof schema>;

let cached: DialogWords | undefined;
export function dialogWords(): DialogWords {
  cached ??= loadJsonFile(fromRoot('dialogs', 'quote', 'data', 'dialogWords.json'), schema);
  return cached;
}

/** True when one of the words occurs in the (folded) text. */
export const mentions = (folded: string, list: readonly string[]): boolean => list.some((w) => findAlias(folded, foldText(w)).length > 0);

/** One word list per language, every language tried (resellers code-switch), the user's first. */
export const inAnyLang = (list: { en: string[]; fr: string[]; zh: string[] }, lang: Lang): readonly string[] => allLangs(list, lang);
