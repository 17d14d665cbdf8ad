import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../bot/paths.js';
import { normalizeCommand } from '../intents.js';

/**
 * Messages that are not questions (knowledge/language/conversation.json): "hello again", "ok",
 * "merci", "finalement non, c'est bon", "👍🎉🙏", and "that doesn't help". The FAQ answers them
 * briefly instead of searching the knowledge base, which finds some topic for any words.
 */

const perLang = z.object({ en: z.array(z.string()), fr: z.array(z.string()), zh: z.array(z.string()) });
const schema = z.object({
  $comment: z.string().optional(),
  smallTalk: z.object({ notHelpful: perLang, dismiss: perLang, thanks: perLang, greeting: perLang, ack: perLang }),
  fillers: perLang,
  thirdParty: perLang,
});

/** The strongest kind wins: "merci, mais ça ne m'aide pas" is not a thank-you. */
export const SMALL_TALK_KINDS = ['notHelpful', 'dismiss', 'thanks', 'greeting', 'ack'] as const;
export type SmallTalk = (typeof SMALL_TALK_KINDS)[number];

interface Phrase {
  text: string;
  kind: SmallTalk | 'filler';
}

/** Past this length a message says more than small talk: not worth scanning. */
const MAX_CHARS = 80;
const HAN = /\p{Script=Han}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

let cached: { phrases: Phrase[]; thirdParty: string[] } | undefined;

function data(): NonNullable<typeof cached> {
  if (cached) return cached;
  const raw = schema.parse(JSON.parse(readFileSync(fromRoot('knowledge', 'language', 'conversation.json'), 'utf8')));
  const phrases: Phrase[] = [];
  const add = (list: readonly string[], kind: Phrase['kind']) => {
    for (const p of list) {
      const text = normalizeCommand(p);
      if (text) phrases.push({ text, kind });
    }
  };
  for (const kind of SMALL_TALK_KINDS) for (const lang of ['en', 'fr', 'zh'] as const) add(raw.smallTalk[kind][lang], kind);
  for (const lang of ['en', 'fr', 'zh'] as const) add(raw.fillers[lang], 'filler');
  // Longest first, so "ça ne m'aide pas du tout" is one phrase and "re" never eats "rebonjour".
  phrases.sort((a, b) => b.text.length - a.text.length);
  const thirdParty = [...raw.thirdParty.en, ...raw.thirdParty.fr, ...raw.thirdParty.zh].map(normalizeCommand);
  cached = { phrases, thirdParty };
  return cached;
}

/** Load and check the file now, so a broken list stops the bot at start-up. */
export function loadConversationWords(): void {
  data();
}

/** A Latin phrase must end at a word boundary; a Chinese one may be followed by anything. */
function matchesAt(text: string, at: number, phrase: string): boolean {
  if (!text.startsWith(phrase, at)) return false;
  const last = phrase[phrase.length - 1]!;
  const next = text[at + phrase.length];
  return HAN.test(last) || next === undefined || next === ' ' || HAN.test(next);
}

/**
 * The kind of small talk a message is, when it is made only of small-talk phrases and fillers
 * (emoji alone count as an acknowledgement), else undefined. Language-independent: resellers
 * say "ok merci" in a Chinese conversation too.
 */
export function smallTalkOf(raw: string): SmallTalk | undefined {
  if (raw.length > MAX_CHARS) return undefined;
  const text = normalizeCommand(raw);
  if (!text) return PICTOGRAPH.test(raw) ? 'ack' : undefined;
  const { phrases } = data();
  const kinds = new Set<SmallTalk>();
  let at = 0;
  while (at < text.length) {
    if (text[at] === ' ') {
      at++;
      continue;
    }
    const found = phrases.find((p) => matchesAt(text, at, p.text));
    if (!found) return undefined;
    if (found.kind !== 'filler') kinds.add(found.kind);
    at += found.text.length;
  }
  return SMALL_TALK_KINDS.find((k) => kinds.has(k));
}

/** Whether the message names a third-party app ("le plugin X", "Zorblax插件"). */
export function mentionsThirdPartyApp(raw: string): boolean {
  // Latin words are matched whole; a Latin word glued to Chinese ("Zorblax插件") is split first.
  const padded = ` ${normalizeCommand(raw).replace(/(\p{Script=Han}+)/gu, ' $1 ')} `;
  return data().thirdParty.some((w) => (HAN.test(w) ? padded.includes(w) : padded.includes(` ${w} `)));
}
