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

/** The words of an answer; under the summary, "send it" / "envoie" / "提交吧" are a yes too. */
function wordsOf(answer: Answer, lang: Lang, summary: boolean): readonly string[] {
  const words = yesNoWords();
  return answer === 'yes' && summary ? [...allLangs(words.yes, lang), ...allLangs(words.send, lang)] : allLangs(words[answer], lang);
}

const ORDER: Answer[] = ['cancel', 'edit', 'no', 'yes'];
const bareOf = (text: string) => foldText(stripEndPunctuation(normalizeInput(text))).replace(/\s*[,，、]\s*/gu, ', ');

/** The whole text is one of the listed answers ("ok", "c'est bon pour moi", "没问题，提交吧"). */
function wholeListed(text: string, lang: Lang, summary: boolean): Answer | undefined {
  const bare = bareOf(text);
  return ORDER.find((answer) => wordsOf(answer, lang, summary).some((w) => bareOf(w) === bare));
}

/**
 * Under the summary, a text that asks something ("ok mais c'est quoi le délai ?") is a question,
 * not a yes: only a whole listed answer counts there.
 */
export const isListedConfirmAnswer = (text: string, lang: Lang): boolean => wholeListed(text, lang, true) !== undefined;

function listed(text: string, lang: Lang, summary = false): Answer | undefined {
  const bare = foldText(stripEndPunctuation(normalizeInput(text)));
  // Whole answer first, then the first word/phrase ("oui merci", "不用了谢谢").
  const whole = wholeListed(text, lang, summary);
  if (whole) return whole;
  for (const answer of ORDER) {
    for (const w of wordsOf(answer, lang, summary)) {
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
  const answer = listed(text, lang, true) ?? (() => {
    // A sentence under the summary ("ils ont 120 utilisateurs, pensez-y") is a remark: the
    // recognizer, which finds a yes in many of them, reads short answers only.
    if (normalizeInput(text).split(/\s+/u).length > 4) return undefined;
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
