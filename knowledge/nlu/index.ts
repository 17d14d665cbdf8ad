import { fromRoot } from '../../bot/paths.js';
import { loadJsonFile } from './loadData.js';
import {
  datesSchema,
  formTurnsSchema,
  freeTextSchema,
  handoffWordsSchema,
  numbersSchema,
  paymentSchema,
  quoteIntentSchema,
  rolesSchema,
  yesNoSchema,
  type PerLang,
} from './schema.js';

/** The NLU word lists, each loaded and checked once, on first use. */
function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
const file = (name: string) => fromRoot('knowledge', 'nlu', name);

export const yesNoWords = lazy(() => loadJsonFile(file('yesNo.json'), yesNoSchema));
export const numberWords = lazy(() => loadJsonFile(file('numbers.json'), numbersSchema));
export const dateWords = lazy(() => loadJsonFile(file('dates.json'), datesSchema));
export const quoteIntentWords = lazy(() => loadJsonFile(file('quoteIntent.json'), quoteIntentSchema));
export const paymentWords = lazy(() => loadJsonFile(file('payment.json'), paymentSchema));
export const freeTextRules = lazy(() => loadJsonFile(file('freeText.json'), freeTextSchema));
export const roleWords = lazy(() => loadJsonFile(file('roles.json'), rolesSchema));
export const formTurnWords = lazy(() => loadJsonFile(file('formTurns.json'), formTurnsSchema));
export const handoffWords = lazy(() => loadJsonFile(file('handoff.json'), handoffWordsSchema));

/** Load every list now, so a broken file fails at start-up rather than mid-conversation. */
export function loadAllNluData(): void {
  yesNoWords();
  numberWords();
  dateWords();
  quoteIntentWords();
  paymentWords();
  freeTextRules();
  roleWords();
  formTurnWords();
  handoffWords();
}

/** All languages' words, the user's language first (resellers code-switch). */
export function allLangs(words: PerLang<readonly string[]>, first: keyof PerLang<unknown> = 'en'): string[] {
  const order = [first, ...(['en', 'fr', 'zh'] as const).filter((l) => l !== first)];
  return order.flatMap((l) => words[l]);
}

export { foldText, findAlias, hasAny, blankSpans, type Span } from './match.js';
