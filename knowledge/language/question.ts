import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromRoot } from '../../bot/paths.js';
import { normalizeCommand } from '../intents.js';
import { TypoCorrector } from '../search/typo.js';
import { EMAIL_PATTERN, SEN_PATTERN } from './personalData.js';

const schema = z.object({
  start: z.record(z.string(), z.array(z.string())),
  anywhere: z.record(z.string(), z.array(z.string())),
});

const markers = schema.parse(JSON.parse(readFileSync(fromRoot('knowledge', 'language', 'questionMarkers.json'), 'utf8')));
const startWords = new Set(Object.values(markers.start).flat().map(normalizeCommand));
const anywhere = Object.values(markers.anywhere).flat();
// "coment renouveler…", "combein de temps…": a question word typed fast is still a question word
// (distance 1, five letters and more, first letter right).
const startTypos = new TypoCorrector([...startWords]);
const isStartWord = (w: string) => startWords.has(w) || startTypos.correct(w) !== undefined;

/**
 * Whether a message asks how something works ("How do I renew…?", "comment
 * renouveler…", "如何续订") rather than asking the bot to do it ("je voudrais un
 * devis…", "续订 SEN-…"): questions go to the FAQ first, requests to the dialogs.
 */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (/[?？]\s{0,8}$/.test(trimmed)) return true;
  if (anywhere.some((m) => trimmed.includes(m))) return true;
  const words = normalizeCommand(trimmed).split(' ');
  // "Bonjour, comment…" / "Hi, how…": look past a greeting word.
  return words.slice(0, 3).some((w, i) => isStartWord(w) && (i === 0 || /^(hi|hello|bonjour|salut|hey|ok|so|alors|et)$/.test(words[i - 1] ?? '')));
}

// Bounded repeats only (see personalData.ts): `[a-z0-9-]+\.atlassian` was quadratic on a long word.
const REQUEST_DATA = [SEN_PATTERN, /[a-z0-9-]{1,63}\.atlassian\.net\b/i, EMAIL_PATTERN];

/**
 * Whether a message carries the data of a request (a SEN, a site URL, an email):
 * "Pouvez-vous renouveler SEN-L1234567 ?" is a request worded as a question.
 */
export function carriesRequestData(text: string): boolean {
  return REQUEST_DATA.some((re) => re.test(text));
}
