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
  // "Confluance and Jria": at the product prompt, a product name one typo away is that product
  // (short words only when nothing matched as typed: "look" is not Loom).
  const exact = findProducts(text, catalog);
  const ids = findProducts(correctTypos(text, catalog, exact.length > 0 ? 6 : 4), catalog);
  if (ids.length === 0) return invalid(invalidKey('product'));
  if (ctx.deployment) {
    const deployment = ctx.deployment;
    const unsold = ids.map((id) => getProduct(id, catalog)).find((p) => p && !p.deployments.includes(deployment));
    if (unsold) return invalid(invalidKey('productDeployment'), { product: unsold.name, deployment });
  }
  return ok(ids);
}

/** Optimal string alignment distance (substitutions, insertions, deletions, adjacent swaps), capped. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Each word replaced by the single-word product alias it is one typo from (two for long words), same first letter. */
function correctTypos(text: string, catalog: ReturnType<typeof loadCatalog>, minLength: number): string {
  const aliases = [...new Set(catalog.products.flatMap((p) => p.aliases.flatMap((a) => a.split(' '))).filter((a) => /^[a-z]{4,}$/u.test(a)))];
  return text.slice(0, 500).replace(/\p{L}{4,}/gu, (word) => {
    const w = word.toLowerCase();
    if (w.length < minLength) return word;
    const cap = w.length >= 8 ? 2 : 1;
    return aliases.find((a) => a[0] === w[0] && distance(w, a, cap) <= cap) ?? word;
  });
}
