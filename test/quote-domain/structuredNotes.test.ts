import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft } from '../../dialogs/quote/quoteDraft.js';
import { notesOf, summaryFacts } from '../../dialogs/quote/summaryCard.js';
import type { Lang } from '../../knowledge/lang.js';
import { extractQuoteSlots } from '../../dialogs/validators/index.js';
import { currentEndDates } from '../../dialogs/validators/openingFacts.js';
import './warmUp.js';

/**
 * The notes keep the bot's own facts (what the opening gave that no field holds, the current tier,
 * each co-term licence's current end) apart from the user's remarks (QA9 Q9-3, Q9-10, Q9-14): a
 * co-term licence's current end is corrected in its fact and never in the target date; editing
 * the notes keeps the facts; the facts are worded in the language the summary is shown in.
 */

const i18n = createI18n();
const lexicon = quoteLexicon(i18n);
const now = new Date('2026-12-03T10:00:00Z');

const coterm = toDraft({
  kind: 'coterm',
  slots: { sen: ['SEN-L6120034', 'SEN-L6120071'], targetDate: '2027-11-30', resellerName: 'Noor Haddad', resellerEmail: 'noor@cedarline.ae' },
  unheld: { product: ['jira', 'confluence'], endUserOrganization: 'Fjordline Shipping' },
  facts: [
    { key: 'quoteDialog:opening.currentEnd', params: { sen: 'SEN-L6120034', date: '2027-11-30' } },
    { key: 'quoteDialog:opening.currentEnd', params: { sen: 'SEN-L6120071', date: '2027-04-09' } },
  ],
});

describe("co-term: a licence's current end is corrected in its fact, the target date stays (Q9-3)", () => {
  const cases: Array<[Lang, string, string]> = [
    ['en', 'sorry, the Confluence one expires 9 May 2027, not April', 'SEN-L6120071'],
    ['fr', 'pardon, la licence Confluence expire le 09/05/2027, pas en avril', 'SEN-L6120071'],
    ['zh', '不好意思，Confluence那个是2027年5月9日到期，不是4月', 'SEN-L6120071'],
    ['en', 'correction: SEN-L6120071 actually ends on 9 May 2027', 'SEN-L6120071'],
  ];
  for (const [lang, text, sen] of cases) {
    it(`${lang}: "${text}"`, () => {
      const r = interpretFormTurn({ draft: coterm, asked: 'confirm', text, lang, now, lexicon });
      assert.equal(r.type, 'correction', JSON.stringify(r));
      if (r.type !== 'correction') return;
      assert.deepEqual(r.slots, {}, 'no slot changes: the target date stays');
      const fact = r.draft.facts?.find((f) => f.params?.sen === sen);
      assert.equal(fact?.params?.date, '2027-05-09');
      assert.equal(r.draft.facts?.find((f) => f.params?.sen === 'SEN-L6120034')?.params?.date, '2027-11-30', 'the other licence keeps its date');
    });
  }
  it('en: the target named is still the target ("align everything to 31 December 2027")', () => {
    const r = interpretFormTurn({ draft: coterm, asked: 'confirm', text: 'actually align everything to 31 December 2027', lang: 'en', now, lexicon });
    assert.equal(r.type, 'correction');
    if (r.type === 'correction') assert.equal(r.slots.targetDate, '2027-12-31');
  });
});

describe('notes: the bot facts apart from the remarks, worded in the current language (Q9-10, Q9-14)', () => {
  const upgrade = toDraft({
    kind: 'dc-upgrade',
    slots: { sen: ['SEN-L8830012'], product: ['jira'], tier: 2000, notes: 'client final : Verrerie Lambert' },
    facts: [{ key: 'quoteDialog:opening.currentTier', params: { count: 1000 } }],
  });
  it('the current tier and the remark both stay, worded per language', () => {
    assert.equal(notesOf(i18n.getFixedT('en'), 'en', upgrade), 'Current user tier: 1000 users; client final : Verrerie Lambert');
    assert.match(notesOf(i18n.getFixedT('fr'), 'fr', upgrade)!, /^Palier actuel : 1000 utilisateurs ; client final/u);
    assert.match(notesOf(i18n.getFixedT('zh'), 'zh', upgrade)!, /^当前用户等级：1000 个用户；/u);
  });
  it('answering the notes prompt replaces only the remark', () => {
    const r = interpretFormTurn({ draft: upgrade, asked: 'notes', text: 'PO à joindre', lang: 'fr', now, lexicon });
    assert.equal(r.type, 'answer');
    if (r.type !== 'answer') return;
    const after = { ...upgrade, slots: { ...upgrade.slots, ...r.slots } };
    assert.equal(notesOf(i18n.getFixedT('fr'), 'fr', after), 'Palier actuel : 1000 utilisateurs ; PO à joindre');
  });
  it('an end user of the opening who is the reseller is not listed as the end user', () => {
    const self = toDraft({ kind: 'coterm', slots: { resellerName: 'Noor Haddad', resellerEmail: 'noor@cedarline.ae' }, unheld: { endUserName: 'Noor Haddad', endUserEmail: 'noor@cedarline.ae', billingAddress: 'Fjordline Shipping, 4 Kaiveien, Bergen' } });
    const notes = notesOf(i18n.getFixedT('en'), 'en', self)!;
    assert.ok(!notes.includes('Noor'), notes);
    // A co-term holds no billing address: it stays in the notes (the customer's company is a co-term field since QA10).
    assert.ok(notes.includes('Fjordline Shipping'), notes);
  });
});

describe('summary lines: no request-wide tier beside a tier on every order line (Q9-14)', () => {
  const t = i18n.getFixedT('en');
  const two = toDraft({ kind: 'cloud-new', slots: { product: ['jira', 'confluence'], tier: 100, edition: 'standard' }, itemTiers: { jira: 50, confluence: 100 } });
  it('two products with their own tiers: no "User tier" line', () => {
    const values = summaryFacts(t, 'en', two).map((f) => f.value);
    assert.ok(!values.includes('100 users'), values.join(' | '));
    assert.match(summaryFacts(t, 'en', two).find((f) => f.title === t('quote:label.product'))!.value, /Jira \(50 users\), Confluence \(100 users\)/u);
  });
  it('one product: the tier line stays', () => {
    const one = toDraft({ kind: 'cloud-new', slots: { product: ['jira'], tier: 100 } });
    assert.ok(summaryFacts(t, 'en', one).some((f) => f.value === '100 users'));
  });
});

describe('co-term opening: "fin commune au …" is the target, not a current end (Q9-3)', () => {
  const cases: Array<[Lang, string]> = [
    ['fr', 'aligner Jira SEN-L3108842 et Confluence SEN-L3108867, fin commune au 30/09/2027'],
    ['en', 'co-term Jira SEN-L3108842 and Confluence SEN-L3108867, common end date 30 September 2027'],
    ['zh', '把 Jira SEN-L3108842 和 Confluence SEN-L3108867 合并，共同到期日2027年9月30日'],
  ];
  for (const [lang, text] of cases) {
    it(`${lang}: "${text}"`, () => {
      const x = extractQuoteSlots(text, lang, { now });
      assert.equal(x.slots.targetDate, '2027-09-30');
      assert.deepEqual(currentEndDates(text, lang, now), []);
    });
  }
});
