import type { FaqEngine } from '../../knowledge/faq.js';
import type { QuoteRepository } from '../../backend/quotes/index.js';
import type { FiledMemory } from './filedMemory.js';
import type { Lexicon } from './interpret/lexicon.js';
import type { ResellerMemory } from './resellerMemory.js';

/** What the quote dialogs need from outside, passed in so tests can replace any of it. */
export interface QuoteDialogDeps {
  /** Files and reads back requests (the quote backend's repository). */
  quotes: Pick<QuoteRepository, 'create' | 'findForRequester' | 'listForRequester'>;
  /** The bot's button titles in every language: a title sent again is a repeat, never a value. */
  lexicon: Lexicon;
  /** Answers an FAQ question typed at a prompt; optional so the dialogs run without it. */
  faq?: Pick<FaqEngine, 'decide' | 'entry'>;
  /** Remembers the last filing so a second Confirm click gets the same reference. */
  filed?: FiledMemory;
  /** The reseller's own details given earlier in the conversation, for the next request. */
  reseller?: ResellerMemory;
  /** "Today", for dates; tests pin it. */
  now?: () => Date;
  logger?: { error(obj: Record<string, unknown>, msg?: string): void };
}
