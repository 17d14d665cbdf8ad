import { findProductMatches, getProduct } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { checkAddOnTier, findUserCounts, pickUserCount, requiredAddOnTier, toTier, type RuleViolation } from '../validators/index.js';
import { deploymentFor, type QuoteDraft } from './quoteDraft.js';

/**
 * Order lines from the draft: one per product, sharing the request's tier unless the user gave
 * a product its own ("Jira 2000 users and ScriptRunner 500 users"). Add-ons must take their base
 * product's tier (quoteRules.checkAddOnTier), which `alignAddOnTiers` enforces.
 */

export interface DraftItem {
  product: string;
  tier?: number;
  addOnOf?: string;
}

/** A user count per product when the text names several products, each followed by its own count. */
export function tiersPerProduct(text: string, lang: Lang): Record<string, number> {
  const matches = findProductMatches(text);
  if (matches.length < 2) return {};
  const tiers: Record<string, number> = {};
  matches.forEach((m, i) => {
    const segment = text.slice(m.start, matches[i + 1]?.start ?? text.length);
    const count = pickUserCount(findUserCounts(segment, lang), true);
    if (count) tiers[m.product.id] = count.value;
  });
  return Object.keys(tiers).length >= 2 ? tiers : {};
}

export function draftItems(draft: QuoteDraft): DraftItem[] {
  return (draft.slots.product ?? []).map((product) => {
    const tier = draft.itemTiers[product] ?? draft.slots.tier;
    const addOnOf = getProduct(product)?.addOnOf;
    return { product, ...(tier !== undefined && { tier }), ...(addOnOf && { addOnOf }) };
  });
}

/** Refuses a different add-on tier with the rule's reason, and sets the add-on to its base tier. */
export function alignAddOnTiers(draft: QuoteDraft): { draft: QuoteDraft; violation?: RuleViolation } {
  const items = draftItems(draft);
  const violation = checkAddOnTier(items);
  if (!violation) return { draft };
  const itemTiers = { ...draft.itemTiers };
  for (const item of items) {
    const tier = requiredAddOnTier(item.product, items);
    if (tier !== undefined) itemTiers[item.product] = tier;
  }
  return { draft: { ...draft, itemTiers }, violation };
}

/**
 * The request's tier, checked again against its product: a product changed after the tier was
 * given ("not JSM, Confluence" with 35 agents) may not sell that tier. Rounded up with the notice.
 */
export function fitTierToProduct(draft: QuoteDraft): { draft: QuoteDraft; notice?: RuleViolation } {
  const { tier, product = [] } = draft.slots;
  const deployment = deploymentFor(draft);
  if (tier === undefined || product.length !== 1 || !deployment) return { draft };
  const fitted = toTier(tier, { deployment, productId: product[0]! });
  if (!fitted.ok || fitted.value === tier || !fitted.notice) return { draft };
  return {
    draft: { ...draft, slots: { ...draft.slots, tier: fitted.value } },
    notice: { rule: 'tierFitted', key: fitted.notice.key, ...(fitted.notice.params && { params: fitted.notice.params }) },
  };
}
