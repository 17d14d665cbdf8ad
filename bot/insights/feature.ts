import { AdvocateDirectory, parseAdvocates } from '../../backend/handoff/index.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import type { FeatureFactory } from '../feature.js';
import { registerInsightsRoutes } from './routes.js';
import { staffAuth } from './staffAuth.js';
import { TurnRecorder } from './turnRecorder.js';

/**
 * Staff insights: the record every turn leaves (its middleware runs first among the features, so
 * it sees what all the others noted), the /insights page and its JSON API behind the staff or an
 * advocate key.
 */
export const insightsFeature: FeatureFactory = (ctx) => {
  const auth = staffAuth(ctx.config.STAFF_API_KEY, new AdvocateDirectory(parseAdvocates(ctx.config.ADVOCATES)));
  registerInsightsRoutes(ctx.server, {
    auth,
    recorder: ctx.insights,
    entry: (id) => defaultFaqEngine().entry(id),
    i18n: ctx.i18n,
    logger: ctx.logger,
    now: ctx.now,
  });
  return { name: 'insights', middleware: [new TurnRecorder(ctx.insights, ctx.now)] };
};
