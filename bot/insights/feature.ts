import { AdvocateDirectory, parseAdvocates } from '../../backend/handoff/index.js';
import { ReviewService } from '../../backend/insights/reviewService.js';
import { subjectKey } from '../../backend/privacy/index.js';
import type { FeatureFactory } from '../feature.js';
import { registerReviewRoutes } from './reviewRoutes.js';
import { registerInsightsRoutes } from './routes.js';
import { staffAuth } from './staffAuth.js';
import { TurnRecorder } from './turnRecorder.js';

/**
 * Staff insights and active learning: the record every turn leaves (its middleware runs first
 * among the features, so it sees what all the others noted), the /insights page with its JSON
 * API and review queue behind the staff or an advocate key, and the knowledge overlay the queue
 * feeds — applied to the live FAQ engine at start-up, after each decision, on another
 * instance's notice (PostgreSQL), and whenever the poll or a review call sees a version this
 * instance does not answer with yet (a notice it missed).
 */
export const insightsFeature: FeatureFactory = (ctx) => {
  const { config, logger } = ctx;
  const auth = staffAuth(config.STAFF_API_KEY, new AdvocateDirectory(parseAdvocates(config.ADVOCATES)));
  const overlay = ctx.stores.overlay({ logger });
  const review = new ReviewService({ overlay, records: ctx.insights.store, engine: ctx.faq, retentionDays: config.RETENTION_DAYS, now: ctx.now, logger });
  ctx.privacy.register({ name: 'knowledge-overlay', erase: async (subject) => ({ examples: await review.erase(subjectKey(subject)) }) });
  ctx.readiness.checks.knowledgeOverlay = false;
  const ready = review.refresh().then(() => (ctx.readiness.checks.knowledgeOverlay = true));

  const { guarded, forget } = registerInsightsRoutes(ctx.server, { auth, recorder: ctx.insights, entry: (id) => ctx.faq.entry(id), i18n: ctx.i18n, logger, now: ctx.now });
  ctx.privacy.register({ name: 'insightsCache', erase: async () => (forget(), {}) });
  registerReviewRoutes(ctx.server, { review, guarded, now: ctx.now });

  let poll: NodeJS.Timeout | undefined;
  return {
    name: 'insights',
    middleware: [new TurnRecorder(ctx.insights, ctx.now)],
    start() {
      poll = setInterval(() => void review.refresh(), config.KB_OVERLAY_POLL_SECONDS * 1000);
      poll.unref();
    },
    async close() {
      clearInterval(poll);
      await ready.catch(() => undefined);
      await (await overlay.catch(() => undefined))?.close();
    },
  };
};
