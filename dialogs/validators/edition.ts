import { editionsFor, loadCatalog } from '../../knowledge/catalog.js';
import { DEPLOYMENTS, type Deployment } from '../../knowledge/catalogSchema.js';
import type { Lang } from '../../knowledge/lang.js';
import { findAlias, foldText } from '../../knowledge/nlu/index.js';
import { invalid, invalidKey, ok, type ValidationContext, type ValidationResult } from './result.js';

/** Edition ids named in the text, within one deployment or all sellable ones. */
export function findEditions(text: string, deployment?: Deployment): string[] {
  const folded = foldText(text);
  const catalog = loadCatalog();
  const deployments = deployment ? [deployment] : DEPLOYMENTS.filter((d) => catalog.deployments[d].sellable);
  return deployments
    .flatMap((d) => editionsFor(d, catalog))
    .filter((e) => e.aliases.some((a) => findAlias(folded, a).length > 0))
    .map((e) => e.id);
}

/** The `edition` slot: Standard / Premium / Enterprise (cloud), Data Center (self-managed). */
export function validateEdition(text: string, _lang: Lang, ctx: ValidationContext = {}): ValidationResult<string> {
  const [edition] = findEditions(text, ctx.deployment);
  if (edition !== undefined) return ok(edition);
  const options = (ctx.deployment ? editionsFor(ctx.deployment) : []).map((e) => e.names.en).join(', ');
  return invalid(invalidKey('edition'), { options });
}
