import assert from 'node:assert/strict';
import './warmUp.js';
import { PATHOLOGICAL } from '../../bench/pathologicalTexts.js';
import { redact } from '../../bot/log.js';
import { usdAmount } from '../../dialogs/quote/paymentAnswer.js';
import {
  detectQuoteIntent,
  extractQuoteSlots,
  findDate,
  findEmails,
  findSens,
  findSiteUrl,
  findUserCounts,
  normalizeInput,
  SLOT_VALIDATORS,
  validateSlot,
} from '../../dialogs/validators/index.js';
import { IntentMatcher } from '../../knowledge/intents.js';
import { LANGS } from '../../knowledge/lang.js';
import { LanguageDetector } from '../../knowledge/language/detect.js';
import { maskPersonalData } from '../../knowledge/language/personalData.js';
import { carriesRequestData, looksLikeQuestion } from '../../knowledge/language/question.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';

/**
 * Every validator and detector on 20,000-character texts built to hit the worst case of a
 * pattern (bench/pathologicalTexts.ts). Each must come back with an answer or a refusal; how
 * fast is the benchmark's job (npm run bench), never a test's.
 */
const LENGTH = 20_000;
const texts = Object.entries(PATHOLOGICAL).map(([name, make]) => [name, make(LENGTH)] as const);
const detector = LanguageDetector.fromFile();
const intents = IntentMatcher.fromFile();
const now = new Date('2026-11-22T10:00:00Z');

describe('pathological 20,000-character inputs', function () {
  this.timeout(120_000);

  for (const slot of Object.keys(SLOT_VALIDATORS) as SlotName[]) {
    it(`the ${slot} validator answers or refuses, in every language`, () => {
      for (const lang of LANGS) {
        for (const [name, text] of texts) {
          const result = validateSlot(slot, text, lang, { deployment: 'data-center', now });
          assert.ok(result.ok ? result.value !== undefined : typeof result.reason === 'string', `${slot}/${lang}/${name}`);
        }
      }
    });
  }

  it('the probes of issue 12 are refused at their prompt', () => {
    const probes: Array<[SlotName, string]> = [
      ['resellerEmail', PATHOLOGICAL.letters!(LENGTH)],
      ['resellerEmail', PATHOLOGICAL.almostEmails!(LENGTH)],
      ['tier', PATHOLOGICAL.digits!(LENGTH)],
      ['sen', PATHOLOGICAL.sen!(LENGTH)],
      ['sen', PATHOLOGICAL.dashes!(LENGTH)],
      ['targetDate', PATHOLOGICAL.dashes!(LENGTH)],
    ];
    for (const lang of LANGS) {
      for (const [slot, text] of probes) assert.equal(validateSlot(slot, text, lang, { deployment: 'data-center', now }).ok, false, `${slot}/${lang}`);
    }
  });

  it('the finders return lists (or nothing) on every text', () => {
    for (const [name, text] of texts) {
      assert.ok(Array.isArray(findEmails(text)), name);
      assert.ok(Array.isArray(findSens(text, { allowBare: true })), name);
      assert.ok(findSiteUrl(text) === undefined || findSiteUrl(text)!.startsWith('https://'), name);
      assert.equal(typeof normalizeInput(text), 'string', name);
      for (const lang of LANGS) {
        assert.ok(Array.isArray(findUserCounts(text, lang)), `${name}/${lang}`);
        const date = findDate(text, lang, now);
        assert.ok(date === undefined || /^\d{4}-\d{2}-\d{2}$/.test(date), `${name}/${lang}`);
      }
      const amount = usdAmount(text);
      assert.ok(amount === undefined || Number.isFinite(amount), name);
    }
  });

  it('prefill and quote intent read every text', () => {
    for (const lang of LANGS) {
      for (const [name, text] of texts) {
        const extracted = extractQuoteSlots(text, lang, { now });
        assert.equal(typeof extracted.slots, 'object', `${name}/${lang}`);
        assert.equal(typeof detectQuoteIntent(text, lang), 'object', `${name}/${lang}`);
      }
    }
  });

  it('language, question and command detection read every text', () => {
    for (const [name, text] of texts) {
      const detected = detector.detect(text);
      assert.ok(detected === undefined || LANGS.includes(detected.lang), name);
      assert.equal(typeof looksLikeQuestion(text), 'boolean', name);
      assert.equal(typeof carriesRequestData(text), 'boolean', name);
      const command = intents.match(text);
      assert.ok(command === undefined || typeof command.intent === 'string', name);
    }
  });

  it('masking still finds an email and a SEN after a long run that almost is one', () => {
    for (const [name, text] of texts) {
      const masked = maskPersonalData(`${text} jean.dupont@exemple.fr SEN-L1234567`);
      assert.ok(masked.endsWith('[email] [SEN]'), name);
      assert.ok(!redact(`${text} jean.dupont@exemple.fr`).includes('jean.dupont'), name);
    }
  });
});
