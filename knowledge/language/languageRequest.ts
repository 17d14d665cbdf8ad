import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../bot/paths.js';
import type { Lang } from '../lang.js';
import { findAlias, foldText } from '../nlu/match.js';

const words = z.array(z.string().min(1));
const schema = z.object({
  $comment: z.string().optional(),
  names: z.object({ en: words, fr: words, zh: words }),
  before: words,
  after: words,
  maxWords: z.number().int().positive(),
  maxHan: z.number().int().positive(),
});

let data: z.infer<typeof schema> | undefined;
const load = () => (data ??= schema.parse(JSON.parse(readFileSync(fromRoot('knowledge', 'language', 'languageRequests.json'), 'utf8'))));

/**
 * "can we continue in English please?", "could we do this in French instead?", "可以用英文吗":
 * the language a short message asks for, in any language. A language name alone in a long
 * sentence ("the licence agreement is in English, the customer is French") asks for nothing:
 * the name must sit next to a request word ("in English", "English please", "用英文").
 */
export function detectLanguageRequest(text: string): Lang | undefined {
  const d = load();
  const folded = foldText(text.normalize('NFKC')).replace(/[?？!！.。,，]+/gu, ' ');
  const han = folded.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (folded.split(/\s+/u).filter(Boolean).length > d.maxWords || han > d.maxHan) return undefined;
  const asked = (['en', 'fr', 'zh'] as const).filter((lang) =>
    d.names[lang].some((name) =>
      findAlias(folded, foldText(name)).some((span) => {
        const before = folded.slice(0, span.start).trimEnd();
        const after = folded.slice(span.end).trimStart();
        return d.before.some((w) => before.endsWith(foldText(w)) && findAlias(before, foldText(w)).some((s) => s.end === before.length)) ||
          d.after.some((w) => after.startsWith(foldText(w)) && findAlias(after, foldText(w)).some((s) => s.start === 0));
      }),
    ),
  );
  return asked.length === 1 ? asked[0] : undefined;
}
