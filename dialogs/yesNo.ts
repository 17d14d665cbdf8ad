import type { Lang } from '../knowledge/lang.js';
import { validateYesNo } from './validators/yesNo.js';

/** Reads a yes/no answer in the user's language; undefined when it is neither. */
export type YesNo = (text: string, lang: Lang) => boolean | undefined;

export const yesNo: YesNo = (text, lang) => {
  const result = validateYesNo(text, lang);
  return result.ok ? result.value : undefined;
};
