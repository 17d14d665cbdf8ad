import { quoteFeature } from '../dialogs/quote/quoteFeature.js';
import type { FeatureFactory } from './feature.js';
import { faqFeature } from '../dialogs/faq/faqFeature.js';
import { webchatFeature } from './webchat/feature.js';
import { handoffFeature } from './handoff/feature.js';
import { insightsFeature } from './insights/feature.js';

/**
 * The capabilities plugged into the bot, in order: middleware runs in this
 * order, and the first feature with a free-text responder answers free text.
 * Insights come first: the turn's record is written after every other feature had its say.
 */
export const FEATURES: FeatureFactory[] = [insightsFeature, faqFeature, quoteFeature, webchatFeature, handoffFeature];
