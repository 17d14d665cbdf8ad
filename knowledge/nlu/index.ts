import { fromRoot } from '../../bot/paths.js';
import { loadJsonFile } from './loadData.js';
import {
  datesSchema,
  elisionSchema,
  formTurnsSchema,
  freeTextSchema,
  handoffWordsSchema,
  numbersSchema,
  organisationsSchema,
  paymentSchema,
  productShorthandsSchema,
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
export const organisationWords = lazy(() => loadJsonFile(file('organisations.json'), organisationsSchema));
export const elisionWords = lazy(() => loadJsonFile(file('elision.json'), elisionSchema));
export const productShorthands = lazy(() => loadJsonFile(file('productShorthands.json'), productShorthandsSchema));

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
  organisationWords();
  elisionWords();
  productShorthands();
}

/** The merged lists, per word list and first language: the lists are loaded once and never change. */
const merged = new WeakMap<PerLang<readonly string[]>, Map<string, readonly string[]>>();

/**
 * All languages' words, the user's language first (resellers code-switch). Built once per list
 * and language (a new array on every call showed in the profile: dozens of calls per message)
 * and frozen, so a caller that would reorder it copies it first.
 */
export function allLangs(words: PerLang<readonly string[]>, first: keyof PerLang<unknown> = 'en'): readonly string[] {
  let byFirst = merged.get(words);
  if (!byFirst) merged.set(words, (byFirst = new Map()));
  let list = byFirst.get(first);
  if (!list) {
    const order = [first, ...(['en', 'fr', 'zh'] as const).filter((l) => l !== first)];
    list = Object.freeze(order.flatMap((l) => words[l]));
    byFirst.set(first, list);
  }
  return list;
}

export { foldText, findAlias, hasAny, blankSpans, type Span } from './match.js';
