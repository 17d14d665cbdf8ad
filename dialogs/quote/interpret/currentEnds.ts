import type { Lang } from '../../../knowledge/lang.js';
import { findProductMatches } from '../../../knowledge/catalog.js';
import { allLangs, dateWords, findAlias, foldText } from '../../../knowledge/nlu/index.js';
import { findSens, normalizeInput, type Message } from '../../validators/index.js';
import { findDate } from '../../validators/targetDate.js';
import type { QuoteDraft } from '../quoteDraft.js';

/**
 * "sorry, the Confluence one expires 14 March 2027, not February", "SEN-L… se termine en fait le
 * 14/03/2027", "Confluence那个是2027年3月14日到期": a co-term licence's CURRENT end date, kept as
 * a structured fact of the draft (quoteDraft.facts), corrected there. The co-term target date is
 * another field and stays as it is. Pure.
 */

const CURRENT_END = 'quoteDialog:opening.currentEnd';

export interface CurrentEndReading {
  facts: QuoteDraft['facts'];
  notice: Message;
}

/** The licence the text names: by its SEN, else by its product (paired, or in the order given), else the only one on file. */
function licenceOf(draft: QuoteDraft, input: string, known: readonly string[]): string | undefined {
  const sens = findSens(input).map((s) => s.sen);
  const named = sens.find((sen) => (draft.slots.sen ?? []).includes(sen));
  if (named) return named;
  if (sens.length > 0) return undefined;
  const products = findProductMatches(input).map((m) => m.product.id);
  if (products.length === 1) {
    const product = products[0]!;
    if (draft.itemSens[product]) return draft.itemSens[product];
    // "Jira SEN-A and Confluence SEN-B": the products and the SENs were given in the same order.
    const order = draft.slots.product ?? draft.unheld.product ?? [];
    const sensOnFile = draft.slots.sen ?? [];
    const at = order.indexOf(product);
    if (at >= 0 && order.length === sensOnFile.length) return sensOnFile[at];
    return undefined;
  }
  return products.length === 0 && known.length === 1 ? known[0] : undefined;
}

export function readCurrentEnd(draft: QuoteDraft, text: string, lang: Lang, now: Date, dayFirst?: boolean): CurrentEndReading | undefined {
  if (draft.kind !== 'coterm') return undefined;
  const input = normalizeInput(text);
  const folded = foldText(input);
  const words = dateWords();
  const says = (list: readonly string[]) => list.some((w) => findAlias(folded, foldText(w)).length > 0);
  // An end word, and not the co-term target ("align to…", "date cible…").
  if (!says(allLangs(words.currentEndCues, lang)) || says(allLangs(words.targetCues, lang))) return undefined;
  const known = draft.facts.filter((f) => f.key === CURRENT_END).map((f) => String(f.params?.sen ?? ''));
  const sen = licenceOf(draft, input, known);
  if (!sen) return undefined;
  // The new date is the first one said ("14 March 2027, not February").
  const date = findDate(input, lang, now, dayFirst === undefined ? {} : { dayFirst });
  if (!date) return undefined;
  const before = draft.facts.find((f) => f.key === CURRENT_END && f.params?.sen === sen);
  const old = before?.params?.date;
  if (old === date) return undefined;
  const fact = { key: CURRENT_END, params: { sen, date } };
  const facts = before ? draft.facts.map((f) => (f === before ? fact : f)) : [...draft.facts, fact];
  const notice: Message =
    old === undefined ? { key: 'quoteDialog:changed.currentEndAdded', params: { sen, date } } : { key: 'quoteDialog:changed.currentEnd', params: { sen, date, old: String(old) } };
  return { facts, notice };
}
