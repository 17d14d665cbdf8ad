import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
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
 */
export function installTurnErrorHandler(adapter: CloudAdapter, deps: TurnErrorDeps): void {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const conversationId = context.activity.conversation?.id;
    deps.logger.error({ err: { message: error.message, stack: error.stack }, conversationId }, 'turn failed');
    try {
      const profile = await deps.state.profile.get(context, {});
      const lang = profile.lang ?? langFromLocale(context.activity.locale) ?? deps.defaultLang;
      await deps.state.dialogState.delete(context);
      await deps.state.conversationState.saveChanges(context, true);
      await context.sendActivity(deps.i18n.getFixedT(lang)('common:error'));
    } catch (inner) {
      deps.logger.error({ err: { message: (inner as Error).message }, conversationId }, 'turn error handler failed');
    }
  };
}
