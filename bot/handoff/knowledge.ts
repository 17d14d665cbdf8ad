import type { Lang } from '../../knowledge/lang.js';

/** One knowledge-base answer an advocate may send, already in the user's language. */
export interface KnowledgeHit {
  id: string;
  question: string;
  /** Markdown. */
  answer: string;
}

/** The slice of the FAQ engine the console needs; absent until the FAQ is wired in. */
export interface KnowledgeSearch {
  search(text: string, lang: Lang, limit: number): Promise<KnowledgeHit[]>;
}
