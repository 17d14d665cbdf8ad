import assert from 'node:assert/strict';
import { loadFaqEntries } from '../../knowledge/faq.js';
import { looksLikeFollowUp, splitQuestions } from '../../knowledge/faqQuestions.js';
import { otherLanguageOf } from '../../knowledge/language/otherLanguage.js';

describe('Reading a message: other languages, two questions, follow-ups', () => {
  it('names German, Spanish, Italian, Portuguese and Dutch messages', () => {
    const cases: Array<[string, string]> = [
      ['Wie kann ich eine Lizenz für meinen Kunden verlängern?', 'de'],
      ['Hola, ¿cómo puedo renovar la licencia de mi cliente?', 'es'],
      ['Come posso rinnovare la licenza del cliente?', 'it'],
      ['Olá, como posso renovar a licença do cliente? Obrigado', 'pt'],
      ['Hoe kan ik een licentie verlengen voor onze klant?', 'nl'],
    ];
    for (const [text, lang] of cases) assert.equal(otherLanguageOf(text), lang, text);
  });

  it('never takes one of our own French or English examples, or a Chinese one, for another language', () => {
    const flagged = loadFaqEntries().flatMap((e) => (['fr', 'en', 'zh'] as const).flatMap((l) => e[l].questions)).filter((q) => otherLanguageOf(q));
    assert.deepEqual(flagged, []);
    assert.equal(otherLanguageOf('Notre client est en Allemagne, quelle TVA pour une commande ?'), undefined);
    assert.equal(otherLanguageOf('Jira Data Center'), undefined);
  });

  it('splits two questions, and leaves one question whole', () => {
    assert.deepEqual(splitQuestions('Vous faites des remises ? Et on peut payer par virement ?'), ['Vous faites des remises ?', 'Et on peut payer par virement ?']);
    assert.deepEqual(splitQuestions('remises + virement'), ['remises', 'virement']);
    assert.deepEqual(splitQuestions('非营利组织有折扣吗？另外可以银行转账吗？'), ['非营利组织有折扣吗？', '另外可以银行转账吗？']);
    assert.deepEqual(splitQuestions('How do I renew a Data Center licence?'), ['How do I renew a Data Center licence?']);
    // Context sentences do not count as questions of their own.
    assert.equal(splitQuestions('We are a small MSP in Leeds. Do we need an approval to resell?').length, 1);
  });

  it('recognises short follow-ups only', () => {
    for (const text of ['et pour 12000 ?', 'and for cloud?', '那Cloud呢', 'what about Data Center?', 'et en cloud ?', '如果是Server呢？']) assert.ok(looksLikeFollowUp(text), text);
    for (const text of ['How do I renew a licence?', 'et quelle est la procédure complète pour renouveler une licence Data Center chez vous ?', '退款政策是什么']) assert.ok(!looksLikeFollowUp(text), text);
  });
});
