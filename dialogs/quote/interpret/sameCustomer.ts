import { allLangs, findAlias, foldText, formTurnWords } from '../../../knowledge/nlu/index.js';
import type { Lang } from '../../../knowledge/lang.js';

/** Whether a new request's sentence says its customer is the previous request's ("…, même client"). */
export function saysSameCustomer(text: string, lang: Lang): boolean {
  const folded = foldText(text.normalize('NFKC'));
  return allLangs(formTurnWords().sameCustomer, lang).some((w) => findAlias(folded, foldText(w)).length > 0);
}
