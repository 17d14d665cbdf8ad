import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { backsOut } from '../../dialogs/handoffWords.js';
import { LANGS } from '../../knowledge/lang.js';

/**
 * The "never mind" button of the handoff prompts must itself be a back-out phrase: the French
 * title "Laisser tomber" was not ("laisse tomber" was), so pressing it added the words to the
 * advocate's request instead of withdrawing it.
 */
describe('handoff: the back-out button says what the back-out words mean', () => {
  const i18n = createI18n();
  for (const lang of LANGS) {
    it(`${lang}: the button title backs out`, () => {
      const title = i18n.getFixedT(lang)('handoff:followUp.backOut');
      assert.ok(backsOut(title, lang), title);
    });
  }
});
