import type { FaqEntry } from './faqSchema.js';
import { LANGS } from './lang.js';

/**
 * Content checks that a schema cannot express, run at start-up (loadFaqEntries) and in the tests:
 * a reseller once got six Chinese answers whose link target was a NUL character, and two
 * languages of one answer disagreed on a number. Each problem is `{ field, detail }` so the
 * loader can name the file and the field path.
 */
export interface ContentProblem { field: string; detail: string }

/** C0/C1 control characters except the line feed, which answers use for paragraphs. */
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u;
const MARKDOWN_LINK = /\[[^\]\n]*\]\(([^)\n]*)\)/g;
const BARE_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)）\]]+/gi;
/** An answer speaks for itself: it never mentions "the older FAQ", "the newer page"… */
const SOURCE_TALK = /\b(?:FAQ|older|newer|seed)\b|ancienne FAQ|nouvelle FAQ|常见问题|旧版|新版/i;

/** Every string under `value` with a control character (line feeds allowed only where `multiline`). */
export function controlCharacterProblems(value: unknown, path = '', multiline: (path: string) => boolean = () => false): ContentProblem[] {
  if (typeof value === 'string') {
    const bad = CONTROL.test(value) || (!multiline(path) && value.includes('\n'));
    return bad ? [{ field: path, detail: `control character ${JSON.stringify(value.match(/[\u0000-\u001F\u007F-\u009F]/u)?.[0])}` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => controlCharacterProblems(item, join(path, String(i)), multiline));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => controlCharacterProblems(item, join(path, key), multiline));
  }
  return [];
}

/** Link targets, markdown or bare, with trailing sentence punctuation removed. */
export function linksOf(answer: string): string[] {
  const links = new Set<string>();
  for (const match of answer.matchAll(MARKDOWN_LINK)) links.add(match[1]!.trim());
  for (const match of answer.matchAll(BARE_URL)) links.add(match[0].replace(/[.,;:!?。，；：]+$/u, ''));
  return [...links].sort();
}

/** Numbers as values: "10,000", "10 000" and "10000" are one number; URLs are not numbers. */
export function numbersOf(answer: string): string[] {
  const text = answer.replace(MARKDOWN_LINK, ' ').replace(BARE_URL, ' ');
  const numbers = new Set<string>();
  for (const match of text.matchAll(/\d+(?:[,\u00a0\u202f ]\d{3}(?!\d))*/g)) numbers.add(match[0].replace(/\D/g, ''));
  return [...numbers].sort((a, b) => Number(a) - Number(b));
}

export function entryContentProblems(entry: FaqEntry): ContentProblem[] {
  const problems = controlCharacterProblems(entry, '', (path) => /\.answer$/.test(path));
  for (const lang of LANGS) {
    const answer = entry[lang].answer;
    for (const match of answer.matchAll(MARKDOWN_LINK)) {
      if (!isAbsoluteHttps(match[1]!)) problems.push({ field: `${lang}.answer`, detail: `link target ${JSON.stringify(match[1])} is not an absolute https URL` });
    }
    for (const link of linksOf(answer)) {
      if (!isAbsoluteHttps(link)) problems.push({ field: `${lang}.answer`, detail: `URL ${JSON.stringify(link)} is not an absolute https URL` });
    }
    const talk = answer.match(SOURCE_TALK);
    if (talk) problems.push({ field: `${lang}.answer`, detail: `talks about its sources ("${talk[0]}")` });
  }
  const [first, ...others] = LANGS;
  for (const lang of others) {
    for (const [what, of] of [['links', linksOf], ['numbers', numbersOf]] as const) {
      const a = of(entry[first].answer).join(' ');
      const b = of(entry[lang].answer).join(' ');
      if (a !== b) problems.push({ field: `${lang}.answer`, detail: `${what} differ from ${first}: [${b}] vs [${a}]` });
    }
  }
  return problems;
}

function isAbsoluteHttps(target: string): boolean {
  if (!/^https:\/\/[^\s]+$/.test(target)) return false;
  try {
    return new URL(target).protocol === 'https:';
  } catch {
    return false;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Reads a knowledge JSON file (glossary, stopwords, out-of-scope…), refusing control characters. */
export function readCheckedJson(path: string, text: string): unknown {
  const value: unknown = JSON.parse(text);
  const problem = controlCharacterProblems(value)[0];
  if (problem) throw new Error(`knowledge: ${path}: ${problem.field}: ${problem.detail}`);
  return value;
}
