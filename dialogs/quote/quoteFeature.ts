import type { QuoteBackend, QuoteRepository } from '../../backend/quotes/index.js';
import { registerStaffApi } from '../../backend/quotes/staffApi.js';
import type { Feature, FeatureContext } from '../../bot/feature.js';
import { quoteSource } from '../../bot/insights/sources.js';
import { filedMemory, type LastFiling } from './filedMemory.js';
import type { QuoteDialogDeps } from './quoteDialogDeps.js';
import { detectQuoteRequest } from './quoteDetection.js';
import { QuoteEntryDialog } from './quoteEntryDialog.js';
import { quoteLexicon } from './quoteLexicon.js';
import { resellerMemory, type CustomerDetails, type ResellerDetails } from './resellerMemory.js';
import { statusLookupMiddleware } from './quoteStatusMiddleware.js';
import { repeatedConfirmMiddleware } from './repeatedConfirm.js';
import { resellerIntroMiddleware } from './resellerIntro.js';
import { createStatusSender } from './statusSender.js';

/**
 * The repository before the backend has opened (opening reads the journals, which is async,
 * while features are built synchronously): every call waits for it.
 */
function deferredRepository(ready: Promise<QuoteBackend>): QuoteRepository {
  return {
    create: async (draft, options) => (await ready).repository.create(draft, options),
    get: async (id) => (await ready).repository.get(id),
    findForRequester: async (id, requester) => (await ready).repository.findForRequester(id, requester),
    listForRequester: async (requester, limit) => (await ready).repository.listForRequester(requester, limit),
    list: async (query) => (await ready).repository.list(query),
    updateStatus: async (id, status, note, by) => (await ready).repository.updateStatus(id, status, note, by),
    unlinkRequester: async (user) => (await ready).repository.unlinkRequester(user),
  };
}

/**
 * Guided quote requests: the quote route, status lookups, the staff API on the bot's server, the
 * webhook outbox and the proactive status notifications (started once the server listens).
 */
export function quoteFeature(ctx: FeatureContext): Feature {
  const { config, logger } = ctx;
  const ready = ctx.stores.quoteBackend({
    webhookUrl: config.QUOTE_WEBHOOK_URL,
    webhookSecret: config.QUOTE_WEBHOOK_SECRET,
    staffApiKey: config.STAFF_API_KEY,
    logger,
    autoStart: false,
  });
  ready.catch((err: Error) => logger.error({ err: { message: err.message } }, 'quote backend failed to open'));
  const repository = deferredRepository(ready);
  ctx.privacy.register({ name: 'quotes', erase: async (subject) => (await ready).erase(subject) });
  registerStaffApi(ctx.server, { repository, staffApiKey: config.STAFF_API_KEY, logger });
  ctx.insights.sources.quotes = quoteSource(repository);

  const filed = filedMemory(ctx.state.conversationState.createProperty<LastFiling | undefined>('quoteLastFiling'));
  const reseller = resellerMemory(ctx.state.conversationState.createProperty<(ResellerDetails & CustomerDetails) | undefined>('quoteReseller'));
  const deps: QuoteDialogDeps = { quotes: repository, faq: lazyFaq(ctx), filed, reseller, logger, lexicon: quoteLexicon(ctx.i18n) };
  const sender = createStatusSender(ctx.proactive, ctx.i18n);

  return {
    name: 'quotes',
    routes: [
      { dialog: new QuoteEntryDialog(deps), intents: ['quote', 'renew'], detect: (text, lang) => detectQuoteRequest(text, lang) },
    ],
    middleware: [repeatedConfirmMiddleware(ctx.state, filed), statusLookupMiddleware(ctx.state, repository), resellerIntroMiddleware(ctx.state, reseller)],
    start() {
      void ready.then(async (backend) => {
        await backend.outbox.start();
        backend.notifier.start(sender);
      });
    },
    async close() {
      await (await ready.catch(() => undefined))?.close();
    },
  };
}

/** The FAQ engine builds its index on first use, not at start-up; it is the live one (authors' overlay included). */
function lazyFaq(ctx: FeatureContext): NonNullable<QuoteDialogDeps['faq']> {
  return {
    decide: (text, lang) => ctx.faq.decide(text, lang),
    entry: (id) => ctx.faq.entry(id),
  };
}
