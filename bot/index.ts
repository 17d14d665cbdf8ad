import { resolve } from 'node:path';
import type { Server } from 'restify';
import { InsightRecorder } from '../backend/insights/recorder.js';
import { cutoff, PersonalDataRegistry } from '../backend/privacy/index.js';
import { IntentMatcher } from '../knowledge/intents.js';
import { LiveFaqEngine } from '../knowledge/liveFaq.js';
import { LanguageDetector } from '../knowledge/language/detect.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { warmLanguages, warmUpLanguage, warmUpRecognizers } from '../dialogs/validators/recognizers.js';
import { yesNo } from '../dialogs/yesNo.js';
import { createAdapter, installTurnErrorHandler, turnErrorHandler } from './adapter.js';
import { ResellerBot } from './bot.js';
import { isLocalMode, type Config } from './config.js';
import type { FeatureContext, FeatureFactory } from './feature.js';
import { FEATURES } from './features.js';
import { LocalRelay } from './http/localRelay.js';
import { RateLimiter } from './http/rateLimiter.js';
import { createServer, InFlight, registerMessages, type Readiness } from './http/server.js';
import { createI18n } from './i18n.js';
import { createLogger, type Logger } from './log.js';
import { registerMenuIntents } from './menuIntents.js';
import { ConversationRateLimit } from './middleware/conversationRateLimit.js';
import { InputNormalizer } from './middleware/inputNormalizer.js';
import { LanguageMiddleware } from './middleware/languageMiddleware.js';
import { MessageLengthLimit } from './middleware/messageLengthLimit.js';
import { RedeliveryGuard } from './middleware/redeliveryGuard.js';
import { TurnLock } from './middleware/turnLock.js';
import { TypingIndicator } from './middleware/typingIndicator.js';
import { privacyFeature } from './privacy/feature.js';
import { createProactiveMessenger } from './proactive.js';
import { createBotState } from './state.js';
import { pgStores } from './storage/pgStores.js';
import { embeddedStores, type Stores } from './storage/stores.js';

export interface App {
  server: Server;
  logger: Logger;
  /** Erasure and the retention sweep over every store (the staff route and the chat command use it too). */
  privacy: PersonalDataRegistry;
  /** The live FAQ engine (shipped knowledge base plus the authors' overlay), for tools that evaluate it. */
  faq: LiveFaqEngine;
  /** The insight records of every turn (tests flush them before reading the store). */
  insights: InsightRecorder;
  listen(): Promise<number>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** The clock retention is measured with (tests move it instead of waiting). */
  now?: () => Date;
}

