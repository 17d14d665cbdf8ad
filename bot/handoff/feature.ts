import type { TurnContext } from 'botbuilder';
import { AdvocateDirectory, parseAdvocates, parseBusinessHours } from '../../backend/handoff/index.js';
import { HandoffDialog } from '../../dialogs/handoffDialog.js';
import type { Feature, FeatureContext, FeatureFactory } from '../feature.js';
import { turnInfo } from '../turn.js';
import { normalizeCommand } from '../../knowledge/intents.js';
import { registerConsoleRoutes } from './consoleRoutes.js';
import { ConsoleEvents } from './events.js';
import { localEvents, sharedEvents } from './fanOut.js';
import { faqKnowledge } from './faqKnowledge.js';
import type { KnowledgeSearch } from './knowledge.js';
import { ticketSource } from '../insights/sources.js';
import { HandoffRelayMiddleware } from './relayMiddleware.js';
import { OfferAnswerMiddleware } from './offerAnswer.js';
import { yesNo } from '../../dialogs/yesNo.js';
import { HandoffService, ticketSummary } from './service.js';
import { PgRecentMessages } from './pgRecentMessages.js';
import { MemoryRecentMessages, RECENT_MESSAGE_LIMITS, TranscriptRecorder } from './transcript.js';
import { cutoff } from '../../backend/privacy/index.js';

/** How often waiting tickets are checked for the timeout: a quarter of it, between 100 ms and 30 s. */
const sweepEvery = (timeoutMs: number): number => Math.min(30_000, Math.max(100, Math.round(timeoutMs / 4)));

/**
 * Human handoff: the handoff dialog (explicit request or the advocate button,
 * on top of any running dialog), the transcript and relay middleware, the
 * advocate console at /advocate with its API, and the timeout sweep.
 */
export function createHandoffFeature(options: { knowledge?: KnowledgeSearch } = {}): FeatureFactory {
  return (ctx): Feature => {
    const { config, logger } = ctx;
    const advocates = new AdvocateDirectory(parseAdvocates(config.ADVOCATES));
    const hours = parseBusinessHours(config.HANDOFF_HOURS);
    const timeoutMs = config.HANDOFF_TIMEOUT_MIN * 60_000;

    ctx.readiness.checks.handoffStore = false;
    const store = ctx.stores.tickets({ logger, limits: { maxEntries: config.HANDOFF_TRANSCRIPT_MAX_MESSAGES } });
    store.then(
      () => (ctx.readiness.checks.handoffStore = true),
      (err: Error) => logger.error({ err: { message: err.message } }, 'handoff: cannot open the ticket store'),
    );

    // The recent messages a ticket starts with: shared by the instances when there is a database.
    const limits = RECENT_MESSAGE_LIMITS;
    const database = ctx.stores.database;
    const recent = database ? new PgRecentMessages(database, limits.perConversation, ctx.stores.ready) : new MemoryRecentMessages(limits);
    const transcript = new TranscriptRecorder(limits, recent, (err) => logger.warn({ err: { message: err.message } }, 'handoff: recent messages not stored'));
    const events = new ConsoleEvents();
    const summarize = (ticket: Parameters<typeof ticketSummary>[0], position?: number) => ticketSummary(ticket, ctx.now(), position);
    const { notifications } = ctx.stores;
    const service = new HandoffService({
      store,
      transcript,
      proactive: ctx.proactive,
      i18n: ctx.i18n,
      events: notifications ? sharedEvents({ notifications, store, consoles: events, summarize, logger }) : localEvents(events, summarize),
      hours,
      advocates,
      mode: config.HANDOFF_MODE,
      timeoutMs,
      logger,
      now: ctx.now,
    });
    ctx.privacy.register({
      name: 'handoff',
      erase: (subject) => service.erase(subject),
      expire: (now) => service.expire(now, config.RETENTION_DAYS),
    });
    // Erased with the tickets (`service.erase`). In memory they last until the process stops; in
    // the database, a day (the context of a ticket opened now).
    ctx.privacy.register({
      name: 'recentMessages',
      erase: async () => ({}),
      inMemory: () => transcript.inMemory(),
      ...(recent instanceof PgRecentMessages ? { expire: (now: Date) => recent.expire(cutoff(now, 1)) } : {}),
    });
    registerConsoleRoutes(ctx.server, {
      service, advocates, events, logger,
      insights: { recorder: ctx.insights, now: ctx.now },
      ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    });
    ctx.insights.sources.tickets = ticketSource(store);

    if (config.HANDOFF_MODE === 'console' && advocates.size === 0) {
      logger.warn('handoff: ADVOCATES is empty, so nobody can sign in to /advocate and handoff requests become email follow-ups');
    }

    let sweeper: NodeJS.Timeout | undefined;
    return {
      name: 'handoff',
      routes: [
        {
          dialog: new HandoffDialog(service, { aboutOf: aboutOf(ctx.intents), knownEmails: resellerEmails(ctx), rememberEmail: rememberEmail(ctx) }),
          intents: ['handoff', 'advocate', 'callback'],
          interrupts: true,
          // Inside the handoff, "cancel" cancels the handoff (not the parked quote), and asking for a person again is its own business.
          ownIntents: ['cancel', 'handoff', 'advocate', 'callback'],
          yields: true,
        },
      ],
      middleware: [transcript, new HandoffRelayMiddleware(service, privacyTurn(ctx), (context) => ctx.state.userState.saveChanges(context, false)), new OfferAnswerMiddleware(service, yesNo, ctx.state)],
      start() {
        if (config.HANDOFF_MODE !== 'console') return;
        sweeper = setInterval(() => {
          service.sweep().catch((err: Error) => logger.error({ err: { message: err.message } }, 'handoff: timeout sweep failed'));
        }, sweepEvery(timeoutMs));
        sweeper.unref();
      },
      drain() {
        events.close();
      },
      async close() {
        clearInterval(sweeper);
        events.close();
        await store.then((s) => s.close(), () => undefined);
      },
    };
  };
}

