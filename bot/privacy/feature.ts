import type { Feature, FeatureContext } from '../feature.js';
import { statePersonalData } from './stateData.js';

/** The retention sweep runs this long after start, then every hour. */
const FIRST_SWEEP_MS = 60_000;
const SWEEP_EVERY_MS = 3_600_000;

/**
 * Privacy rules every bot gets, whatever its features: bot state joins the personal-data
 * registry (the features register their own stores), and the retention sweep runs hourly over
 * all of them (STATE_TTL_DAYS for state, RETENTION_DAYS for logs and tickets).
 */
export function privacyFeature(ctx: FeatureContext): Feature {
  const { config, privacy, logger } = ctx;
  privacy.register(statePersonalData(ctx.storage, config.STATE_TTL_DAYS));

  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = privacy.expire(ctx.now()).catch((err: Error) => logger.error({ err: { message: err.message } }, 'privacy: retention sweep failed'));
  };
  return {
    name: 'privacy',
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