/** The composition root: builds every part from the parsed config; nothing listens until `listen()`. */
export function createApp(config: Config, logger = createLogger(config.LOG_LEVEL), features: FeatureFactory[] = FEATURES, options: AppOptions = {}): App {
  const now = options.now ?? (() => new Date());
  const dataDir = resolve(config.DATA_DIR);
  const localMode = isLocalMode(config);
  const localHosts = config.LOCAL_SERVICE_HOSTS;
  const i18n = createI18n();
  const intents = registerMenuIntents(IntentMatcher.fromFile(), i18n);
  const stores: Stores = config.DATABASE_URL
    ? pgStores({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolSize: config.DATABASE_POOL_SIZE, logger, now })
    : embeddedStores(dataDir, { now });
  const storage = stores.state;
  const privacy = new PersonalDataRegistry(logger);
  const insights = new InsightRecorder(stores.insights({ logger }), logger);
  const faq = new LiveFaqEngine();
  privacy.register({
    name: 'insights',
    erase: (subject) => insights.erase(subject),
    expire: async (at) => (await insights.store).expire(cutoff(at, config.RETENTION_DAYS)),
  });
  const state = createBotState(storage);
  const readiness: Readiness = { checks: { storage: true, languageModels: false }, warm: warmLanguages };
  const database = stores.database;
  let probe: NodeJS.Timeout | undefined;
  let closing = false;
  if (database) {
    // Read when /readyz is asked: the database answered its last query (or probe) and is migrated.
    Object.defineProperty(readiness.checks, 'database', { enumerable: true, get: () => database.up && (stores as { migrated?: boolean }).migrated === true });
  }
  const adapter = createAdapter(config);
  const relay = new LocalRelay();
  const server = createServer({
    logger,
    readiness,
    maxBodyBytes: config.MAX_BODY_BYTES,
    addressLimit: { limiter: new RateLimiter(config.RATE_LIMIT_PER_ADDRESS), loopback: config.RATE_LIMIT_LOOPBACK, relay },
  });
  const proactive = createProactiveMessenger(adapter, { appId: config.MicrosoftAppId, localMode, localHosts });
  const inFlight = new InFlight();
  const quiet = () => inFlight.quiet(150);

  const ctx: FeatureContext = { config, dataDir, logger, i18n, intents, state, storage, stores, privacy, insights, faq, now, adapter, server, proactive, readiness, relay };
  // Privacy comes first and always: its middleware tags state before any feature can end a turn.
  const built = [privacyFeature, ...features].map((create) => create(ctx));

  const mainDialog = new MainDialog({
    state,
    yesNo,
    routes: built.flatMap((f) => f.routes ?? []),
    freeText: built.find((f) => f.freeText)?.freeText,
  });
  const bot = new ResellerBot(state, mainDialog);
  const errorDeps = { logger, i18n, state, defaultLang: config.DEFAULT_LOCALE };
  installTurnErrorHandler(adapter, errorDeps);
  // First of all: with several instances, nothing may read a conversation's state before its turn holds the lock.
  if (stores.locks) adapter.use(new TurnLock({ locks: stores.locks, i18n, logger, defaultLang: config.DEFAULT_LOCALE, onTurnError: turnErrorHandler(errorDeps) }));
  const detector = LanguageDetector.fromFile();
  const notices = { i18n, state, detector, defaultLang: config.DEFAULT_LOCALE };
  const redeliveries = new RedeliveryGuard(state);
  privacy.register(redeliveries.personalData());
  adapter
    .use(new ConversationRateLimit(new RateLimiter(config.RATE_LIMIT_PER_CONVERSATION), notices))
    .use(redeliveries)
    .use(new TypingIndicator())
    .use(new InputNormalizer())
    .use(new MessageLengthLimit(config.MAX_MESSAGE_CHARS, notices))
    .use(new LanguageMiddleware({ i18n, intents, detector, state, defaultLang: config.DEFAULT_LOCALE }));
  for (const middleware of built.flatMap((f) => f.middleware ?? [])) adapter.use(middleware);

  registerMessages(server, { adapter, bot, logger, localMode, localHosts, relay }, inFlight);

  return {
    server,
    logger,
    privacy,
    faq,
    insights,
    async listen() {
      // Migrations (PostgreSQL): a broken one stops start-up here; an unreachable server is retried in the background.
      await stores.start();
      if (database) {
        // Keeps /readyz current when no traffic touches the database, and notices soon when it is back.
        const again = () => {
          if (closing) return;
          probe = setTimeout(() => void database.ping().finally(again), database.up ? 5000 : 1000);
          probe.unref();
        };
        again();
      }
      await new Promise<void>((ok) => server.listen(config.PORT, config.HOST, ok));
      const port = (server.address() as { port: number }).port;
      logger.info({ port, localMode, dataDir, store: stores.kind }, 'listening');
      for (const f of built) f.start?.();
      // The quote dialogs' number and date models take up to a second each to build and compile
      // (V8 compiles their large regular expressions on the main thread), so they are warmed after
      // listening, model by model. Ready once the default language's are warm: every turn can be
      // answered from then on (a model not yet warm is built when first asked). The other
      // languages follow in the background, only while no request is in flight. Built lazily
      // during traffic instead, all of them at once blocked the process for seconds, long enough
      // for idle keep-alive connections to be reset under the clients (measured).
      const warmFailed = (err: Error) => logger.error({ err: { message: err.message } }, 'language model warm-up failed');
      void warmUpLanguage(config.DEFAULT_LOCALE)
        .then(() => {
          readiness.checks.languageModels = true;
          return warmUpRecognizers(quiet);
        })
        .catch(warmFailed);
      return port;
    },
    async close() {
      for (const f of built) f.drain?.();
      await new Promise<void>((ok) => server.close(() => ok()));
      await inFlight.idle(config.SHUTDOWN_GRACE_MS);
      closing = true;
      clearTimeout(probe);
      for (const f of built) await f.close?.();
      await insights.close();
      await stores.close();
    },
  };
}
