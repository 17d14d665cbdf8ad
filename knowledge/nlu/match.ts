/**
 * Length-preserving text folding and alias search shared by the catalog and the validators.
 * Folding keeps one output character per input character, so positions found in the folded
 * text slice the user's original text (their casing stays intact).
 */

const SPACES = /[\u00a0\u202f\u2007\u2009\u3000]/;

/** How each non-ASCII character folds, learned once: Unicode normalisation per character is slow. */
const foldedChars = new Map<string, string>();
/** The last texts folded: the validators of one turn fold the same message many times. */
const recentFolds: Array<[string, string]> = [];

function foldChar(ch: string): string {
  let out = foldedChars.get(ch);
  if (out !== undefined) return out;
  if (SPACES.test(ch)) out = ' ';
  else if (ch === '\u2019' || ch === '\u2018') out = "'";
  else {
    const folded = ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    // Keep the original when folding would change the length (ligatures, expansions).
    const lower = ch.toLowerCase();
    out = folded.length === ch.length ? folded : lower.length === ch.length ? lower : ch;
  }
  if (foldedChars.size < 50_000) foldedChars.set(ch, out);
  return out;
}

/**
 * Short texts folded so far (aliases and word lists above all: callers fold each list entry per
 * message, which rebuilt the same strings — and made every alias lookup hash a new string —
 * thousands of times a turn). Bounded: cleared when full, the word lists refill it at once.
 */
const shortFolds = new Map<string, string>();
const SHORT_FOLD = 64;
const MAX_SHORT_FOLDS = 20_000;

/** Lower-case, no accents, full-width → ASCII, every kind of space → ' ', ’ → '. */
export function foldText(text: string): string {
  if (text.length <= SHORT_FOLD) {
    let out = shortFolds.get(text);
    if (out === undefined) {
      out = fold(text);
      if (shortFolds.size >= MAX_SHORT_FOLDS) shortFolds.clear();
      shortFolds.set(text, out);
    }
    return out;
  }
  for (const [input, output] of recentFolds) if (input === text) return output;
  const out = fold(text);
  recentFolds.unshift([text, out]);
  if (recentFolds.length > 4) recentFolds.pop();
  return out;
}

function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    // ASCII needs no Unicode folding: the common case, and this runs on every message.
    out += code < 0x80 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch) : foldChar(ch);
  }
  return out;
}

/** Aliases come from data files: fold each once, not on every message. */
const aliasCache = new Map<string, string>();
function foldedAlias(alias: string): string {
  let folded = aliasCache.get(alias);
  if (folded === undefined) {
    folded = foldText(alias);
    if (aliasCache.size < 20_000) aliasCache.set(alias, folded);
  }
  return folded;
}

const HAN = /\p{Script=Han}/u;
const WORDISH = /[\p{L}\p{N}]/u;

export interface Span {
  start: number;
  /** Exclusive end. */
  end: number;
}

/**
 * Where `alias` (already folded) occurs in `folded`. Latin aliases must stand as whole words
 * ("dc" not inside "dcom"); an alias ending with '*' is a prefix ("renouvel*" matches
 * "renouvellement"); Chinese aliases match anywhere, Chinese has no spaces.
 */
export function findAlias(folded: string, alias: string): Span[] {
  const prefix = alias.endsWith('*');
  const needle = foldedAlias(prefix ? alias.slice(0, -1) : alias);
  if (!needle) return [];
  const spans: Span[] = [];
  let from = 0;
  for (;;) {
    const start = folded.indexOf(needle, from);
    if (start < 0) return spans;
    let end = start + needle.length;
    const before = folded[start - 1];
    const latinStart = !HAN.test(needle[0] ?? '');
    const latinEnd = !HAN.test(needle[needle.length - 1] ?? '');
    const okBefore = !latinStart || before === undefined || !WORDISH.test(before) || HAN.test(before);
    // Extend a prefix only where it can match: inside a long word every occurrence would walk to its end.
    if (prefix && okBefore) while (end < folded.length && /\p{L}/u.test(folded[end] ?? '') && !HAN.test(folded[end] ?? '')) end++;
    const after = folded[end];
    const okAfter = !latinEnd || after === undefined || !WORDISH.test(after) || HAN.test(after);
    if (okBefore && okAfter) spans.push({ start, end });
    from = start + 1;
  }
}

/** True when any alias occurs in the text. */
export function hasAny(text: string, aliases: readonly string[]): boolean {
  const folded = foldText(text);
  return aliases.some((a) => findAlias(folded, a).length > 0);
}

/**
 * Blank out spans (same length) so later searches cannot match inside them. One pass over the
 * text: copying the whole text once per span was quadratic for "SEN-1234567 " × 1,000.
 */
export function blankSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const depth = new Int32Array(text.length + 1);
  for (const s of spans) {
    const start = Math.max(0, Math.min(text.length, s.start));
    const end = Math.max(start, Math.min(text.length, s.end));
    depth[start] = depth[start]! + 1;
    depth[end] = depth[end]! - 1;
  }
  const parts: string[] = [];
  let inside = 0;
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const next = inside + depth[i]!;
    if ((inside > 0) !== (next > 0) || i === text.length) {
      const piece = text.slice(from, i);
      parts.push(inside > 0 ? ' '.repeat(piece.length) : piece);
      from = i;
    }
    inside = next;
  }
  return parts.join('');
}
