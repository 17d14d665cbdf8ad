import { getProduct, loadCatalog, tiersFor } from '../../knowledge/catalog.js';
import type { Deployment } from '../../knowledge/catalogSchema.js';
import type { MessageParams } from './result.js';

/**
 * Business rules from the seed pages (newer Chinese page wins where they differ). Each check is a
 * pure function returning a violation with an i18n key and its params, or undefined, so the
 * dialog refuses with the reason in the user's language. Figures (USD 10,000, AUD, dates, the
 * 12-month minimum) come from knowledge/catalog.json.
 */

export type RuleName =
  | 'annualCloudOnly'
  | 'addOnTierMismatch'
  | 'cotermRenewalsOnly'
  | 'cotermMinimumRenewal'
  | 'cotermDatePast'
  | 'serverEndOfSale'
  | 'net30Minimum'
  | 'audNoCard'
  | 'audNoCheck'
  | 'needsPerson'
  /** Not a refusal: the tier was rounded to one the product sells (a product changed after the tier). */
  | 'tierFitted';

export interface RuleViolation {
  rule: RuleName;
  /** i18n key, e.g. `quote:rule.annualCloudOnly`. */
  key: string;
  params?: MessageParams;
}

/** `keyName` differs from the rule name when one rule has several messages (needsPerson*). */
const violation = (rule: RuleName, params?: MessageParams, keyName: string = rule): RuleViolation =>
  params === undefined ? { rule, key: `quote:rule.${keyName}` } : { rule, key: `quote:rule.${keyName}`, params };

/** Resellers buy annual cloud subscriptions only; monthly is for customers buying directly. */
export function checkAnnualCloudOnly(order: { deployment?: Deployment; billingCycle?: 'monthly' | 'annual' }): RuleViolation | undefined {
  if (order.deployment !== 'cloud' || order.billingCycle !== 'monthly') return undefined;
  return loadCatalog().deployments.cloud.billing.resellerCycles.includes('monthly') ? undefined : violation('annualCloudOnly');
}

export interface OrderItem {
  product: string;
  tier?: number;
}

/** A Marketplace add-on must have the same user tier as its base product in the same order. */
export function checkAddOnTier(items: readonly OrderItem[]): RuleViolation | undefined {
  for (const item of items) {
    const addOn = getProduct(item.product);
    if (!addOn?.addOnOf) continue;
    const base = items.find((i) => i.product === addOn.addOnOf);
    if (base?.tier !== undefined && item.tier !== undefined && base.tier !== item.tier) {
      return violation('addOnTierMismatch', { addOn: addOn.name, base: getProduct(base.product)?.name ?? base.product, tier: base.tier });
    }
  }
  return undefined;
}

/** The tier an add-on must take: its base product's (the dialog can set it without asking). */
export function requiredAddOnTier(addOnId: string, items: readonly OrderItem[]): number | undefined {
  const base = getProduct(addOnId)?.addOnOf;
  return base === undefined ? undefined : items.find((i) => i.product === base)?.tier;
}

export interface CotermLicence {
  sen: string;
  /** Only maintenance renewals can be co-termed. */
  type: 'renewal' | 'new' | 'upgrade';
  /** Current maintenance end (YYYY-MM-DD) when known. */
  currentEndDate?: string;
}

/**
 * Co-term: only maintenance renewals; new and upgraded licences keep their 12 months of
 * maintenance (it cannot be shortened).
 */
export function checkCotermRenewalsOnly(licences: readonly CotermLicence[]): RuleViolation | undefined {
  const other = licences.find((l) => l.type !== 'renewal');
  return other ? violation('cotermRenewalsOnly', { sen: other.sen }) : undefined;
}

const monthsBetween = (from: string, to: string): number => {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return b.getUTCDate() >= a.getUTCDate() ? months : months - 1;
};

/**
 * Co-term target date. Decision (from the seeds): the date must be in the future (it is the new
 * common end date), and at least one licence must be renewed for at least 12 months up to it
 * (older French page: "au moins une des licences … doit être renouvelée au minimum une fois
 * par an"). When the licences' current end dates are unknown (the bot only has SENs) the
 * 12-month check is left to the manual review that every co-term gets (newer Chinese page:
 * 条款关联需要人工审核); the validator also caps the date at catalog.coterm.maxMonthsAhead.
 */
export function checkCotermTargetDate(targetDate: string, licences: readonly CotermLicence[], now: Date = new Date()): RuleViolation | undefined {
  const today = now.toISOString().slice(0, 10);
  if (targetDate <= today) return violation('cotermDatePast', { date: targetDate });
  const known = licences.filter((l): l is CotermLicence & { currentEndDate: string } => l.currentEndDate !== undefined);
  if (known.length === 0) return undefined;
  const min = loadCatalog().coterm.minRenewalMonths;
  const longest = Math.max(...known.map((l) => monthsBetween(l.currentEndDate, targetDate)));
  return longest >= min ? undefined : violation('cotermMinimumRenewal', { months: min, date: targetDate });
}

