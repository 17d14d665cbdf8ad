import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
// Types only (erased): botbuilder's own dependency, the package the adapter's clients come from.
import type { BotFrameworkAuthentication, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
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
  constructor(auth: BotFrameworkAuthentication) {
    super(withClientCache(auth));
  }

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

/** Clients kept per identity and service URL: a handful in practice (one per channel service and bot id). */
const MAX_CACHED_CLIENTS = 64;

/** A small least-recently-used map: a forged service URL per request cannot grow it without bound. */
function lru<V>(max: number): (key: string, make: () => Promise<V>) => Promise<V> {
  const items = new Map<string, Promise<V>>();
  return (key, make) => {
    let item = items.get(key);
    if (item) {
      items.delete(key);
    } else {
      item = make();
      // A failed creation (credentials unreachable) is not kept: the next turn tries again.
      item.catch(() => items.get(key) === item && items.delete(key));
      if (items.size >= max) items.delete(items.keys().next().value!);
    }
    items.set(key, item);
    return item;
  };
}

/** Same claims (app id, audience, issuer, token times) → same credentials, so the same client serves. */
const claimsKey = (claims: ClaimsIdentity | undefined): string => JSON.stringify([claims?.isAuthenticated, claims?.claims]);

/**
 * botbuilder builds a ConnectorClient and a UserTokenClient for every incoming activity — each an
 * HTTP pipeline of a dozen policies, ~6 % of a turn's CPU in the profile, before the bot reads the
 * message (an `expectReplies` turn never even uses them). They hold no per-turn state, only the
 * credentials, which the claims decide: kept per claims and service URL, they are built once.
 */
function withClientCache(auth: BotFrameworkAuthentication): BotFrameworkAuthentication {
  const connectors = lru<ConnectorClient>(MAX_CACHED_CLIENTS);
  const tokens = lru<UserTokenClient>(MAX_CACHED_CLIENTS);
  const cachedFactory = (factory: ConnectorFactory, claims: ClaimsIdentity | undefined): ConnectorFactory => ({
    create: (serviceUrl: string, audience?: string) => connectors(JSON.stringify([claimsKey(claims), serviceUrl, audience]), () => factory.create(serviceUrl, audience)),
  });
  return new Proxy(auth, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      switch (prop) {
        case 'authenticateRequest':
          return async (...args: unknown[]) => {
            const result = await (value as (...a: unknown[]) => Promise<Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>>).apply(target, args);
            return result.connectorFactory ? { ...result, connectorFactory: cachedFactory(result.connectorFactory, result.claimsIdentity) } : result;
          };
        case 'createUserTokenClient':
          return (claims: ClaimsIdentity) => tokens(claimsKey(claims), () => target.createUserTokenClient(claims));
        default:
          return (value as (...a: unknown[]) => unknown).bind(target);
      }
    },
  });
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
