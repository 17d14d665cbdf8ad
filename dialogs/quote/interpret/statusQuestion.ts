import type { Lang } from '../../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords } from '../../../knowledge/nlu/index.js';
import { normalizeInput } from '../../validators/index.js';

const REF_IN_TEXT = /\bQR-\d{8}-\d{4,6}\b/i;

/** "où en est QR-20261122-0042 ?", "QR-… 的状态", "status of QR-…": the reference asked about. */
export function statusReference(text: string): string | undefined {
  return REF_IN_TEXT.exec(text)?.[0].toUpperCase();
}

/**
 * A question about the user's own requests: a `QR-…` reference, or a status word with a request
 * word and a possessive ("où en est ma demande ?", "status of my quote", "我的报价进度"). A how-to
 * question ("how do I track an order?") is the FAQ's. `ref` is set when a reference was typed.
 */
export function detectStatusQuestion(text: string, lang: Lang): { ref?: string } | undefined {
  const ref = statusReference(text);
  if (ref) return { ref };
  const folded = foldText(normalizeInput(text));
  const w = formTurnWords().status;
  const has = (list: readonly string[]) => list.some((x) => findAlias(folded, foldText(x)).length > 0);
  // "status?", "statut ?", "进度？": the whole message is a status word.
  const bare = folded.replace(/[\s?？!！.。]+$/u, '').trim();
  if (allLangs(w.bare, lang).some((x) => foldText(x) === bare)) return {};
  if (!has(allLangs(w.words, lang)) || !has(allLangs(w.requests, lang)) || !has(allLangs(w.mine, lang))) return undefined;
  if (has(allLangs(w.howTo, lang))) return undefined;
  // A long message that merely mentions a status is something else (a request, a question).
  return folded.split(/\s+/u).length <= 14 || /\p{Script=Han}/u.test(folded) ? {} : undefined;
}
