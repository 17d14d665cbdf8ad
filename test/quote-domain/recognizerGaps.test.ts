import assert from 'node:assert/strict';
import './warmUp.js';
import { booleanModel, dateModel, numberModel } from '../../dialogs/validators/recognizerModels.js';
import { findUserCounts } from '../../dialogs/validators/userCount.js';
import { findDate } from '../../dialogs/validators/targetDate.js';
import { validateSen } from '../../dialogs/validators/sen.js';
import { validateYesNo } from '../../dialogs/validators/yesNo.js';

/**
 * One test per gap measured in ../shared/notes/nlu-findings.md: first that the library still
 * has it (so we notice when an upgrade fixes it), then that our supplement covers it.
 */
const now = new Date('2026-11-22T10:00:00Z');
/** The library as the bot reads with it: the models of recognizerModels.ts (what the suite's functions build). */
const LANG: Record<string, 'en' | 'fr' | 'zh'> = { 'en-us': 'en', 'fr-fr': 'fr', 'zh-cn': 'zh' };
const Recognizers = {
  recognizeNumber: (text: string, culture: string) => numberModel(LANG[culture]!).parse(text),
  recognizeBoolean: (text: string, culture: string) => booleanModel(LANG[culture]!).parse(text),
  recognizeDateTime: (text: string, culture: string, _options: undefined, reference: Date) => dateModel(LANG[culture]!).parse(text, reference),
};
const raw = (text: string, culture: string) => Recognizers.recognizeNumber(text, culture).map((r) => Number((r.resolution as { value: string }).value));
const counts = (text: string, lang: 'en' | 'fr' | 'zh') => findUserCounts(text, lang).map((c) => c.value);

describe('recognizers-text 1.3.1 gaps and their supplements', () => {
  it('French "cinq cents" (library: 5) → 500', () => {
    assert.deepEqual(raw('cinq cents', 'fr-fr'), [5]);
    assert.deepEqual(counts('cinq cents utilisateurs', 'fr'), [500]);
  });

  it('French "deux mille cinq cents" (library: 2005) → 2500', () => {
    assert.deepEqual(raw('deux mille cinq cents', 'fr-fr'), [2005]);
    assert.deepEqual(counts('deux mille cinq cents', 'fr'), [2500]);
  });

  it('no-break and narrow no-break spaces as thousands separators → 2000', () => {
    assert.deepEqual(counts('2\u00a0000 utilisateurs', 'fr'), [2000]);
    assert.deepEqual(counts('2\u202f000 utilisateurs', 'fr'), [2000]);
  });

  it('French "2,000" (library: 2) → 2000 for a user count', () => {
    assert.deepEqual(raw('2,000', 'fr-fr'), [2]);
    assert.deepEqual(counts('2,000', 'fr'), [2000]);
  });

  it('SENs (library: negative numbers) are taken out before numbers', () => {
    assert.deepEqual(raw('SEN-12345678', 'zh-cn'), [-12345678]);
    assert.deepEqual(counts('SEN-12345678 2000用户', 'zh'), [2000]);
    assert.deepEqual(validateSen('SEN-12345678', 'zh'), { ok: true, value: ['SEN-12345678'] });
  });

  it('Chinese 不用/不需要/不要/没有 (library: nothing) → no; 嗯/对的 → yes', () => {
    for (const word of ['不用', '不需要', '不要', '没有']) {
      assert.equal(Recognizers.recognizeBoolean(word, 'zh-cn').length, 0, word);
      assert.deepEqual(validateYesNo(word, 'zh'), { ok: true, value: false }, word);
    }
    for (const word of ['嗯', '对的']) assert.deepEqual(validateYesNo(word, 'zh'), { ok: true, value: true }, word);
  });

  it('English "nah", "N" → no; "absolutely" → yes; French "ok", "absolument" → yes', () => {
    assert.equal(Recognizers.recognizeBoolean('nah', 'en-us').length, 0);
    assert.deepEqual(validateYesNo('nah', 'en'), { ok: true, value: false });
    assert.deepEqual(validateYesNo('N', 'en'), { ok: true, value: false });
    assert.deepEqual(validateYesNo('absolutely', 'en'), { ok: true, value: true });
    assert.deepEqual(validateYesNo('absolument', 'fr'), { ok: true, value: true });
    assert.deepEqual(validateYesNo('OK', 'fr'), { ok: true, value: true });
  });

  it('"1er janvier 2027" (library: not resolved) → 2027-01-01', () => {
    const [first] = Recognizers.recognizeDateTime('1er janvier 2027', 'fr-fr', undefined, now);
    assert.equal((first?.resolution as { values: { value: string }[] }).values[0]?.value, 'not resolved');
    assert.equal(findDate('1er janvier 2027', 'fr', now), '2027-01-01');
  });

  it('"fin juin" / "六月底" style month ends (library: the whole month) → last day', () => {
    assert.equal(findDate('fin juin 2027', 'fr', now), '2027-06-30');
    assert.equal(findDate('2027年6月底', 'zh', now), '2027-06-30');
    assert.equal(findDate('end of June 2027', 'en', now), '2027-06-30');
  });

  it('no "users" unit in the library: our unit words pick the user count in a sentence', () => {
    const found = findUserCounts('Jira pour 2027 : 750 utilisateurs', 'fr');
    assert.deepEqual(found.filter((c) => c.withUnit).map((c) => c.value), [750]);
    assert.ok(findUserCounts('六百人左右', 'zh')[0]?.withUnit);
  });
});

describe('gap: the email recognizer cuts unknown top-level domains', () => {
  it('keeps the whole address', async () => {
    const { findEmails } = await import('../../dialogs/validators/email.js');
    assert.deepEqual(findEmails('camille.martin@partner.example'), ['camille.martin@partner.example']);
    assert.deepEqual(findEmails('contact : li.wei@acme.example, merci'), ['li.wei@acme.example']);
  });
});
