import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { i18n, TFunction } from 'i18next';
import type { IntentMatcher } from '../../knowledge/intents.js';
import { isLang, LANGS, type Lang } from '../../knowledge/lang.js';
import type { LanguageDetector } from '../../knowledge/language/detect.js';
import { splitLanguageRequest } from '../../knowledge/language/languageRequest.js';
import { looksLikeQuestion } from '../../knowledge/language/question.js';
import { decideLanguage, REPLY_LOCALE } from '../locale.js';
import type { BotState } from '../state.js';
import { setTurnInfo } from '../turn.js';

export interface LanguageMiddlewareDeps {
  i18n: i18n;
  intents: IntentMatcher;
  detector: LanguageDetector;
  state: BotState;
  defaultLang: Lang;
}

/** An event or card submit that picks a language: `{ name: 'setLanguage', value: 'fr' }` or `value.lang`. */
function explicitFromValue(context: TurnContext): Lang | undefined {
  const a = context.activity;
  if (a.type === ActivityTypes.Event && a.name === 'setLanguage' && isLang(a.value)) return a.value;
  const value = a.value as { lang?: unknown } | undefined;
  return isLang(value?.lang) ? value.lang : undefined;
}

/**
 * A translator that remembers the strings of keys asked without options (button titles, menu
 * entries, fixed replies): a turn asks for the same few again and again, and each lookup walked
 * i18next's resolution (~4 % of a turn in the profile). The locale files are loaded once and
 * never change while the bot runs; a call with options (interpolation, plurals, objects) goes to
 * i18next as before.
 */
function withPlainKeysRemembered(t: TFunction): TFunction {
  const plain = new Map<string, unknown>();
  const remembered = ((key: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== 'string') return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
    let value = plain.get(key);
    if (value === undefined) {
      value = (t as unknown as (k: string) => unknown)(key);
      if (typeof value === 'string') plain.set(key, value);
    }
    return value;
  }) as unknown as TFunction;
  // i18next's fixed translator carries its language and namespace as properties: kept.
  return Object.assign(remembered, t as object);
}

/**
 * Decides the reply language of every turn, remembers it in user state, and
 * stamps it on every outgoing activity.
 */
export class LanguageMiddleware implements Middleware {
  /** One fixed translator per language, made once: getFixedT on every turn showed in the profile. */
  private readonly translators: Map<Lang, TFunction>;

  constructor(private readonly deps: LanguageMiddlewareDeps) {
    this.translators = new Map(LANGS.map((lang) => [lang, withPlainKeysRemembered(deps.i18n.getFixedT(lang))]));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { state, intents, detector, defaultLang } = this.deps;
    const a = context.activity;
    let text = a.type === ActivityTypes.Message && typeof a.text === 'string' ? a.text : undefined;
    let command = text ? intents.match(text) : undefined;
    // "can we continue in English please?": a request for a language in a sentence of its own.
    const split = text && (!command || ['greeting', 'thanks', 'language'].includes(command.intent)) ? splitLanguageRequest(text) : undefined;
    // "can we continue in English? the contact is Li Na": the switch is said here, and the rest is
    // the turn's message, read by whatever waits for it (a prompt, the router) as if sent alone.
    const carried = split && split.rest ? split.rest : undefined;
    if (split && carried) {
      a.text = text = carried;
      command = intents.match(carried);
    }
    const requested = split && !carried && command?.intent !== 'language' ? split.lang : undefined;
    const intent = requested ? { intent: 'language', variant: requested } : command;
    const profile = await state.profile.get(context, {});
    const dialogState = await state.dialogState.get(context);
    const explicit = explicitFromValue(context) ?? (carried ? split!.lang : undefined) ?? (intent?.intent === 'language' && isLang(intent.variant) ? intent.variant : undefined);

    // A one-word command ("bonjour", "aide", "谢谢") is too short to detect, but says
    // which language it is in: good enough for a user whose language is not known yet.
    const commandLang = !profile.lang && intent && intent.intent !== 'language' && isLang(intent.variant) ? intent.variant : undefined;
    const decision = decideLanguage(
      {
        explicit,
        hint: commandLang,
        text,
        expectingValue: (dialogState?.dialogStack?.length ?? 0) > 0,
        questionLike: text !== undefined && looksLikeQuestion(text),
        saved: profile.lang,
        activityLocale: a.locale,
        defaultLang,
      },
      detector,
    );
    const languageChanged = explicit !== undefined || (decision.remember !== undefined && decision.remember !== profile.lang && profile.lang !== undefined);
    if (decision.remember && decision.remember !== profile.lang) {
      profile.lang = decision.remember;
      await state.profile.set(context, profile);
    }
    setTurnInfo(context, { lang: decision.lang, t: this.translators.get(decision.lang)!, intent, languageChanged, ...(carried && { carriedAfterSwitch: true }) });

    const locale = REPLY_LOCALE[decision.lang];
    // botbuilder copies the incoming activity's locale onto replies; replace it
    // unless the sender chose one on purpose (a proactive message in another language).
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const out of activities) if (!out.locale || out.locale === a.locale) out.locale = locale;
      return sendNext();
    });
    if (carried) await context.sendActivity(this.translators.get(decision.lang)!('common:language.switched'));
    await next();
  }
}
