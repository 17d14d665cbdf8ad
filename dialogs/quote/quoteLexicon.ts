import type { i18n } from 'i18next';
import { loadCatalog } from '../../knowledge/catalog.js';
import { LANGS } from '../../knowledge/lang.js';
import { foldText, formTurnWords } from '../../knowledge/nlu/index.js';
import { QUOTE_KINDS, SLOT_NAMES } from '../../knowledge/quoteTypes.js';
import { MENU_ACTIONS } from '../messages.js';
import { buildLexicon, type Lexicon } from './interpret/lexicon.js';

/**
 * Every button the quote dialogs and the menu show, in every language, for the form
 * interpreter: a kind button pressed again at the name prompt is a repeat, not a name.
 */
export function quoteLexicon(i18n: i18n): Lexicon {
  const entries: Array<[string, string]> = [];
  for (const lng of LANGS) {
    const t = i18n.getFixedT(lng);
    for (const kind of QUOTE_KINDS) entries.push([t(`quote:kind.${kind}`), 'kind']);
    for (const action of MENU_ACTIONS) entries.push([t(`common:menu.${action}`), 'menu']);
    for (const key of ['confirm', 'edit', 'cancel']) entries.push([t(`quote:summary.${key}`), 'summary']);
    for (const value of ['card', 'quote']) entries.push([t(`quote:value.paymentPreference.${value}`), 'payment']);
    entries.push([t('common:yesNo.yes'), 'yesNo'], [t('common:yesNo.no'), 'yesNo']);
    // "Edit a field" buttons: a field button pressed twice is not a value of that field.
    for (const slot of SLOT_NAMES) entries.push([t(`quote:label.${slot}`), 'field']);
    entries.push([t('quote:label.billingAddresses'), 'field']);
  }
  const catalog = loadCatalog();
  for (const d of ['cloud', 'data-center'] as const) for (const e of catalog.deployments[d].editions) for (const name of Object.values(e.names)) entries.push([name, 'edition']);
  const labels: Array<[string, string]> = [];
  for (const lng of LANGS) {
    const t = i18n.getFixedT(lng);
    for (const slot of SLOT_NAMES) labels.push([slot, t(`quote:label.${slot}`)]);
    labels.push(['billingAddress', t('quote:label.billingAddresses')]);
  }
  // Possessives and function words of the labels ("your", "votre", "您的") name no field.
  const w = formTurnWords();
  const ignore = new Set([...w.sentence.en, ...w.sentence.fr, ...w.sentence.zh, 'the', 'les', 'des', 'then', 'puis', 'celle', 'vous', 'yours', 'votre', 'vôtre', '您的', '贵公', '先写', '再写'].map(foldText));
  const synonyms = Object.entries(w.fieldWords)
    .filter((e): e is [string, { en: string[]; fr: string[]; zh: string[] }] => typeof e[1] !== 'string')
    .map(([slot, words]): [string, string[]] => [slot, [...words.en, ...words.fr, ...words.zh]]);
  return buildLexicon(entries, labels, ignore, synonyms);
}
