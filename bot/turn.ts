import type { TurnContext } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { IntentMatch } from '../knowledge/intents.js';
import type { Lang } from '../knowledge/lang.js';

/** What the middleware worked out about this turn, read by the dialogs. */
export interface TurnInfo {
  lang: Lang;
  /** A translator fixed to `lang`: never switch the shared i18next instance. */
  t: TFunction;
  /** The global command in the message, if any (help, cancel, language…). */
  intent?: IntentMatch;
  /** True when the user changed the language during this turn. */
  languageChanged: boolean;
  /** The message asked for a language and said more ("can we continue in English? …"): `activity.text` is now that rest. */
  carriedAfterSwitch?: boolean;
}

const TURN_INFO = Symbol('turnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('turnInfo: the language middleware did not run for this turn');
  return info;
}