/** Words around a request for a person that say nothing about the request itself. */
const FILLER = new Set(
  ('i want to please pls would like can could you me a an the now just so hi hello hey ok okay need some is there '
    + 'je veux voudrais aimerais svp stp plait s\'il vous pouvez peux est-ce que qu\'on on bonjour salut merci un une le la des avec moi '
    + 'alors juste maintenant').split(' '),
);
const HAN_FILLER = /[我要想请能吗呢吧你好可以帮们的个一下啊呀嗯给]/gu;

/**
 * What a request for a person says besides the request ("get me a human please, I need help with
 * a renewal" → the whole sentence, kept as what the ticket is about); undefined for a bare
 * "un conseiller svp" or "能转人工吗".
 */
function aboutOf(intents: FeatureContext['intents']): (text: string, lang: string) => string | undefined {
  let phrases: string[] | undefined;
  return (text) => {
    phrases ??= ['handoff', 'callback', 'advocate'].flatMap((i) => intents.phrases(i)).sort((a, b) => b.length - a.length);
    let rest = ` ${normalizeCommand(text)} `;
    for (const p of phrases) rest = /\p{Script=Han}/u.test(p) ? rest.split(p).join(' ') : rest.split(` ${p} `).join('  ');
    const words = rest.split(/\s+/).filter((w) => w && !FILLER.has(w) && !/\p{Script=Han}/u.test(w));
    const han = rest.replace(/[^\p{Script=Han}]/gu, '').replace(HAN_FILLER, '');
    return words.length >= 3 || han.length >= 4 ? text.trim() : undefined;
  };
}

/** The quote feature's memory of the reseller's own details in this conversation. */
const resellerMemory = (ctx: FeatureContext) => ctx.state.conversationState.createProperty<{ resellerEmail?: string } | undefined>('quoteReseller');

/** The reseller's email from an earlier request in this conversation. */
function resellerEmails(ctx: FeatureContext): (context: TurnContext) => Promise<string[]> {
  const memory = resellerMemory(ctx);
  return async (context) => {
    const email = (await memory.get(context))?.resellerEmail;
    return typeof email === 'string' && email ? [email] : [];
  };
}

/** The follow-up email is the reseller's own: a quote form asking for it then understands "same as above". */
function rememberEmail(ctx: FeatureContext): (context: TurnContext, email: string) => Promise<void> {
  const memory = resellerMemory(ctx);
  return async (context, email) => {
    const known = await memory.get(context);
    if (!known?.resellerEmail) await memory.set(context, { ...known, resellerEmail: email });
  };
}

/** "Delete my data" and its yes or no are for the bot, even while a person is in charge. */
function privacyTurn(ctx: FeatureContext): (context: TurnContext) => Promise<boolean> {
  return async (context) =>
    turnInfo(context).intent?.intent === 'deleteData' || Boolean((await ctx.state.conversationData.get(context))?.confirmingErasure);
}

/** The console searches the live FAQ engine, so an advocate finds what authors just added. */
export const handoffFeature: FeatureFactory = (ctx) => createHandoffFeature({ knowledge: faqKnowledge(async () => ctx.faq) })(ctx);
