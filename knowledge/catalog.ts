import { fromRoot } from '../bot/paths.js';
import { catalogSchema, type Catalog, type CatalogProduct, type Deployment } from './catalogSchema.js';
import { loadJsonFile } from './nlu/loadData.js';
import { blankSpans, findAlias, foldText, type Span } from './nlu/match.js';
import { productShorthands } from './nlu/index.js';

export type { Catalog, CatalogProduct, Deployment } from './catalogSchema.js';

let cached: Catalog | undefined;

/**
 * Load and validate knowledge/catalog.json once (throws naming the file and field), with the chat
 * shorthands of knowledge/nlu/productShorthands.json added to its products' aliases ("conf").
 */
export function loadCatalog(file = fromRoot('knowledge', 'catalog.json')): Catalog {
  if (file !== fromRoot('knowledge', 'catalog.json')) return loadJsonFile(file, catalogSchema);
  cached ??= withShorthands(loadJsonFile(file, catalogSchema));
  return cached;
}

function withShorthands(catalog: Catalog): Catalog {
  const { products } = productShorthands();
  for (const id of Object.keys(products)) {
    if (!catalog.products.some((p) => p.id === id)) throw new Error(`knowledge/nlu/productShorthands.json: products.${id} is no catalog product`);
  }
  return { ...catalog, products: catalog.products.map((p) => ({ ...p, aliases: [...new Set([...p.aliases, ...(products[p.id] ?? [])])] })) };
}

export function getProduct(id: string, catalog = loadCatalog()): CatalogProduct | undefined {
  return catalog.products.find((p) => p.id === id);
}

export interface ProductMatch extends Span {
  product: CatalogProduct;
}

/**
 * Products named in free text, in order of appearance, each once. Longer aliases are tried
 * first so "Jira Service Desk" is JSM, not Jira.
 */
export function findProductMatches(text: string, catalog = loadCatalog()): ProductMatch[] {
  const aliases = catalog.products
    .flatMap((product) => product.aliases.map((alias) => ({ product, alias })))
    .sort((a, b) => b.alias.length - a.alias.length);
  let folded = foldText(text);
  const found: ProductMatch[] = [];
  for (const { product, alias } of aliases) {
    for (const span of findAlias(folded, alias)) {
      found.push({ ...span, product });
      folded = blankSpans(folded, [span]);
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.start - b.start)
    .filter((m) => (seen.has(m.product.id) ? false : (seen.add(m.product.id), true)));
}

/** Product ids named in the text ("JSM et Confluence" → ['jira-service-management', 'confluence']). */
export function findProducts(text: string, catalog = loadCatalog()): string[] {
  return findProductMatches(text, catalog).map((m) => m.product.id);
}

/** Valid tiers for a deployment, product-specific when the catalog says so. */
export function tiersFor(deployment: Deployment, productId?: string, catalog = loadCatalog()): readonly number[] {
  const product = productId === undefined ? undefined : getProduct(productId, catalog);
  return product?.tiers?.[deployment] ?? catalog.deployments[deployment].tiers;
}

export function isValidTier(deployment: Deployment, n: number, productId?: string, catalog = loadCatalog()): boolean {
  return tiersFor(deployment, productId, catalog).includes(n);
}

/**
 * The smallest tier that covers n users: an exact tier stays, "about 600" becomes the next tier
 * up. Undefined above the top tier (such orders go to a person).
 */
export function nextTierUp(deployment: Deployment, n: number, productId?: string, catalog = loadCatalog()): number | undefined {
  return tiersFor(deployment, productId, catalog).find((tier) => tier >= n);
}

/** Edition ids sold for a deployment. */
export function editionsFor(deployment: Deployment, catalog = loadCatalog()) {
  return catalog.deployments[deployment].editions;
}
