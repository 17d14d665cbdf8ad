import { allLangs, formTurnWords, hasAny } from '../../../knowledge/nlu/index.js';
import type { Lang } from '../../../knowledge/lang.js';

/** Whether a new request's sentence says its customer is the previous request's ("…, même client"). */
export const saysSameCustomer = (text: string, lang: Lang): boolean => hasAny(text.normalize('NFKC'), allLangs(formTurnWords().sameCustomer, lang));
