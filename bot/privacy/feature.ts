import { DataErasureDialog } from '../../dialogs/privacy/dataErasureDialog.js';
import { yesNo } from '../../dialogs/yesNo.js';
import type { Feature, FeatureContext } from '../feature.js';
import { DataSubjectTagger } from './dataSubjects.js';
import { registerErasureRoute } from './erasureRoute.js';
import { statePersonalData } from './stateData.js';
import { turnErasure } from './turnErasure.js';

/** The retention sweep runs this long after start, then every hour. */
const FIRST_SWEEP_MS = 60_000;
const SWEEP_EVERY_MS = 3_600_000;

/**
 * Privacy rules every bot gets, whatever its features: bot state joins the personal-data
 * registry (the features register their own stores); "delete my data" at any point in the chat
 * (fr, zh, en) and `POST /api/privacy/erase` for staff; the tags that let an erasure find every
 * conversation of a user; and the hourly retention sweep over every store (STATE_TTL_DAYS for
 * state, RETENTION_DAYS for logs and tickets).
 */
export function privacyFeature(ctx: FeatureContext): Feature {
  const { config, privacy, logger, state } = ctx;
  privacy.register(statePersonalData(ctx.storage, config.STATE_TTL_DAYS));
  registerErasureRoute(ctx.server, { privacy, staffApiKey: config.STAFF_API_KEY, logger });
  const dialog = new DataErasureDialog(turnErasure(privacy, state, ctx.storage), yesNo, state.conversationData);

  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  // Several instances: the one that gets the lock sweeps, the others skip this hour's turn.
  const locks = ctx.stores.locks;
  const expire = () => (locks ? locks.tryRun('retention-sweep', () => privacy.expire(ctx.now())) : privacy.expire(ctx.now()));
  const sweep = () => {
    sweeping = expire().catch((err: Error) => logger.error({ err: { message: err.message } }, 'privacy: retention sweep failed'));
  };
  return {
    name: 'privacy',
    // "never mind" / "cancel" at its yes or no is its own "no", not "stop what we're doing?".
    routes: [{ dialog, intents: ['deleteData'], interrupts: true, ownIntents: ['cancel'] }],
    middleware: [new DataSubjectTagger(state)],
    start() {
      timer = setTimeout(function again() {
        sweep();
        timer = setTimeout(again, SWEEP_EVERY_MS);
        timer.unref();
      }, FIRST_SWEEP_MS);
      timer.unref();
    },
    async close() {
      clearTimeout(timer);
      await sweeping;
    },
  };
}
