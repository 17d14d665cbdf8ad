import type { i18n } from 'i18next';
import type { IntentMatcher } from '../knowledge/intents.js';
import { LANGS } from '../knowledge/lang.js';
import { endonymPhrases, MENU_ACTIONS } from '../dialogs/messages.js';

/**
 * Menu buttons post their title (imBack), so each title, in every language, is
 * a phrase of the intent of the same name; the language button opens the
 * language choice, and each language's own name selects it. The help's "Delete my data"
 * button is the erasure intent.
 */
export function registerMenuIntents(intents: IntentMatcher, i18n: i18n): IntentMatcher {
  for (const lang of LANGS) {
    const t = i18n.getFixedT(lang);
    for (const action of MENU_ACTIONS) {
      const intent = action === 'language' ? 'language' : action;
      intents.addExact(intent, action === 'language' ? 'choose' : lang, t(`common:menu.${action}`));
    }
    intents.addExact('deleteData', lang, t('privacy:menu'));
  }
  for (const [lang, name] of endonymPhrases()) intents.addExact('language', lang, name);
  return intents;
}
