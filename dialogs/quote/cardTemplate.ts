import { readFileSync } from 'node:fs';
import { fromRoot } from '../../bot/paths.js';

/**
 * Cards are JSON templates under dialogs/quote/cards/. A string that is exactly "${name}" takes
 * the variable as is (an array of facts); "${name}" inside a longer string is replaced by text.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type CardVariables = Record<string, Json>;

const cache = new Map<string, Json>();

export function loadCardTemplate(name: string): Json {
  let template = cache.get(name);
  if (template === undefined) {
    template = JSON.parse(readFileSync(fromRoot('dialogs', 'quote', 'cards', `${name}.json`), 'utf8')) as Json;
    cache.set(name, template);
  }
  return template;
}

export function fillTemplate(node: Json, vars: CardVariables): Json {
  if (typeof node === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(node);
    if (whole?.[1] !== undefined && whole[1] in vars) return vars[whole[1]] as Json;
    return node.replace(/\$\{(\w+)\}/g, (m, key: string) => (key in vars ? String(vars[key]) : m));
  }
  if (Array.isArray(node)) return node.map((n) => fillTemplate(n, vars));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$schema').map(([k, v]) => [k, fillTemplate(v, vars)]));
  }
  return node;
}
