import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn, type FormReading } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft, type QuoteDraft } from '../../dialogs/quote/quoteDraft.js';
import type { Lang } from '../../knowledge/lang.js';
import { splitLanguageRequest } from '../../knowledge/language/languageRequest.js';
import type { SlotName } from '../../knowledge/quoteTypes.js';
import './warmUp.js';

/**
 * Defects a black-box tester found in real conversation, from tables, without a bot: a language
 * request with a value in the same message, lead-ins before a name, the tie between the field
 * asked and another one. The conversations themselves are in test/quote-dialogs/conversationTurns.test.ts.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-02T10:00:00Z');
const read = (draft: QuoteDraft, asked: SlotName, text: string, lang: Lang): FormReading => interpretFormTurn({ draft, asked, text, lang, now, lexicon });

const cloudNew = toDraft({ kind: 'cloud-new', slots: { product: ['jira'], tier: 50 }, answered: ['product', 'tier'] });
const cloudNewAtContact = toDraft({
  kind: 'cloud-new',
  slots: { product: ['jira'], tier: 50, resellerName: 'Hugo Lambert', resellerEmail: 'hugo@lambert-it.fr', billingAddress: '4 quai des Chartrons, 33000 Bordeaux' },
  answered: ['product', 'tier', 'resellerName', 'resellerEmail', 'billingAddress'],
});

describe('language request and a value in one message', () => {
  const cases: Array<[string, { lang: Lang; rest: string } | undefined]> = [
    ['can we continue in English? the contact is Li Na', { lang: 'en', rest: 'the contact is Li Na' }],
    ["on peut passer en français ? le contact c'est Marie Roux", { lang: 'fr', rest: "le contact c'est Marie Roux" }],
    ['用中文吧，联系人是王芳', { lang: 'zh', rest: '联系人是王芳' }],
    ['in English please. I need a quote for Jira Cloud', { lang: 'en', rest: 'I need a quote for Jira Cloud' }],
    ['Dr. Anne Weber, in English please', { lang: 'en', rest: 'Dr. Anne Weber' }],
    // The request alone, politeness included, leaves nothing to read.
    ['can we continue in English, please?', { lang: 'en', rest: '' }],
    ['on peut continuer en français svp ?', { lang: 'fr', rest: '' }],
    ['用中文吧，谢谢', { lang: 'zh', rest: '' }],
    ['Li Na', undefined],
    ['Marie Roux', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}" → ${JSON.stringify(expected)}`, () => assert.deepEqual(splitLanguageRequest(text), expected));
  }

  // What is left is read at the prompt like any answer: the contact's name, without its lead-in.
  const rests: Array<[Lang, string, string]> = [
    ['en', 'the contact is Li Na', 'Li Na'],
    ['fr', "le contact c'est Marie Roux", 'Marie Roux'],
    ['zh', '联系人是王芳', '王芳'],
  ];
  for (const [lang, rest, name] of rests) {
    it(`${lang}: "${rest}" at the contact's prompt is the contact's name`, () => {
      const reading = read(cloudNewAtContact, 'endUserName', rest, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      if (reading.type === 'answer') assert.equal(reading.slots.endUserName, name);
    });
  }
});

describe('lead-ins before a name, and the tie between fields', () => {
  const cases: Array<[Lang, QuoteDraft, SlotName, string, string]> = [
    ['fr', cloudNew, 'resellerName', "c'est : Jean Dupont", 'Jean Dupont'],
    ['fr', cloudNew, 'resellerName', 'le nom : Jean Dupont', 'Jean Dupont'],
    ['fr', cloudNewAtContact, 'endUserName', 'le nom : Jean Dupont', 'Jean Dupont'],
    ['en', cloudNew, 'resellerName', "I already told you, it's Jean Dupont", 'Jean Dupont'],
    ['en', cloudNewAtContact, 'endUserName', "I already told you, it's Jean Dupont", 'Jean Dupont'],
    ['zh', cloudNew, 'resellerName', '我说过了，是王芳', '王芳'],
    ['zh', cloudNewAtContact, 'endUserName', '我说过了，是王芳', '王芳'],
    ['en', cloudNew, 'resellerName', 'Dr. Anne Weber', 'Dr. Anne Weber'],
  ];
  for (const [lang, draft, asked, text, value] of cases) {
    it(`${lang} at ${asked}: "${text}" → ${value}`, () => {
      const reading = read(draft, asked, text, lang);
      assert.equal(reading.type, 'answer', JSON.stringify(reading));
      if (reading.type === 'answer') {
        assert.equal(reading.slots[asked], value);
        assert.deepEqual(reading.changes, [], 'no other field changed');
      }
    });
  }
});
