import type { TFunction } from 'i18next';
import { getProduct, loadCatalog } from '../../knowledge/catalog.js';
import { DEPLOYMENTS, type Deployment } from '../../knowledge/catalogSchema.js';
import type { Lang } from '../../knowledge/lang.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import { labelKey, type Message } from '../validators/index.js';
import type { Change } from './interpret/corrections.js';
import { elidesBefore } from './elision.js';
import { requireKind, type QuoteDraft } from './quoteDraft.js';
import { displayValue, formatDate, formatNumber } from './summaryCard.js';

/** Texts the form says back: a message with its parameters localized, the changes it made. */

/** A domain message in the user's language; a `deployment` parameter is shown by its name ("Data Center", "云版"). */
export function renderMessage(t: TFunction, lang: Lang, message: Message): string {
  const params = { ...message.params };
  // Counts are written the user's way: "2 000" in French, "2,000" in English.
  for (const [k, v] of Object.entries(params)) if (typeof v === 'number') params[k] = formatNumber(lang, v);
  // Dates in words: "Le 15 janvier 2026 n'est pas une date future", never "2026-01-15".
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(v)) params[k] = formatDate(lang, v);
  if (isDeployment(params.deployment)) params.deployment = loadCatalog().deployments[params.deployment].names[lang];
  return t(message.key, params);
}

const isDeployment = (value: unknown): value is Deployment => (DEPLOYMENTS as readonly unknown[]).includes(value);

/** A slot's value for a one-line confirmation, read from a draft that holds it. */
function shown(t: TFunction, lang: Lang, draft: QuoteDraft, slot: SlotName, value: unknown): string {
  return displayValue(t, lang, { ...draft, itemTiers: {}, itemEditions: {}, slots: { ...draft.slots, [slot]: value } }, slot);
}

/**
 * One line per change ("Noté : 500 utilisateurs au lieu de 250 (Palier d'utilisateurs)."), or one
 * line for a swap of two people. Nothing changes without being said.
 */
export function changeLines(t: TFunction, lang: Lang, draft: QuoteDraft, changes: readonly Change[], swapped?: readonly [SlotName, SlotName]): string[] {
  const kind = requireKind(draft);
  if (swapped) return [t('quoteDialog:changed.swapped', { a: t(labelKey(kind, swapped[0])), b: t(labelKey(kind, swapped[1])) })];
  // The products named in the same message decide the tier's unit ("500 agents" for JSM), whatever the order of the lines.
  const products = changes.find((c) => c.slot === 'product' && !c.product)?.to as QuoteDraft['slots']['product'] | undefined;
  const withProducts: QuoteDraft = products ? { ...draft, slots: { ...draft.slots, product: products } } : draft;
  return changes.map((c) => {
    const product = c.product && (getProduct(c.product)?.name ?? c.product);
    const field = product ? t(c.slot === 'edition' ? 'quoteDialog:changed.editionOf' : 'quoteDialog:changed.tierOf', { product }) : t(labelKey(kind, c.slot));
    // "none" at the notes prompt empties them: said as such, never "Noted:  instead of …".
    if (c.to === '' && c.from !== undefined) return t('quoteDialog:changed.cleared', { field });
    const value = shown(t, lang, withProducts, c.slot, c.to);
    // A remark is said as one ("Noted in the remarks: …"), not "Noted: Notes: …".
    if (c.from === undefined && c.slot === 'notes') return t('quoteDialog:notes.added', { note: value });
    if (c.from === undefined) return t('quoteDialog:changed.added', { field, value });
    const old = shown(t, lang, draft, c.slot, c.from);
    // "au lieu d'Atelier …": French elides "de" before a vowel sound (context `elided`).
    return t('quoteDialog:changed.replaced', { field, value, old, ...(elidesBefore(lang, old) && { context: 'elided' }) });
  });
}
