import type { TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Lang } from '../../knowledge/lang.js';
import type { LanguageDetector } from '../../knowledge/language/detect.js';
import { decideLanguage, REPLY_LOCALE } from '../locale.js';
import type { BotState } from '../state.js';

export interface NoticeDeps {
  i18n: i18n;
  state: BotState;
  detector: LanguageDetector;
  defaultLang: Lang;
}

/** Detection reads this much of a refused text: enough for its language, bounded whatever was sent. */
const DETECT_CHARS = 500;

/**
 * A reply for a turn the bot refuses before the language middleware runs (too long, too fast):
 * in the language that middleware would pick, from the same inputs, on the start of the text.
 */
export async function sendNotice(context: TurnContext, deps: NoticeDeps, key: string, params: Record<string, unknown> = {}): Promise<void> {
  const a = context.activity;
  const profile = await deps.state.profile.get(context, {});
  const dialogState = await deps.state.dialogState.get(context);
  const { lang } = decideLanguage(
    {
      text: typeof a.text === 'string' ? a.text.slice(0, DETECT_CHARS) : undefined,
      expectingValue: (dialogState?.dialogStack?.length ?? 0) > 0,
      saved: profile.lang,
      activityLocale: a.locale,
      defaultLang: deps.defaultLang,
    },
    deps.detector,
  );
  const text = deps.i18n.getFixedT(lang)(key, { ...params, ...formatNumbers(params, lang) });
  await context.sendActivity({ type: 'message', text, locale: REPLY_LOCALE[lang] });
}

/** Whether a dialog waits for an answer in this conversation (a refused message leaves it waiting). */
export async function promptWaiting(context: TurnContext, state: BotState): Promise<boolean> {
  return ((await state.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
}

/** Whether the user is in the queue for an advocate (a handoff dialog waiting for a person, not for an answer). */
export async function waitingForAdvocate(context: TurnContext, state: BotState): Promise<boolean> {
  const walk = (stack: unknown, depth: number): boolean => {
    if (!Array.isArray(stack) || depth > 8) return false;
    return stack.some((instance: { id?: unknown; state?: { stage?: unknown; dialogs?: { dialogStack?: unknown } } }) =>
      (instance?.id === 'handoff' && instance.state?.stage === 'queued') || walk(instance?.state?.dialogs?.dialogStack, depth + 1),
    );
  };
  return walk((await state.dialogState.get(context))?.dialogStack, 0);
}

/** Numbers as each language writes them: 4,000 · 4 000 · 4000. */
function formatNumbers(params: Record<string, unknown>, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'number') continue;
    out[key] = lang === 'zh' ? String(value) : new Intl.NumberFormat(REPLY_LOCALE[lang]).format(value);
  }
  return out;
}
