import { getProduct, loadCatalog, nextTierUp, tiersFor } from '../../knowledge/catalog.js';
import type { Deployment } from '../../knowledge/catalogSchema.js';
import type { Lang } from '../../knowledge/lang.js';
import { invalid, invalidKey, noticeKey, ok, type ValidationContext, type ValidationResult } from './result.js';
import { findUserCounts, pickUserCount, type CountCandidate } from './userCount.js';

/**
 * Round a user count to a catalog tier. An exact tier stays; a number between tiers becomes the
 * next tier up with a notice; above the top tier the count is kept and flagged (a person quotes
 * those — see quoteRules.checkNeedsPerson).
 */
export function toTier(count: number, ctx: ValidationContext, saidAs?: CountCandidate['unit']): ValidationResult<number> {
  const tier = roundToTier(count, ctx);
  // "Jira Service Management, 200 users": JSM is priced per agent; the count is taken as agents, and said so.
  const perAgent = ctx.productId !== undefined && getProduct(ctx.productId)?.tierUnit === 'agents';
  if (tier.ok && perAgent && saidAs === 'users' && tier.notice?.key !== noticeKey('tierAboveCatalog')) {
    return ok(tier.value, { key: noticeKey('agentsNotUsers'), params: { count, tier: tier.value } });
  }
  return tier;
}

function roundToTier(count: number, ctx: ValidationContext): ValidationResult<number> {
  // JSM's tiers are agents, Bamboo's remote agents: the notice says so (i18next context: tierRounded_agents).
  const unit = ctx.productId === undefined ? undefined : getProduct(ctx.productId)?.tierUnit;
  const context: Record<string, string> = unit === undefined || unit === 'users' ? {} : { context: unit };
  const deployments: Deployment[] = ctx.deployment ? [ctx.deployment] : ['data-center', 'cloud'];
  const catalog = loadCatalog();
  // Without a known deployment any catalog tier is exact; otherwise round within the first.
  for (const d of deployments) if (tiersFor(d, ctx.productId, catalog).includes(count)) return ok(count);
  const deployment = deployments[0] ?? 'data-center';
  const tier = nextTierUp(deployment, count, ctx.productId, catalog);
  if (tier === undefined) {
    return ok(count, { key: noticeKey('tierAboveCatalog'), params: { count, ...context } });
  }
  // Below the smallest tier is not "between two tiers": say it is the smallest one sold.
  const smallest = tiersFor(deployment, ctx.productId, catalog)[0];
  if (tier === smallest) return ok(tier, { key: noticeKey('tierMinimum'), params: { count, tier, deployment, ...context } });
  return ok(tier, { key: noticeKey('tierRounded'), params: { count, tier, ...context } });
}

/**
 * The `tier` slot: "2000", "2 000", "2,000", "1.5k", "deux mille utilisateurs", "二千用户",
 * "两千", "about 600 users", "六百人左右" → a catalog tier, with a notice whenever the count
 * said is not the tier kept (50 users on Data Center → its smallest tier, 500).
 */
export function validateTier(text: string, lang: Lang, ctx: ValidationContext = {}): ValidationResult<number> {
  const count = pickUserCount(findUserCounts(text, lang), true);
  if (!count || count.value < 1) return invalid(invalidKey('tier'));
  return toTier(count.value, ctx, count.unit);
}
