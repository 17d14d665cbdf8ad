import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn } from '../../dialogs/quote/interpret/formTurn.js';
import { draftItems, editionsPerProduct, pairedSens, sensPerProduct } from '../../dialogs/quote/orderItems.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft } from '../../dialogs/quote/quoteDraft.js';
import { isPlausiblePersonName } from '../../dialogs/validators/plausible.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * Order lines of several products. Two products, two editions: "Jira Premium and Bitbucket Standard" is one order with two
 * editions, not one edition for both (a tester's renewal was filed with Bitbucket in Premium).
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');

describe('editions per product', () => {
  const opened: Array<[string, Record<string, string>]> = [
    ['Jira Premium and Bitbucket Standard, 120 users', { jira: 'premium', bitbucket: 'standard' }],
    ['Jira en Premium et Confluence en Standard pour 50 utilisateurs', { jira: 'premium', confluence: 'standard' }],
    ['Jira 高级版，Confluence 标准版，100个用户', { jira: 'premium', confluence: 'standard' }],
    ['Jira Premium 和 Bitbucket Standard', { jira: 'premium', bitbucket: 'standard' }],
    // One edition for all is the request's edition.
    ['Jira et Confluence en Premium', {}],
    ['Jira and Confluence, both Standard', {}],
    ['Jira Premium', {}],
  ];
  for (const [text, expected] of opened) {
    it(`reads "${text}"`, () => assert.deepEqual(editionsPerProduct(text, 'cloud'), expected));
  }

  const renewal = toDraft({
    kind: 'cloud-renewal',
    slots: { siteUrl: 'https://panda.atlassian.net', product: ['jira', 'bitbucket'], tier: 100, edition: 'standard' },
    answered: ['siteUrl', 'product', 'tier', 'edition'],
  });
  const corrections: Array<[Lang, string]> = [
    ['zh', 'Jira是高级版（Premium），不是标准版'],
    ['fr', "non, Jira c'est en Premium, pas en Standard"],
    ['en', 'actually Jira should be Premium, not Standard'],
  ];
  for (const [lang, text] of corrections) {
    it(`${lang}: an edition said of one of two products changes that product only, at a name prompt too`, () => {
      for (const asked of ['confirm', 'authorizedContactName'] as const) {
        const reading = interpretFormTurn({ draft: renewal, asked, text, lang, now, lexicon });
        assert.ok(reading.type === 'correction' || reading.type === 'answer', `${asked}: ${reading.type}`);
        if (reading.type !== 'correction' && reading.type !== 'answer') return;
        assert.deepEqual(reading.draft.itemEditions, { jira: 'premium' }, asked);
        assert.equal(reading.slots.edition, undefined, `${asked}: the request's edition is not touched`);
        assert.equal(reading.slots.authorizedContactName, undefined, `${asked}: no name made of the correction`);
        assert.deepEqual(reading.changes.map((c) => [c.slot, c.product, c.from, c.to]), [['edition', 'jira', 'standard', 'premium']]);
      }
    });
  }

  it('one edition said for all products replaces the per-product ones', () => {
    const split = { ...renewal, itemEditions: { jira: 'premium' } };
    const reading = interpretFormTurn({ draft: split, asked: 'confirm', text: 'en fait tout en Enterprise', lang: 'fr', now, lexicon });
    assert.equal(reading.type, 'correction');
    if (reading.type !== 'correction') return;
    assert.equal(reading.slots.edition, 'enterprise');
    assert.deepEqual(reading.draft.itemEditions, {});
  });

  it('each order line carries its own edition, else the request\'s', () => {
    const draft = { ...renewal, itemEditions: { jira: 'premium' } };
    assert.deepEqual(draftItems(draft).map((i) => [i.product, i.edition]), [['jira', 'premium'], ['bitbucket', 'standard']]);
  });

  it('a product name with an edition word is never a person\'s name', () => {
    for (const text of ['Jira是高级版', 'Confluence标准版', 'Jira Premium']) assert.equal(isPlausiblePersonName(text, 'zh'), false, text);
    for (const text of ['王芳', 'Jean-Marc Dubois']) assert.equal(isPlausiblePersonName(text, 'fr'), true, text);
  });
});

describe('a SEN per product', () => {
  const pairs: Array<[string, Record<string, string>]> = [
    ["le SEN de Confluence c'est SEN-L3301988, l'autre c'est celui de Jira", { confluence: 'SEN-L3301988' }],
    ['Jira SEN-L5512340 和 Confluence SEN-L5512341', { jira: 'SEN-L5512340', confluence: 'SEN-L5512341' }],
    ['SEN-L1111111 for Jira, SEN-L2222222 for Bitbucket', { jira: 'SEN-L1111111', bitbucket: 'SEN-L2222222' }],
    // Two SENs and two products in one clause say nothing about which is which.
    ['Jira Confluence SEN-L1111111 SEN-L2222222', {}],
  ];
  for (const [text, expected] of pairs) it(`pairs "${text}"`, () => assert.deepEqual(sensPerProduct(text), expected));

  const renewal = toDraft({
    kind: 'dc-renewal',
    slots: { sen: ['SEN-L3301987'], product: ['jira', 'confluence'], technicalContactEmail: 'it@acme.fr', endUserName: 'Marc Blanc', endUserEmail: 'marc@acme.fr', resellerName: 'Sophie Bernard', resellerEmail: 'sophie@numeria.fr' },
    answered: ['sen', 'product', 'technicalContactEmail', 'endUserName', 'endUserEmail', 'resellerName', 'resellerEmail'],
  });
  const added: Array<[Lang, string]> = [
    ['fr', "ah et le SEN de Confluence c'est SEN-L3301988, l'autre c'est celui de Jira"],
    ['zh', 'Confluence的SEN是SEN-L3301988'],
    ['en', 'oh and the Confluence SEN is SEN-L3301988'],
  ];
  for (const [lang, text] of added) {
    it(`${lang}: another product's SEN is added, at the summary and at another prompt`, () => {
      for (const asked of ['confirm', 'resellerEmail'] as const) {
        const reading = interpretFormTurn({ draft: renewal, asked, text, lang, now, lexicon });
        assert.equal(reading.type, 'correction', asked);
        if (reading.type !== 'correction') return;
        assert.deepEqual(reading.slots.sen, ['SEN-L3301987', 'SEN-L3301988'], asked);
        assert.deepEqual(reading.changes.map((c) => c.to), [['SEN-L3301988']], `${asked}: said as an addition`);
        const after = { ...renewal, slots: { ...renewal.slots, ...reading.slots }, ...reading.draft };
        assert.deepEqual(pairedSens(after), { confluence: 'SEN-L3301988', jira: 'SEN-L3301987' }, 'the other one by elimination');
      }
    });
  }

  it('a SEN said wrong is still replaced', () => {
    const reading = interpretFormTurn({ draft: renewal, asked: 'confirm', text: 'le SEN est faux, c\'est SEN-L3301999', lang: 'fr', now, lexicon });
    assert.equal(reading.type, 'correction');
    assert.deepEqual(reading.type === 'correction' && reading.slots.sen, ['SEN-L3301999']);
  });
});
