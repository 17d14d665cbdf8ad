import { editionsFor, loadCatalog } from '../../knowledge/catalog.js';
import { DEPLOYMENTS, type Deployment } from '../../knowledge/catalogSchema.js';
import type { Lang } from '../../knowledge/lang.js';
import { findAlias, foldText } from '../../knowledge/nlu/index.js';
import { distance } from './product.js';
import { invalid, invalidKey, ok, type ValidationContext, type ValidationResult } from './result.js';

/** Edition ids named in the text, within one deployment or all sellable ones. */
export function findEditions(text: string, deployment?: Deployment): string[] {
  const catalog = loadCatalog();
  const deployments = deployment ? [deployment] : DEPLOYMENTS.filter((d) => catalog.deployments[d].sellable);
  const folded = withEditionTypos(foldText(text), deployments.flatMap((d) => editionsFor(d, catalog)).flatMap((e) => e.aliases));
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

/**
 * The edition a request asks for when it names two: "de Standard à Premium", "from Standard to
 * Premium", "从标准版升级到高级版" name the target last; "Premium, not Standard", "Premium au lieu
 * de Standard" first. One named: that one.
 */
export function targetEdition(text: string, deployment?: Deployment): string | undefined {
  const ids = findEditions(text, deployment);
  const catalog = loadCatalog();
  const folded = withEditionTypos(foldText(text), DEPLOYMENTS.flatMap((d) => editionsFor(d, catalog)).flatMap((e) => e.aliases));
  const at = (id: string) => {
    const edition = (deployment ? editionsFor(deployment, catalog) : DEPLOYMENTS.flatMap((d) => editionsFor(d, catalog))).find((e) => e.id === id);
    return Math.max(...(edition?.aliases ?? []).flatMap((a) => findAlias(folded, a).map((m) => m.start)), -1);
  };
  // "to Premium (currently Standard)", "actuellement en Standard", "目前是标准版": that one is the old edition.
  const current = (id: string) => /(?:currently|currently on|now on|today|actuellement|aujourd'hui|en ce moment|目前|现在|当前|现有)[\s:(（]*(?:en|on|是|为|的)?\s*$/u.test(folded.slice(Math.max(0, at(id) - 16), at(id)));
  const targets = ids.filter((id) => !current(id));
  // "also they're currently on Standard" names only the edition they have: no target.
  if (ids.length < 2) return targets[0];
  if (targets.length === 1) return targets[0];
  const ordered = [...ids].sort((a, b) => at(a) - at(b));
  const between = folded.slice(at(ordered[0]!), at(ordered.at(-1)!));
  const negated = /\b(?:not|instead of|rather than|pas|au lieu de|plutot que)\b|不是|而不是|不要/u.test(between);
  return negated ? ordered[0] : ordered.at(-1);
}

/**
 * "Premuim", "Standrad", "Entreprize": a word one typo from a long edition name (six letters or
 * more) is that edition; its plural ("standards") is an everyday word and stays one.
 */
function withEditionTypos(folded: string, aliases: readonly string[]): string {
  const names = [...new Set(aliases.map(foldText).filter((a) => /^[a-z]{6,}$/u.test(a)))];
  return folded.replace(/(?<![\p{L}\p{N}])[a-z]{6,14}(?![\p{L}\p{N}])/gu, (word) => {
    if (names.includes(word) || names.some((n) => word === `${n}s`)) return word;
    const near = names.find((n) => n[0] === word[0] && word.length === n.length && distance(word, n, 1) <= 1);
    // Same length keeps positions: callers slice the text with them.
    return near ?? word;
  });
}
