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
  filler: words,
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

/** What a message asking for a language also says: the rest is read as if sent on its own. */
export interface LanguageSplit {
  lang: Lang;
  /** The message without the request ("" when the request was all of it). */
  rest: string;
}

/** Clause ends: a question or exclamation mark, a comma, a colon, a full stop before a space (not "Dr. Weber"'s). */
const CLAUSE_END = /(?<=[?？!！。;；,，:：])\s*|(?<=\p{L}{3,}\.)\s+/gu;

function clauses(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(CLAUSE_END)) {
    const end = m.index! + m[0].length;
    if (end > start && m.index! > start) out.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) out.push(text.slice(start));
  return out.filter((c) => c.trim().length > 0);
}

/**
 * "can we continue in English? the contact is Li Na", "用中文吧，联系人是王芳": the language asked
 * for in a clause of its own at the start or the end, and the rest of the message (which answers
 * the prompt, or is a request). A message that is only a request gives an empty rest; one with no
 * clause asking for a language gives nothing.
 */
export function splitLanguageRequest(text: string): LanguageSplit | undefined {
  const d = load();
  const parts = clauses(text.normalize('NFKC'));
  const isFiller = (clause: string) => {
    const folded = foldText(clause).replace(/[?？!！.。,，;；:：\s]+/gu, ' ').trim();
    return folded === '' || d.filler.some((w) => foldText(w) === folded);
  };
  const restOf = (kept: string[]) => {
    const left = [...kept];
    while (left.length > 0 && isFiller(left[0]!)) left.shift();
    while (left.length > 0 && isFiller(left.at(-1)!)) left.pop();
    return left.join('').trim().replace(/^[,，;；:：]\s*/u, '').replace(/\s*[,，;；:：]$/u, '');
  };
  for (let i = 1; i < parts.length; i++) {
    const lang = detectLanguageRequest(parts.slice(0, i).join(''));
    if (lang) return { lang, rest: restOf(parts.slice(i)) };
  }
  for (let i = parts.length - 1; i > 0; i--) {
    const lang = detectLanguageRequest(parts.slice(i).join(''));
    if (lang) return { lang, rest: restOf(parts.slice(0, i)) };
  }
  const lang = detectLanguageRequest(text);
  return lang ? { lang, rest: '' } : undefined;
}
