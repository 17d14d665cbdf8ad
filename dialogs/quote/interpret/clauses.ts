import type { Lang } from '../../../knowledge/lang.js';
import { allLangs, foldText, formTurnWords } from '../../../knowledge/nlu/index.js';
import type { SlotName } from '../../../knowledge/quoteTypes.js';
import type { QuoteDraft } from '../quoteDraft.js';
import { hasCorrectionMarker, readCorrection, type CorrectionOptions, type CorrectionReading } from './corrections.js';

/**
 * Two corrections in one message ("公司名字错了，应该是上海云图科技。另外维护改成两年", "the company
 * is wrong, it's Lee Consulting. Also change maintenance to 2 years"): read as one, the first
 * named field took the rest of the message as its value ("两年" became the company) and the second
 * was dropped. Each clause is read on its own, in order, each on the draft the clauses before it
 * changed; that reading wins only when it changes every field the whole message did and more, so
 * a sentence whose parts belong together ("Paul Durand. son email est …") stays one reading.
 */

const SENTENCE_END = /[。！!；;\n]+|(?<=[\p{L}\p{N})])\.\s+/u;

/** The message cut at sentence ends, and at a comma followed by a word that opens a new request. */
export function splitClauses(text: string, lang: Lang): string[] {
  const starts = allLangs(formTurnWords().clauseStarts, lang).map(foldText).sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  for (const sentence of text.split(SENTENCE_END)) {
    let rest = sentence;
    for (;;) {
      const cut = commaBeforeStart(rest, starts);
      if (cut < 0) break;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    parts.push(rest);
  }
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Where a comma is followed by a clause start ("…, et aussi", "…，另外"), or -1. */
function commaBeforeStart(text: string, starts: readonly string[]): number {
  for (const m of text.matchAll(/[,，]\s*/gu)) {
    const after = foldText(text.slice(m.index + m[0].length, m.index + m[0].length + 24));
    if (starts.some((s) => after.startsWith(s) && (/\p{Script=Han}$/u.test(s) || !/[\p{L}]/u.test(after.charAt(s.length))))) return m.index;
  }
  return -1;
}

export function readCorrections(draft: QuoteDraft, asked: SlotName, text: string, lang: Lang, options: CorrectionOptions = {}): CorrectionReading | undefined {
  const whole = readCorrection(draft, asked, text, lang, options);
  const clauses = splitClauses(text, lang);
  if (clauses.length < 2 || whole?.swapped) return whole;
  const marked = options.marked === true || hasCorrectionMarker(text, lang);
  let current = draft;
  const merged: CorrectionReading = { slots: {}, changes: [], notices: [] };
  for (const clause of clauses) {
    const part = readCorrection(current, asked, clause, lang, { ...options, marked });
    if (!part || part.swapped) continue;
    Object.assign(merged.slots, part.slots);
    for (const key of ['itemTiers', 'itemEditions', 'itemSens', 'unheld'] as const) if (part[key]) merged[key] = part[key] as never;
    // A field changed twice is said once, from its value before the message to its last one.
    for (const change of part.changes) {
      const earlier = merged.changes.findIndex((c) => c.slot === change.slot && c.product === change.product);
      if (earlier < 0) merged.changes.push(change);
      else {
        const first = merged.changes[earlier]!;
        const { from: _between, ...last } = change;
        merged.changes[earlier] = { ...last, ...('from' in first && { from: first.from }) };
      }
    }
    merged.notices.push(...part.notices);
    current = { ...current, ...(part.unheld && { unheld: part.unheld }), ...(part.itemTiers && { itemTiers: part.itemTiers }), ...(part.itemEditions && { itemEditions: part.itemEditions }), ...(part.itemSens && { itemSens: part.itemSens }), slots: { ...current.slots, ...part.slots } };
  }
  const key = (c: { slot: string; product?: string }) => `${c.slot}/${c.product ?? ''}`;
  const wholeKeys = new Set((whole?.changes ?? []).map(key));
  const clauseKeys = new Set(merged.changes.map(key));
  const more = clauseKeys.size > wholeKeys.size && [...wholeKeys].every((k) => clauseKeys.has(k));
  return more ? merged : whole;
}
