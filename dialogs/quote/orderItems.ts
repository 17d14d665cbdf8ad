import { findProductMatches, getProduct } from '../../knowledge/catalog.js';
import type { Deployment } from '../../knowledge/catalogSchema.js';
import type { Lang } from '../../knowledge/lang.js';
import { targetEdition } from '../validators/edition.js';
import { findSens } from '../validators/sen.js';
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
  edition?: string;
  sen?: string;
  addOnOf?: string;
}

/**
 * A user count per product when the text names several products, each with its own count. A
 * clause holding one product and one count pairs them whichever comes first ("200 users jira and
 * 30 agents jsm", "Jira 200 用户，JSM 30 个坐席"); otherwise each product takes the count after it
 * ("Jira Software 2000 users et Confluence 1000").
 */
export function tiersPerProduct(text: string, lang: Lang): Record<string, number> {
  const byClause = tiersByClause(text, lang);
  if (Object.keys(byClause).length >= 2) return byClause;
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

/** Clauses of an order: the sentence's separators and "+" ("Bitbucket DC 250 users + Jira DC 500 users"); "1,500" is one number. */
const ORDER_CLAUSE = /[,，](?!\d{3}(?!\d))|[;；、+\n]+|\s(?:and|et|puis|plus)\s|和|以及|还有|另外/iu;

function tiersByClause(text: string, lang: Lang): Record<string, number> {
  const tiers: Record<string, number> = {};
  for (const clause of text.split(ORDER_CLAUSE)) {
    const products = [...new Set(findProductMatches(clause).map((m) => m.product.id))];
    const counts = findUserCounts(clause, lang).filter((c) => !c.article && !c.date);
    if (products.length === 1 && counts.length === 1 && !(products[0]! in tiers)) tiers[products[0]!] = counts[0]!.value;
  }
  return tiers;
}

/**
 * Each product's own count rounded to that product's tiers (30 agents of cloud JSM → 35 agents),
 * with the rounding said once, in the product's unit: the filed tier is the one announced.
 */
export function fitItemTiers(tiers: Record<string, number>, deployment: Deployment | undefined): { tiers: Record<string, number>; notices: RuleViolation[] } {
  const fitted: Record<string, number> = {};
  const notices: RuleViolation[] = [];
  for (const [productId, count] of Object.entries(tiers)) {
    const tier = toTier(count, { ...(deployment && { deployment }), productId });
    fitted[productId] = tier.ok ? tier.value : count;
    if (tier.ok && tier.notice) notices.push({ rule: 'tierFitted', key: tier.notice.key, params: { ...tier.notice.params, productId } });
  }
  return { tiers: fitted, notices };
}

/**
 * An edition per product when the text gives two products different editions, each named after
 * its product ("Jira Premium et Bitbucket Standard", "Jira 高级版，Confluence 标准版"). One edition
 * for all ("Jira et Confluence en Premium") is the request's edition, not a per-product one.
 */
export function editionsPerProduct(text: string, deployment?: Deployment): Record<string, string> {
  const matches = findProductMatches(text);
  if (matches.length < 2) return {};
  const editions: Record<string, string> = {};
  matches.forEach((m, i) => {
    const edition = targetEdition(text.slice(m.start, matches[i + 1]?.start ?? text.length), deployment);
    // "Jira DC" names the deployment, not an edition (the Data Center edition is the deployment's own name).
    if (edition && edition !== deployment) editions[m.product.id] = edition;
  });
  return new Set(Object.values(editions)).size >= 2 ? editions : {};
}

/** Clauses of a sentence: "Jira SEN-L1 和 Confluence SEN-L2", "SEN-L1 for Jira, SEN-L2 for Confluence". */
const CLAUSE = /[,;，；、\n]+|\s(?:and|et|puis|plus)\s|和|以及|还有|另外/iu;

/**
 * The SEN of each product when a clause names exactly one of each ("le SEN de Confluence c'est
 * SEN-L3301988", "Jira SEN-L5512340 和 Confluence SEN-L5512341", "SEN-L1 (Jira)").
 */
export function sensPerProduct(text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const clause of text.split(CLAUSE)) {
    const products = [...new Set(findProductMatches(clause).map((m) => m.product.id))];
    const sens = findSens(clause);
    if (products.length === 1 && sens.length === 1) pairs[products[0]!] = sens[0]!.sen;
  }
  return pairs;
}

/**
 * Each product's SEN: the ones the user paired, and by elimination the last product with the
 * last SEN when the counts match ("…, l'autre c'est celui de Jira"). Pairs whose product or SEN
 * is no longer on file are ignored rather than cleaned up at every edit.
 */
export function pairedSens(draft: QuoteDraft): Record<string, string> {
  const products = draft.slots.product ?? [];
  const sens = draft.slots.sen ?? [];
  const pairs = Object.fromEntries(Object.entries(draft.itemSens).filter(([p, sen]) => products.includes(p) && sens.includes(sen)));
  const used = new Set(Object.values(pairs));
  const freeProducts = products.filter((p) => !(p in pairs));
  const freeSens = sens.filter((sen) => !used.has(sen));
  if (Object.keys(pairs).length > 0 && freeProducts.length === 1 && freeSens.length === 1) pairs[freeProducts[0]!] = freeSens[0]!;
  return pairs;
}

export function draftItems(draft: QuoteDraft): DraftItem[] {
  const sens = pairedSens(draft);
  return (draft.slots.product ?? []).map((product) => {
    const tier = draft.itemTiers[product] ?? draft.slots.tier;
    const edition = draft.itemEditions[product] ?? draft.slots.edition;
    const sen = sens[product];
    const addOnOf = getProduct(product)?.addOnOf;
    return { product, ...(tier !== undefined && { tier }), ...(edition !== undefined && { edition }), ...(sen && { sen }), ...(addOnOf && { addOnOf }) };
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
