import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../bot/paths.js';

const phraseTable = z.record(z.string(), z.array(z.string()));
const intentsFileSchema = z.object({
  intents: z.record(z.string(), z.object({ exact: phraseTable, contains: phraseTable })),
});
export type IntentsFile = z.infer<typeof intentsFileSchema>;

export interface IntentMatch {
  intent: string;
  /** The phrase group that matched: a language code, or for `language` the target. */
  variant: string;
}

/** Case, accents, punctuation, full-width forms and spacing do not change a command. */
export function normalizeCommand(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/g, "'")
    .replace(/[^\p{L}\p{N}'/\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const hasHan = (s: string): boolean => /\p{Script=Han}/u.test(s);

/**
 * The small multilingual command layer: help, cancel, language, greetings…
 * Later parts add intents (handoff, quote) as data, and the bot adds its menu
 * button titles so a tapped button and a typed word are the same thing.
 */
export class IntentMatcher {
  private readonly exact = new Map<string, IntentMatch>();
  private readonly contains: Array<{ phrase: string; match: IntentMatch }> = [];

  constructor(file: IntentsFile) {
    for (const [intent, tables] of Object.entries(file.intents)) {
      for (const [variant, phrases] of Object.entries(tables.exact)) {
        for (const p of phrases) this.addExact(intent, variant, p);
      }
      for (const [variant, phrases] of Object.entries(tables.contains)) {
        for (const p of phrases) this.addContains(intent, variant, p);
      }
    }
  }

  static fromFile(path = fromRoot('knowledge', 'intents.json')): IntentMatcher {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const parsed = intentsFileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return new IntentMatcher(parsed.data);
  }

  addExact(intent: string, variant: string, phrase: string): void {
    const key = normalizeCommand(phrase);
    if (key && !this.exact.has(key)) this.exact.set(key, { intent, variant });
  }

  addContains(intent: string, variant: string, phrase: string): void {
    const key = normalizeCommand(phrase);
    if (key) this.contains.push({ phrase: key, match: { intent, variant } });
  }

  /** Every phrase of `intent` (exact and contained, all languages), normalized: what a message says besides the command. */
  phrases(intent: string): string[] {
    const out = new Set<string>();
    for (const [key, match] of this.exact) if (match.intent === intent) out.add(key);
    for (const { phrase, match } of this.contains) if (match.intent === intent) out.add(phrase);
    return [...out].sort((a, b) => b.length - a.length);
  }

  match(text: string): IntentMatch | undefined {
    const norm = normalizeCommand(text);
    if (!norm) return undefined;
    const exact = this.exact.get(norm);
    if (exact) return exact;
    const padded = ` ${norm} `;
    for (const { phrase, match } of this.contains) {
      if (hasHan(phrase) ? norm.includes(phrase) : padded.includes(` ${phrase} `)) return match;
    }
    return undefined;
  }
}
