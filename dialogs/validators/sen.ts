import type { Lang } from '../../knowledge/lang.js';
import type { Span } from '../../knowledge/nlu/match.js';
import { normalizeInput } from './normalize.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/**
 * Support Entitlement Numbers: "SEN-" + an optional letter + digits ("SEN-L1234567",
 * "SEN-12345678"), typed loosely ("sen l1234567", "SEN L 1234567"). They are taken out of the
 * text BEFORE number recognition, which reads "SEN-12345678" as −12345678. The separators are
 * bounded ("SEN : #…" at most), so a "SEN" followed by thousands of dashes is not rescanned.
 */
const SEN_IN_TEXT = /\bSEN[\s\-_:#]{0,4}([A-Z]?)[\s-]?(\d{6,10})(?!\d)/giu;
/** In answer to the SEN prompt, "L1234567" alone is also a SEN. */
const BARE_SEN = /(?:^|[\s,;/、，；])([A-Z])(\d{7,8})(?=$|[\s,;/、，；和及与]|et\b|and\b)/giu;

export interface SenMatch extends Span {
  sen: string;
}

const canonical = (letter: string | undefined, digits: string | undefined): string =>
  `SEN-${(letter ?? '').toUpperCase()}${digits ?? ''}`;

/** Every SEN in a sentence, normalised, in order, each once; with where it was. */
export function findSens(text: string, options: { allowBare?: boolean } = {}): SenMatch[] {
  const found: SenMatch[] = [];
  for (const m of text.matchAll(SEN_IN_TEXT)) {
    found.push({ sen: canonical(m[1], m[2]), start: m.index, end: m.index + m[0].length });
  }
  if (options.allowBare) {
    for (const m of text.matchAll(BARE_SEN)) {
      const start = m.index + m[0].indexOf(m[1] ?? '');
      if (!found.some((f) => start >= f.start && start < f.end)) {
        found.push({ sen: canonical(m[1], m[2]), start, end: start + 1 + (m[2]?.length ?? 0) });
      }
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.start - b.start)
    .filter((f) => (seen.has(f.sen) ? false : (seen.add(f.sen), true)));
}

/**
 * The `sen` slot: one SEN, or several for a co-term ("SEN-L1234567, SEN-L7654321",
 * "… et …", "… 和 …"). The value is always a list.
 */
export function validateSen(text: string, _lang: Lang): ValidationResult<string[]> {
  const sens = findSens(normalizeInput(text), { allowBare: true }).map((m) => m.sen);
  return sens.length > 0 ? ok(sens) : invalid(invalidKey('sen'));
}
