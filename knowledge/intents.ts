import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../bot/paths.js';

const phraseTable = z.record(z.string(), z.array(z.string()));
/**
 * Two phrases a few words apart, in this order: a verb and its object ("supprimez [donc] mes
 * infos personnelles", "删掉我的所有记录"), or in Chinese the object first ("把我的记录都删掉").
 */
const nearRule = z.object({
  first: z.array(z.string()).min(1),
  then: z.array(z.string()).min(1),
  /** Words (for Chinese: characters) allowed between them. */
  gap: z.number().int().min(0).max(6),
});
const intentsFileSchema = z.object({
  intents: z.record(
    z.string(),
    z.object({
      exact: phraseTable,
      contains: phraseTable,
      near: z.record(z.string(), z.array(nearRule)).optional(),
      /** Words that make a `contains` or `near` match about something else ("delete my data in Jira"). */
      unless: z.array(z.string()).optional(),
      /**
       * Word groups that, all present, make a message *about* the intent without being
       * recognised as it: `mentions(intent, text)`, for a careful fallback.
       */
      mentions: z.record(z.string(), z.array(z.array(z.string()).min(1))).optional(),
    }),
  ),
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
  private readonly near: Array<{ first: string[]; then: string[]; gap: number; match: IntentMatch }> = [];
  private readonly unless = new Map<string, string[]>();
  private readonly mention = new Map<string, string[][]>();

  constructor(file: IntentsFile) {
    for (const [intent, tables] of Object.entries(file.intents)) {
      for (const [variant, phrases] of Object.entries(tables.exact)) {
        for (const p of phrases) this.addExact(intent, variant, p);
      }
      for (const [variant, phrases] of Object.entries(tables.contains)) {
        for (const p of phrases) this.addContains(intent, variant, p);
      }
      for (const [variant, rules] of Object.entries(tables.near ?? {})) {
        for (const r of rules) {
          this.near.push({ first: keys(r.first), then: keys(r.then), gap: r.gap, match: { intent, variant } });
        }
      }
      if (tables.unless) this.unless.set(intent, keys(tables.unless));
      const groups = Object.values(tables.mentions ?? {}).flat().map(keys);
      if (groups.length) this.mention.set(intent, groups);
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
    const vetoed = (intent: string) => this.unless.get(intent)?.some((w) => has(norm, padded, w)) ?? false;
    for (const { phrase, match } of this.contains) {
      if (has(norm, padded, phrase) && !vetoed(match.intent)) return match;
    }
    for (const rule of this.near) {
      if (nearMatch(norm, rule.first, rule.then, rule.gap) && !vetoed(rule.match.intent)) return rule.match;
    }
    return undefined;
  }

  /**
   * Whether `text` is about `intent` (every word group of its `mentions` present), whether or
   * not `match` recognised it: "je veux que vous supprimiez tout ça de vos serveurs" is not
   * understood as "delete my data", but a reply should not treat it as any question either.
   */
  mentions(intent: string, text: string): boolean {
    const groups = this.mention.get(intent);
    if (!groups) return false;
    const norm = normalizeCommand(text);
    const padded = ` ${norm} `;
    return groups.every((group) => group.some((w) => has(norm, padded, w)));
  }
}

const keys = (phrases: string[]): string[] => phrases.map(normalizeCommand).filter(Boolean);

/** A phrase inside a normalised text: Chinese anywhere, other languages as whole words. */
const has = (norm: string, padded: string, phrase: string): boolean => (hasHan(phrase) ? norm.includes(phrase) : padded.includes(` ${phrase} `));

/** A phrase's words, split once: `nearMatch` runs on every message. */
const split = new Map<string, string[]>();
const words = (phrase: string): string[] => {
  let w = split.get(phrase);
  if (!w) split.set(phrase, (w = phrase.split(' ')));
  return w;
};

/**
 * A `first` phrase followed by a `then` one, with at most `gap` words (characters in Chinese)
 * between. Each position is looked at once per phrase, over a window of a few words after it,
 * so a long or repetitive message costs linear time.
 */
function nearMatch(norm: string, firsts: string[], thens: string[], gap: number): boolean {
  let tokens: string[] | undefined;
  for (const first of firsts) {
    if (!norm.includes(first)) continue; // most messages: no verb at all
    if (hasHan(first)) {
      for (let at = norm.indexOf(first); at >= 0; at = norm.indexOf(first, at + first.length)) {
        const after = at + first.length;
        for (const then of thens) {
          const window = norm.slice(after, after + 2 * gap + then.length + 4);
          const found = window.indexOf(then);
          if (found >= 0 && window.slice(0, found).replace(/\s/g, '').length <= gap) return true;
        }
      }
      continue;
    }
    tokens ??= norm.split(' ');
    const head = words(first);
    for (let i = 0; i + head.length <= tokens.length; i++) {
      if (tokens[i] !== head[0] || !head.every((w, k) => tokens![i + k] === w)) continue;
      const after = i + head.length;
      for (const then of thens) {
        const target = words(then);
        for (let skip = 0; skip <= gap; skip++) {
          if (target.every((w, k) => tokens![after + skip + k] === w)) return true;
        }
      }
    }
  }
  return false;
}
