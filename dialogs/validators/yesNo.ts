import type { Lang } from '../../knowledge/lang.js';
import { allLangs, foldText, yesNoWords } from '../../knowledge/nlu/index.js';
import { normalizeInput, stripEndPunctuation } from './normalize.js';
import { recognizeBooleanAnswer } from './recognizers.js';
import { invalid, invalidKey, ok, type ValidationResult } from './result.js';

/**
 * Yes/no answers. Our word list (knowledge/nlu/yesNo.json) is read first: recognizers-text
 * 1.3.1 misses zh 不用/不需要/不要/没有/嗯/对的 and en nah/N/absolutely. Then the recognizer in
 * the user's culture for anything longer ("oui bien sûr", "yes please").
 */

type Answer = 'yes' | 'no' | 'cancel' | 'edit';

function listed(text: string, lang: Lang): Answer | undefined {
  const bare = foldText(stripEndPunctuation(normalizeInput(text)));
  const words = yesNoWords();
  // Whole answer first, then the first word/phrase ("oui merci", "不用了谢谢").
  const order: Answer[] = ['cancel', 'edit', 'no', 'yes'];
  for (const answer of order) if (allLangs(words[answer], lang).some((w) => foldText(w) === bare)) return answer;
  for (const answer of order) {
    for (const w of allLangs(words[answer], lang)) {
      const f = foldText(w);
      const han = /\p{Script=Han}/u.test(f);
      if (han ? bare.startsWith(f) && f.length >= 2 : bare.startsWith(`${f} `) || bare.startsWith(`${f},`)) return answer;
    }
  }
  return undefined;
}

/** A yes/no slot (e.g. "do you really want to cancel?"): true / false. */
export function validateYesNo(text: string, lang: Lang): ValidationResult<boolean> {
  const answer = listed(text, lang);
  if (answer === 'yes') return ok(true);
  if (answer === 'no' || answer === 'cancel') return ok(false);
  const recognized = answer === undefined ? recognizeBooleanAnswer(normalizeInput(text), lang) : undefined;
  return recognized === undefined ? invalid(invalidKey('yesNo')) : ok(recognized);
}

export type ConfirmChoice = 'confirm' | 'edit' | 'cancel';

/**
 * The `confirm` slot under the summary (Confirm / Edit a field / Cancel), typed or clicked:
 * yes-words → confirm; "modifier", "修改", and a plain "no" → edit (the summary is not right);
 * "annuler", "取消", "cancel" → cancel.
 */
export function validateConfirm(text: string, lang: Lang): ValidationResult<ConfirmChoice> {
  const answer = listed(text, lang) ?? (() => {
    const b = recognizeBooleanAnswer(normalizeInput(text), lang);
    return b === undefined ? undefined : b ? 'yes' : 'no';
  })();
  switch (answer) {
    case 'yes':
      return ok('confirm');
    case 'no':
    case 'edit':
      return ok('edit');
    case 'cancel':
      return ok('cancel');
    default:
      return invalid(invalidKey('confirm'));
  }
}
