import type { Middleware } from 'botbuilder';
import type { ChannelAdapter } from './adapter.js';
import type { i18n } from 'i18next';
import type { Server } from 'restify';
import type { FreeTextResponder, Route } from '../dialogs/mainDialog.js';
import type { InsightRecorder } from '../backend/insights/recorder.js';
import type { PersonalDataRegistry } from '../backend/privacy/index.js';
import type { IntentMatcher } from '../knowledge/intents.js';
import type { LiveFaqEngine } from '../knowledge/liveFaq.js';
import type { Config } from './config.js';
import type { LocalRelay } from './http/localRelay.js';
import type { Readiness } from './http/server.js';
import type { Logger } from './log.js';
import type { ProactiveMessenger } from './proactive.js';
import type { BotState } from './state.js';
import type { StateStore } from './storage/stateStore.js';
import type { Stores } from './storage/stores.js';

/** Everything a feature may use, built once by the composition root. */
export interface FeatureContext {
  config: Config;
  dataDir: string;
  logger: Logger;
  i18n: i18n;
  intents: IntentMatcher;
  state: BotState;
  /** The storage under `state`, for the privacy feature (expiry, erasure). */
  storage: StateStore;
  /** Where every feature gets its stores: embedded under DATA_DIR, or on the shared PostgreSQL. */
  stores: Stores;
  /** Every store with personal data registers here: erased on request, swept for retention. */
  privacy: PersonalDataRegistry;
  /** Insight records (one per turn, advocates' knowledge searches) and the stores the staff charts read. */
  insights: InsightRecorder;
  /** The FAQ engine every feature answers with: the shipped knowledge base plus the authors' overlay, rebuilt live. */
  faq: LiveFaqEngine;
  /** The clock retention is measured with (injected by tests). */
  now: () => Date;
  adapter: ChannelAdapter;
  server: Server;
  proactive: ProactiveMessenger;
  readiness: Readiness;
  /** Proof that an activity came through the embedded Direct Line. */
  relay: LocalRelay;
}

/**
 * A capability plugged into the bot (FAQ, quotes, handoff): its routes into
 * the main dialog, its middleware (run after the language middleware), its
 * HTTP routes (registered in `create`), and what to stop on shutdown.
 */
export interface Feature {
  name: string;
  routes?: Route[];
  freeText?: FreeTextResponder;
  middleware?: Middleware[];
  /** Called once the server listens (background workers). */
  start?(): void;
  /** Called first on shutdown, before the server waits for open connections: end long-lived responses (SSE). */
  drain?(): void;
  close?(): Promise<void>;
}

export type FeatureFactory = (ctx: FeatureContext) => Feature;
