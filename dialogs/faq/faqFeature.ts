import type { FeatureFactory } from '../../bot/feature.js';
import { loadConversationWords } from '../../knowledge/language/conversation.js';
import { FaqResponder, type FaqConversation } from './faqResponder.js';

/**
 * The FAQ feature: answers free text from the knowledge base. The engine is
 * built (and every entry validated, the small-talk lists too) at start-up, so a broken entry stops the
 * bot before it listens; it is the live engine, so authors' overlay changes
 * reach the answers without a restart.
 */
export const faqFeature: FeatureFactory = (ctx) => {
  const engine = ctx.faq;
  engine.entries();
  loadConversationWords();
  const log = ctx.stores.faqLog({ logger: ctx.logger, now: ctx.now });
  ctx.privacy.register({
    name: 'faq',
    erase: async (subject) => (await log).erase(subject),
    expire: async (now) => (await log).expire(now, ctx.config.RETENTION_DAYS),
  });
  const memory = ctx.state.conversationState.createProperty<FaqConversation>('faq');
  return {
    name: 'faq',
    freeText: new FaqResponder(engine, log, memory, ctx.i18n, ctx.intents),
    close: async () => (await log).close(),
  };
};
