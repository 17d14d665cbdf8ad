/**
 * Public face of the FAQ knowledge base: load the validated topics, build the engine, decide.
 * The bot, the eval command and the benchmark all go through these exports.
 */
export type { FaqEntry, FaqLocalized, FaqId } from './faqSchema.js';
export { FAQ_IDS, FAQ_ACTIONS, faqEntrySchema } from './faqSchema.js';
export { loadFaqEntries, FaqDataError, DEFAULT_FAQ_DIR } from './faqLoader.js';
export type { FaqCandidate, FaqDecision, FaqEngine, FaqEngineOptions, OutOfScopeExamples, RankingFaqEngine } from './faqEngine.js';
export { createFaqEngine, loadOutOfScopeExamples } from './faqEngine.js';
export type { DecisionModel, RankTuning, Ranking, TopicFeatures } from './faqDecision.js';
export { confidence, decideFromRanking, roundedConfidence, DECISION_MODEL_PATH, featureVector, FEATURE_NAMES, loadDecisionModel } from './faqDecision.js';

import { createFaqEngine, type FaqEngine } from './faqEngine.js';
import { loadFaqEntries } from './faqLoader.js';
import { AnalysisCache, defaultAnalysisCachePath } from './search/analysisCache.js';

let shared: FaqEngine | undefined;

/**
 * The engine over knowledge/faq, built once per process (the bot and the eval share it). The
 * analysis of its texts is kept between starts (search/analysisCache.ts): a restart reads it
 * back instead of running jieba and the stemmers over the whole knowledge base again.
 */
export function defaultFaqEngine(): FaqEngine {
  if (!shared) {
    const analysisCache = AnalysisCache.open(defaultAnalysisCachePath());
    shared = createFaqEngine(loadFaqEntries(), { analysisCache });
    analysisCache.save();
    analysisCache.release();
  }
  return shared;
}
