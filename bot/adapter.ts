import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
import { isConnectionError } from '../backend/db/database.js';
import type { Config } from './config.js';
import { langFromLocale } from './locale.js';
import type { Logger } from './log.js';
import type { BotState } from './state.js';

/** Builds channel authentication from the parsed config: no app id means no authentication (local mode). */
export function createAdapter(config: Config): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

interface TurnErrorDeps {
  logger: Logger;
  i18n: i18n;
  state: BotState;
  defaultLang: Config['DEFAULT_LOCALE'];
}

/**
 * The one turn error handler: log with the conversation id, apologise in the
 * user's language (never a stack trace), and clear the broken dialog so the
 * next message starts clean. The rest of the conversation state is kept.
 * When the database is unreachable the state cannot be touched: the dialog is left as it was
 * saved (nothing of this turn was stored) and the user hears that the bot is briefly
 * unavailable and their data is safe.
 */
export function turnErrorHandler(deps: TurnErrorDeps): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const conversationId = context.activity.conversation?.id;
    const databaseDown = isConnectionError(error);
    deps.logger.error({ err: { message: error.message, stack: databaseDown ? undefined : error.stack }, conversationId }, 'turn failed');
    let lang = langFromLocale(context.activity.locale) ?? deps.defaultLang;
    try {
      if (!databaseDown) {
        lang = (await deps.state.profile.get(context, {})).lang ?? lang;
        await deps.state.dialogState.delete(context);
        await deps.state.conversationState.saveChanges(context, true);
      }
    } catch (inner) {
      deps.logger.error({ err: { message: (inner as Error).message }, conversationId }, 'turn error handler failed');
    }
    try {
      await context.sendActivity(deps.i18n.getFixedT(lang)(databaseDown ? 'common:unavailable' : 'common:error'));
    } catch (inner) {
      deps.logger.error({ err: { message: (inner as Error).message }, conversationId }, 'turn error reply failed');
    }
  };
}

export function installTurnErrorHandler(adapter: CloudAdapter, deps: TurnErrorDeps): void {
  adapter.onTurnError = turnErrorHandler(deps);
}
