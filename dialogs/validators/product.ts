import { findProducts, getProduct, loadCatalog } from '../../knowledge/catalog.js';
import type { Lang } from '../../knowledge/lang.js';
import { invalid, invalidKey, ok, type ValidationContext, type ValidationResult } from './result.js';

/**
 * The `product` slot: one or more catalog products ("Confluence", "JSM et Confluence",
 * "Jira 和 Confluence"), as catalog ids. A product not sold in the request's deployment
 * (Loom on Data Center) is refused naming it.
 */
export function validateProduct(text: string, _lang: Lang, ctx: ValidationContext = {}): ValidationResult<string[]> {
  const catalog = loadCatalog();
  const ids = findProducts(text, catalog);
  if (ids.length === 0) return invalid(invalidKey('product'));
  if (ctx.deployment) {
    const deployment = ctx.deployment;
    const unsold = ids.map((id) => getProduct(id, catalog)).find((p) => p && !p.deployments.includes(deployment));
    if (unsold) return invalid(invalidKey('productDeployment'), { product: unsold.name, deployment });
  }
  return ok(ids);
}
