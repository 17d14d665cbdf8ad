import { isLang, type Lang } from '../knowledge/lang.js';
import type { LanguageDetector } from '../knowledge/language/detect.js';

/** Channel locale (fr-FR, fr-CA, zh-Hans, zh-TW, en-GB…) → one of our languages. */
export function langFromLocale(locale: unknown): Lang | undefined {
  if (typeof locale !== 'string') return undefined;
  const base = locale.trim().toLowerCase().split(/[-_]/)[0];
  return isLang(base) ? base : undefined;
}

/** The BCP-47 locale stamped on replies. */
export const REPLY_LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' };

export interface LanguageInputs {
  explicit?: Lang;
  /**
   * A language the message's wording implies (a one-word command), used when detection has
   * nothing and the channel's locale does not say the language either: "agent" or "help" is a
   * word Chinese and French users borrow, not a sign that a zh-CN client wants English.
   */
  hint?: Lang;
  text?: string;
  /** While a prompt waits for a value (a name, a company), the text must not switch languages… */
  expectingValue: boolean;
  /** …unless it is a question ("银行转账要几天？" in a French form): it is answered in its language. */
  questionLike?: boolean;
  saved?: Lang;
  activityLocale?: unknown;
  defaultLang: Lang;
}

export interface LanguageDecision {
  lang: Lang;
  /** Set when the decision should be remembered for the next turns. */
  remember?: Lang;
}

/**
 * Reply language for a turn: explicit choice > confident detection (a sentence, see
 * `LanguageDetector`) > the user's remembered language > the channel's locale > the language of
 * a one-word command > DEFAULT_LOCALE. Only the first two switch a conversation: a lone word or
 * product name never does.
 */
export function decideLanguage(inputs: LanguageInputs, detector: LanguageDetector): LanguageDecision {
  if (inputs.explicit) return { lang: inputs.explicit, remember: inputs.explicit };
  const locale = langFromLocale(inputs.activityLocale);
  if (inputs.text && (!inputs.expectingValue || inputs.questionLike)) {
    const detected = detector.detect(inputs.text);
    if (detected?.confident) return { lang: detected.lang, remember: detected.lang };
    if (inputs.hint && !inputs.saved && !locale) return { lang: inputs.hint, remember: inputs.hint };
  }
  return { lang: inputs.saved ?? locale ?? inputs.defaultLang };
}

