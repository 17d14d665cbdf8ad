import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { i18n } from 'i18next';
import { isConnectionError } from '../backend/db/database.js';
import type { Config } from './config.js';
import { langFromLocale } from './locale.js';
import type { Logger } from './log.js';
import type { BotState } from './state.js';

/** The channel's token did not verify (missing, forged, expired, or its signing keys unreachable). */
export class AuthenticationFailed extends Error {
  override readonly name = 'AuthenticationFailed';
}

/**
 * CloudAdapter with authentication kept apart from processing. `CloudAdapter.process` answers
 * any failure while checking a token, such as the signing keys being unreachable for a forged
 * token, with 500 and the internal error text (a URL, a DNS error); here authentication
 * failures are `AuthenticationFailed` (the edge answers 401, generically) and the rest of
 * the turn runs as in `process`.
 */
export class ChannelAdapter extends CloudAdapter {
  async run(activity: Activity, authHeader: string, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    let auth;
    try {
      auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw new AuthenticationFailed((err as Error).message);
    }
    return this.processActivity(auth, withDates(activity), logic);
  }
}

/** What `CloudAdapter.process` does to the timestamps of an incoming activity before its turn. */
function withDates(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const field of ['timestamp', 'expiration', 'localTimestamp'] as const) {
    const value = a[field];
    if (typeof value === 'string') {
      a[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = value;
      a[field] = new Date(value) as never;
    }
  }
  return activity;
}

/** Builds channel authentication from the parsed config: no app id means no authentication (local mode). */
export function createAdapter(config: Config): ChannelAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  return new ChannelAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

/** botbuilder's made-up activities of a proactive turn (continueConversationAsync, createConversationAsync). */
export function isProactiveTurn(context: TurnContext): boolean {
  const a = context.activity;
  return a.type === ActivityTypes.Event && (a.name === 'ContinueConversation' || a.name === 'CreateConversation');
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
 *
 * A proactive turn (a status change, an advocate's message) that fails is thrown on instead:
 * botbuilder hands every turn error to this handler and then reports success, so a message
 * the channel refused ("conversation does not exist") was counted as delivered and never
 * retried. Thrown, it reaches the sender, which keeps the message and retries or says so.
 */
export function turnErrorHandler(deps: TurnErrorDeps): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const conversationId = context.activity.conversation?.id;
    if (isProactiveTurn(context)) {
      deps.logger.warn({ err: { message: error.message }, conversationId }, 'proactive message not delivered');
      throw error;
    }
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
