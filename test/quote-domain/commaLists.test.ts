import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { interpretFormTurn } from '../../dialogs/quote/interpret/formTurn.js';
import { quoteLexicon } from '../../dialogs/quote/quoteLexicon.js';
import { toDraft } from '../../dialogs/quote/quoteDraft.js';
import { extractQuoteSlots } from '../../dialogs/validators/index.js';
import type { Lang } from '../../knowledge/lang.js';
import './warmUp.js';

/**
 * "I'm Ann Lee, Acme Resell, ann@…": name, company and email as a comma list. Testers saw only
 * the name kept in seven conversations, and at a later prompt the email given to another person.
 */

const lexicon = quoteLexicon(createI18n());
const now = new Date('2026-12-03T10:00:00Z');

describe('the reseller as a comma list', () => {
  const openings: Array<[Lang, string, Record<string, string>]> = [
    ['en', "I need a DC renewal quote for Jira, SEN-L2223337. I'm Ann Lee, Acme Resell, ann@acmeresell.com", { resellerName: 'Ann Lee', resellerCompany: 'Acme Resell', resellerEmail: 'ann@acmeresell.com' }],
    ['fr', "Bonjour, moi c'est Julien Moreau, Sogetek, julien.moreau@sogetek.fr, je voudrais un devis de renouvellement Confluence Data Center", { resellerName: 'Julien Moreau', resellerCompany: 'Sogetek', resellerEmail: 'julien.moreau@sogetek.fr' }],
    ['zh', '你好，我叫陈静，深圳蓝海软件，chenjing@lanhai-soft.com，要续订 Jira 数据中心', { resellerName: '陈静', resellerCompany: '深圳蓝海软件', resellerEmail: 'chenjing@lanhai-soft.com' }],
  ];
  for (const [lang, text, expected] of openings) {
    it(`${lang}: the opening "${text.slice(0, 50)}…" keeps all three`, () => {
      const { slots } = extractQuoteSlots(text, lang, { now });
      for (const [slot, value] of Object.entries(expected)) assert.equal((slots as Record<string, unknown>)[slot], value, slot);
    });
  }

  it('a sentence after the name is no company', () => {
    const { slots } = extractQuoteSlots("I'm Ann Lee, we need a DC renewal for Jira, ann@acmeresell.com", 'en', { now });
    assert.equal(slots.resellerCompany, undefined);
  });

  it('zh at another prompt: the email goes with the reseller and the company', () => {
    const renewal = toDraft({ kind: 'dc-renewal', slots: { sen: ['SEN-L2223338'], product: ['jira'], technicalContactEmail: 'it@x.cn' }, answered: ['sen', 'product', 'technicalContactEmail'] });
    const reading = interpretFormTurn({ draft: renewal, asked: 'endUserName', text: '好吧。我叫陈静，深圳蓝海软件，chenjing@lanhai-soft.com', lang: 'zh', now, lexicon });
    assert.ok(reading.type === 'correction' || reading.type === 'answer', reading.type);
    if (reading.type !== 'correction' && reading.type !== 'answer') return;
    assert.equal(reading.slots.resellerEmail, 'chenjing@lanhai-soft.com');
    assert.equal(reading.slots.resellerCompany, '深圳蓝海软件');
    assert.equal(reading.slots.endUserEmail, undefined);
  });
});
