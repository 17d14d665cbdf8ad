import assert from 'node:assert/strict';
import { createI18n } from '../../bot/i18n.js';
import { detectQuoteRequest } from '../../dialogs/quote/quoteDetection.js';
import { detectStatusLookup } from '../../dialogs/quote/quoteStatusMiddleware.js';
import { LANGS } from '../../knowledge/lang.js';
import './support.js';

describe('Quote dialogs: which free text starts which request', () => {
  const i18n = createI18n();

  for (const lang of LANGS) {
    it(`every FAQ follow-up button starts its own kind (${lang})`, () => {
      const t = i18n.getFixedT(lang);
      for (const kind of ['cloud-new', 'cloud-existing', 'dc-new', 'dc-renewal', 'coterm']) {
        assert.equal(detectQuoteRequest(t(`faq:action.quote.${kind}`), lang)?.kind, kind, t(`faq:action.quote.${kind}`));
      }
    });
  }

  it('a question about how it works is left to the FAQ; a request with data is not', () => {
    assert.equal(detectQuoteRequest('How do I renew a Data Center license?', 'en'), undefined);
    assert.equal(detectQuoteRequest('Comment renouveler une licence Data Center ?', 'fr'), undefined);
    assert.equal(detectQuoteRequest('I need to renew SEN-L1234567', 'en')?.kind, 'dc-renewal');
  });

  it('a user count in a question about how things work is context; in a request for a quote it is data', () => {
    assert.equal(detectQuoteRequest('我们公司是一家位于上海的合作伙伴，最近有个客户想把Confluence从Server迁移到Data Center，大概有800个用户，他们问现在还能不能续订Server，请问怎么处理？', 'zh'), undefined);
    assert.equal(detectQuoteRequest('Our customer has 800 users on Jira Server, can they still renew it?', 'en'), undefined);
    assert.equal(detectQuoteRequest('Comment renouveler une licence Data Center de 500 utilisateurs ?', 'fr'), undefined);
    assert.equal(detectQuoteRequest('coment renouveler une licence jria data centre', 'fr'), undefined);
    // How-to words anywhere, or a question mark before the context, make it a question too.
    assert.equal(detectQuoteRequest('mon client Confluence DC passe de 250 à 500 utilisateurs, on fait comment', 'fr'), undefined);
    assert.equal(detectQuoteRequest('customer is going from 100 to 250 agents on JSM DC, what do I need', 'en'), undefined);
    assert.equal(detectQuoteRequest('客户的Jira DC要从500人扩到1000人 在表单上咋弄', 'zh'), undefined);
    assert.equal(detectQuoteRequest("l'upgrade de 500 à 1000 utilisateurs c'est possible ? on a deux licences DC", 'fr'), undefined);
    assert.ok(detectQuoteRequest('can I get a quote for 730 users?', 'en')?.slots?.tier);
    assert.equal(detectQuoteRequest('Pouvez-vous me préparer un devis de renouvellement Data Center pour 500 utilisateurs ?', 'fr')?.kind, 'dc-renewal');
    assert.equal(detectQuoteRequest('renouvellement Confluence DC 500 utilisateurs', 'fr')?.kind, 'dc-renewal');
  });

  it('keeps only the slots of the kind and prefills them', () => {
    const options = detectQuoteRequest('je voudrais un devis Confluence Data Center pour 2000 utilisateurs', 'fr');
    assert.equal(options?.kind, 'dc-new');
    assert.deepEqual(options?.slots, { product: ['confluence'], tier: 2000 });
    assert.deepEqual(detectQuoteRequest('我想要条款关联两个许可证', 'zh')?.slots, {}, 'no user tier on a co-term');
  });

  it('finds a status reference in any language and case', () => {
    assert.equal(detectStatusLookup('où en est qr-20261122-0042 ?'), 'QR-20261122-0042');
    assert.equal(detectStatusLookup('QR-20261122-0042 的状态'), 'QR-20261122-0042');
    assert.equal(detectStatusLookup('status of my quote'), undefined);
  });
});