/** No new Server licences (end of sale 2 Feb 2021, support ended 2 Feb 2024): offer Data Center or cloud. */
export function checkServerEndOfSale(order: { deployment?: Deployment }): RuleViolation | undefined {
  if (order.deployment !== 'server') return undefined;
  const server = loadCatalog().deployments.server;
  return violation('serverEndOfSale', { endOfSale: server.endOfSale ?? '', endOfSupport: server.endOfSupport ?? '' });
}

export type PaymentMethod = 'card' | 'bankTransfer' | 'check' | 'ach' | 'net30' | 'paypal';

/** Net-30 terms: Data Center and cloud orders of USD 10,000 or more only. */
export function checkNet30(order: { method: PaymentMethod; deployment?: Deployment; amountUsd?: number }): RuleViolation | undefined {
  if (order.method !== 'net30') return undefined;
  const { net30MinimumUsd, net30Deployments } = loadCatalog().payment;
  const eligible = order.deployment !== undefined && net30Deployments.includes(order.deployment) && (order.amountUsd ?? 0) >= net30MinimumUsd;
  return eligible ? undefined : violation('net30Minimum', { min: net30MinimumUsd });
}

/** No credit card and no check for orders in Australian dollars. */
export function checkCurrencyPayment(order: { method: PaymentMethod; currency?: string }): RuleViolation | undefined {
  const currency = order.currency?.toUpperCase();
  if (currency === undefined) return undefined;
  const { noCardCurrencies, noCheckCurrencies } = loadCatalog().payment;
  if (order.method === 'card' && noCardCurrencies.includes(currency)) return violation('audNoCard', { currency });
  if (order.method === 'check' && noCheckCurrencies.includes(currency)) return violation('audNoCheck', { currency });
  return undefined;
}

/**
 * When a person should take over (the dialog offers a handoff): more users than the top tier
 * (50,000+), or an edition the catalog marks as sold by a person (cloud Enterprise).
 */
export function checkNeedsPerson(order: { deployment?: Deployment; product?: readonly string[]; tier?: number; edition?: string }): RuleViolation | undefined {
  const catalog = loadCatalog();
  if (order.tier !== undefined) {
    const deployments: Deployment[] = order.deployment ? [order.deployment] : ['cloud', 'data-center'];
    const products = order.product && order.product.length > 0 ? order.product : [undefined];
    const top = Math.max(...deployments.flatMap((d) => products.map((p) => tiersFor(d, p, catalog).at(-1) ?? 0)));
    if (order.tier > Math.min(top, catalog.needsPersonAboveUsers) || order.tier > catalog.needsPersonAboveUsers) {
      return violation('needsPerson', { tier: order.tier }, 'needsPersonTier');
    }
  }
  if (order.edition !== undefined) {
    const deployments: Deployment[] = order.deployment ? [order.deployment] : ['cloud', 'data-center'];
    const edition = deployments.flatMap((d) => catalog.deployments[d].editions).find((e) => e.id === order.edition);
    if (edition?.needsPerson) return violation('needsPerson', { edition: edition.names.en }, 'needsPersonEdition');
  }
  return undefined;
}

/** The facts of a draft the rules look at; all optional, a draft fills up turn by turn. */
export interface QuoteFacts {
  deployment?: Deployment;
  billingCycle?: 'monthly' | 'annual';
  items?: readonly OrderItem[];
  product?: readonly string[];
  tier?: number;
  edition?: string;
  coterm?: { targetDate?: string; licences: readonly CotermLicence[] };
  payment?: { method: PaymentMethod; currency?: string; amountUsd?: number };
}

/** Every rule a draft breaks, most blocking first. */
export function checkQuoteRules(facts: QuoteFacts, now: Date = new Date()): RuleViolation[] {
  const found = [
    checkServerEndOfSale(facts),
    checkAnnualCloudOnly(facts),
    facts.items ? checkAddOnTier(facts.items) : undefined,
    facts.coterm ? checkCotermRenewalsOnly(facts.coterm.licences) : undefined,
    facts.coterm?.targetDate ? checkCotermTargetDate(facts.coterm.targetDate, facts.coterm.licences, now) : undefined,
    facts.payment ? checkNet30({ ...facts.payment, ...(facts.deployment && { deployment: facts.deployment }) }) : undefined,
    facts.payment ? checkCurrencyPayment(facts.payment) : undefined,
    checkNeedsPerson(facts),
  ];
  return found.filter((v): v is RuleViolation => v !== undefined);
}
