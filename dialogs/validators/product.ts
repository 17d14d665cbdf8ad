import { findProductMatches, findProducts, getProduct, loadCatalog, type ProductMatch } from '../../knowledge/catalog.js';
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
export function distance(a: string, b: string, cap: number): number {
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

/**
 * Product names with a typo, in a free sentence ("Confuence", "Jria Software", "Bitbuckt",
 * "Jira Servce Managment"): a word is read as a product word only when it is close to a long
 * one (six letters or more: one typo, two from eight letters), or is "Jira" with two letters
 * swapped or one doubled. Short product words whose neighbours are everyday words ("tempo" /
 * "temps", "crowd" / "crown", "loom" / "look") are matched as typed only.
 */
export function correctProductTypos(text: string, catalog = loadCatalog()): string {
  // One turn corrects the same message several times (quote intent, products, deployment…).
  const hit = recentCorrections.find((r) => r.text === text && r.catalog === catalog);
  if (hit) return hit.corrected;
  const corrected = correctWords(text, productWords(catalog));
  recentCorrections.unshift({ text, catalog, corrected });
  if (recentCorrections.length > 4) recentCorrections.pop();
  return corrected;
}

interface ProductWords {
  words: ReadonlySet<string>;
  /** Six letters or more, in alias order (the first close one wins). */
  long: readonly string[];
}

/** The catalog's single alias words, per catalog: they were rebuilt on every call. */
const wordsByCatalog = new WeakMap<ReturnType<typeof loadCatalog>, ProductWords>();
const recentCorrections: Array<{ text: string; catalog: ReturnType<typeof loadCatalog>; corrected: string }> = [];

function productWords(catalog: ReturnType<typeof loadCatalog>): ProductWords {
  let found = wordsByCatalog.get(catalog);
  if (!found) {
    const words = [...new Set(catalog.products.flatMap((p) => p.aliases.flatMap((a) => a.split(' '))).filter((a) => /^[a-z]+$/u.test(a)))];
    found = { words: new Set(words), long: words.filter((a) => a.length >= 6) };
    wordsByCatalog.set(catalog, found);
  }
  return found;
}

function correctWords(text: string, { words, long }: ProductWords): string {
  return text.replace(/(?<![\p{L}\p{N}])[\p{Script=Latin}]{4,40}(?![\p{L}\p{N}])/gu, (word) => {
    const w = word.toLowerCase();
    if (words.has(w)) return word;
    if (w[0] === 'j' && (w.length === 4 || w.length === 5) && distance(w, 'jira', 1) <= 1 && (w.length === 5 || transposed(w, 'jira'))) return 'Jira';
    if (w.length < 5) return word;
    const cap = w.length >= 8 ? 2 : 1;
    return long.find((a) => a[0] === w[0] && distance(w, a, cap) <= cap) ?? word;
  });
}

/** Same letters, two neighbours swapped: "jria" for "jira". */
function transposed(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** The products a free sentence names, typos forgiven (see correctProductTypos). */
export function findProductMatchesTolerant(text: string, catalog = loadCatalog()): ProductMatch[] {
  return findProductMatches(correctProductTypos(text, catalog), catalog);
}
