import type { Lang } from '../../knowledge/lang.js';
import { allLangs, findAlias, foldText, formTurnWords } from '../../knowledge/nlu/index.js';
import { normalizeInput } from '../validators/index.js';

/** Longer than this, a message says more than "nothing to change" ("never mind the address, the name is wrong"). */
const MAX_WORDS = 6;

/**
 * At the Edit menu, "never mind, all good", "back", "retour", "算了", or Confirm typed there:
 * nothing to change after all (knowledge/nlu/formTurns.json `keepAsIs`), the summary again.
 */
export function keepsAsIs(text: string, lang: Lang): boolean {
  const input = normalizeInput(text);
  if (!input || input.split(/\s+/u).length > MAX_WORDS || [...input].length > 40) return false;
  const folded = foldText(input);
  return allLangs(formTurnWords().keepAsIs, lang).some((w) => findAlias(folded, foldText(w)).length > 0);
}
