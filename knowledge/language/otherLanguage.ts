import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../bot/paths.js';

const schema = z.object({ $comment: z.string().optional() }).catchall(z.array(z.string()).min(10));
const markersSchema = z.object({ fr: z.array(z.string()), en: z.array(z.string()) }).passthrough();

let cached: { other: Map<string, Set<string>>; ours: Set<string> } | undefined;

function words(): NonNullable<typeof cached> {
  if (cached) return cached;
  const raw = schema.parse(JSON.parse(readFileSync(fromRoot('knowledge', 'language', 'otherLanguages.json'), 'utf8')));
  const markers = markersSchema.parse(JSON.parse(readFileSync(fromRoot('knowledge', 'language', 'markers.json'), 'utf8')));
  const ours = new Set([...markers.fr, ...markers.en]);
  const other = new Map<string, Set<string>>();
  for (const [lang, list] of Object.entries(raw)) {
    if (Array.isArray(list)) other.set(lang, new Set(list.filter((w) => !ours.has(w))));
  }
  cached = { other, ours };
  return cached;
}

/**
 * The language a message is written in when it is one the bot does not speak (German, Spanish,
 * Italian, Portuguese, Dutch), else undefined. Chinese script, or as many French/English
 * function words as foreign ones, means the message is ours: a product name or one borrowed
 * word never makes a French or English question "foreign".
 */
export function otherLanguageOf(text: string): string | undefined {
  if (/\p{Script=Han}/u.test(text)) return undefined;
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (tokens.length < 3) return undefined;
  const { other, ours } = words();
  const own = tokens.filter((t) => ours.has(t)).length;
  let best: [string, number] | undefined;
  for (const [lang, list] of other) {
    const hits = tokens.filter((t) => list.has(t)).length;
    if (!best || hits > best[1]) best = [lang, hits];
  }
  return best && best[1] >= 2 && best[1] > own ? best[0] : undefined;
}
