import type { FaqEngine } from '../../knowledge/faq.js';
import type { KnowledgeSearch } from './knowledge.js';

/** Loaded on the first search, so the handoff feature does not pull the FAQ index in at start-up. */
const sharedEngine = async (): Promise<FaqEngine> => (await import('../../knowledge/faq.js')).defaultFaqEngine();

/**
 * The console's knowledge search over the FAQ engine: the best topics for the
 * advocate's words, each with its title and markdown answer in the user's
 * language, ready to edit and send. The engine is the one the FAQ feature
 * shares, so it is usually already built.
 */
export function faqKnowledge(engine: () => Promise<FaqEngine> = sharedEngine): KnowledgeSearch {
  return {
    async search(text, lang, limit) {
      const faq = await engine();
      return faq.search(text, lang, limit).flatMap((candidate) => {
        const entry = faq.entry(candidate.id);
        return entry ? [{ id: entry.id, question: entry[lang].title, answer: entry[lang].answer }] : [];
      });
    },
  };
}
