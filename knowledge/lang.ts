/** The three languages the bot speaks. Simplified Chinese only. */
export const LANGS = ['en', 'fr', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** Culture codes for @microsoft/recognizers-text and botbuilder prompts. */
export const CULTURE: Record<Lang, string> = { en: 'en-us', fr: 'fr-fr', zh: 'zh-cn' };
