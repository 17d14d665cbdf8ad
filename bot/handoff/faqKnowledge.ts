import { defaultFaqEngine, type FaqEngine } from '../../knowledge/faq.js';
import type { KnowledgeSearch } from './knowledge.js';

/**
 * The console's knowledge search over the FAQ engine: the best topics for the
 * advocate's words, each with its title and markdown answer in the user's
 * language, ready to edit and send. The engine is built on first use (it is
 * shared with the FAQ feature, so usually already built).
 */
export function faqKnowledge(engine: () => FaqEngine = defaultFaqEngine): KnowledgeSearch {
  return {
    search(text, lang, limit) {
      const faq = engine();
      return faq.search(text, lang, limit).flatMap((candidate) => {
        const entry = faq.entry(candidate.id);
        return entry ? [{ id: entry.id, question: entry[lang].title, answer: entry[lang].answer }] : [];
      });
    },
  };
}
