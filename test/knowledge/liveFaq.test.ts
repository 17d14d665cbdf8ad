import assert from 'node:assert/strict';
import type { FaqDecision, FaqEngine } from '../../knowledge/faq.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import { learnClarifyAnswerAt, type KbOverlay } from '../../knowledge/faqOverlay.js';
import { buildWithOverlay, LiveFaqEngine } from '../../knowledge/liveFaq.js';
import type { Lang } from '../../knowledge/lang.js';
import { LearnedCorpus, LearnedExamples } from '../../knowledge/learnedExamples.js';
import { TextAnalyzer } from '../../knowledge/search/analyzer.js';

/** An engine that decides from a table (text → decision), the shipped entries behind it. */
function tableEngine(table: Record<string, FaqDecision>): FaqEngine {
  const shipped = defaultFaqEngine();
  return {
    decide: (text: string, _lang: Lang) => table[text] ?? ({ kind: 'none', candidates: [], confidence: 0 } as FaqDecision),
    decideFollowUp: (text: string) => table[text] ?? ({ kind: 'none', candidates: [], confidence: 0 } as FaqDecision),
    entry: (id) => shipped.entry(id),
    entries: () => shipped.entries(),
    search: () => [],
  } as FaqEngine;
}
const clarify = (top: string, score: number, second = 'discounts'): FaqDecision =>
  ({ kind: 'clarify', candidates: [{ id: top, score }, { id: second, score: score - 0.05 }], confidence: score }) as FaqDecision;
const answer = (id: string, score = 0.9): FaqDecision => ({ kind: 'answer', id, candidates: [{ id, score }], confidence: score }) as FaqDecision;

describe('knowledge/liveFaq LiveFaqEngine', () => {
  it('settles a "did you mean" of the shipped engine when the rebuilt one answers its first topic; never takes another topic from it', async () => {
    const shipped = tableEngine({ settled: clarify('pricing', 0.5), switched: clarify('pricing', 0.5) });
    const rebuilt = tableEngine({ settled: answer('pricing'), switched: answer('discounts') });
    const live = new LiveFaqEngine(() => rebuilt, () => shipped);
    assert.equal(live.decide('settled', 'en').kind, 'clarify');
    const applying = live.apply({ examples: [{ topic: 'pricing', lang: 'fr', text: 'autre' }], outOfScope: [] }, 1);
    assert.equal(live.decide('settled', 'en').kind, 'clarify', 'the old engine answers while the new one is built');
    await applying;
    assert.equal(live.version, 1);
    assert.deepEqual(live.decide('settled', 'en'), answer('pricing'));
    assert.equal(live.decide('switched', 'en').kind, 'clarify');
  });

  it('decides an author-decided wording that way, whatever its case and punctuation; a later overlay without it forgets it', async () => {
    const shipped = tableEngine({});
    const live = new LiveFaqEngine(() => shipped, () => shipped);
    await live.apply({ examples: [{ topic: 'pay-invoice', lang: 'fr', text: 'Facture pro forma ?' }], outOfScope: [{ lang: 'fr', text: 'vous recrutez ?' }] }, 1);
    const d = live.decide('  facture PRO FORMA  ', 'fr');
    assert.equal(d.kind, 'answer');
    assert.equal((d as { id: string }).id, 'pay-invoice');
    // Typed in an English conversation it is no longer that wording (remembered per language), but
    // still the same question: the learned examples decide it.
    assert.equal((live.decide('facture pro forma ?', 'en') as { id?: string }).id, 'pay-invoice');
    await live.apply({ examples: [], outOfScope: [] }, 2);
    assert.equal(live.decide('Facture pro forma ?', 'fr').kind, 'none');
  });

  it('keeps an answer of the shipped knowledge base that the rebuilt engine would lose; an out-of-scope wording still declines', async () => {
    const shipped = tableEngine({ kept: answer('tax-vat'), decided: answer('tax-vat') });
    const rebuilt = tableEngine({ kept: clarify('tax-vat', 0.5), decided: clarify('tax-vat', 0.5) });
    const live = new LiveFaqEngine(() => rebuilt, () => shipped);
    await live.apply({ examples: [{ topic: 'pricing', lang: 'en', text: 'x' }], outOfScope: [{ lang: 'en', text: 'decided' }] }, 1);
    assert.deepEqual(live.decide('kept', 'en'), answer('tax-vat'));
    assert.equal(live.decide('decided', 'en').kind, 'none');
  });

  it('answers a "did you mean" from the learned strength on, with its first topic', async () => {
    const shipped = tableEngine({ sure: clarify('discounts', 0.7, 'pricing'), unsure: clarify('discounts', 0.5, 'pricing') });
    const live = new LiveFaqEngine(() => shipped, () => shipped);
    const overlay: KbOverlay = { examples: [], outOfScope: [], clarifyAnswerAt: 0.62 };
    await live.apply(overlay, 1);
    const sure = live.decide('sure', 'fr');
    assert.deepEqual([sure.kind, (sure as { id?: string }).id, sure.candidates.map((c) => c.id)], ['answer', 'discounts', ['discounts', 'pricing']]);
    assert.equal(live.decide('unsure', 'fr').kind, 'clarify');
  });

  it('keeps asking between two topics the reviews show people mixing up, however sure the "did you mean" is', async () => {
    const third = { kind: 'clarify', candidates: [{ id: 'discounts', score: 0.9 }, { id: 'tax-vat', score: 0.8 }, { id: 'pricing', score: 0.7 }], confidence: 0.9 } as FaqDecision;
    const shipped = tableEngine({ mixed: clarify('discounts', 0.9, 'pricing'), apart: clarify('discounts', 0.9, 'tax-vat'), third });
    // Nor does the rebuilt engine (shipped topics plus the authors' examples) settle it.
    const rebuilt = tableEngine({ mixed: answer('discounts') });
    const live = new LiveFaqEngine(() => rebuilt, () => shipped);
    const examples = [{ topic: 'discounts', lang: 'en' as const, text: 'any deal for schools' }];
    await live.apply({ examples, outOfScope: [], clarifyAnswerAt: 0.62, confusedPairs: [['discounts', 'pricing']] }, 1);
    assert.equal(live.decide('mixed', 'en').kind, 'clarify');
    assert.equal((live.decide('apart', 'en') as { id?: string }).id, 'discounts');
    // A third offer trails the two leading topics: it does not make them a mix-up.
    assert.equal((live.decide('third', 'en') as { id?: string }).id, 'discounts');
    // The pair is a pair either way round, and a later overlay without it forgets it.
    await live.apply({ examples, outOfScope: [], clarifyAnswerAt: 0.62, confusedPairs: [['tax-vat', 'discounts']] }, 2);
    assert.equal(live.decide('apart', 'en').kind, 'clarify');
    assert.equal((live.decide('mixed', 'en') as { id?: string }).id, 'discounts');
  });

  it('takes the rebuilt engine\'s "did you mean" when it is surer and ranks first a topic the shipped one offered', async () => {
    const shipped = tableEngine({ surer: clarify('pricing', 0.5, 'discounts'), elsewhere: clarify('pricing', 0.5, 'discounts'), weaker: clarify('pricing', 0.5, 'discounts') });
    const rebuilt = tableEngine({ surer: clarify('discounts', 0.7, 'pricing'), elsewhere: clarify('tax-vat', 0.9, 'pricing'), weaker: clarify('discounts', 0.45, 'pricing') });
    const live = new LiveFaqEngine(() => rebuilt, () => shipped);
    await live.apply({ examples: [{ topic: 'discounts', lang: 'en', text: 'any deal for schools' }], outOfScope: [], clarifyAnswerAt: 0.62 }, 1);
    assert.equal((live.decide('surer', 'en') as { id?: string }).id, 'discounts');
    assert.equal(live.decide('elsewhere', 'en').kind, 'clarify', 'a topic the shipped engine did not offer');
    assert.equal(live.decide('weaker', 'en').kind, 'clarify');
  });

  it('merges overlays applied during a build: only the latest version is built next', async () => {
    let builds = 0;
    const shipped = tableEngine({});
    const live = new LiveFaqEngine(() => (builds++, shipped), () => shipped);
    const overlay = (v: number): KbOverlay => ({ examples: [{ topic: 'pricing', lang: 'en', text: `v${v}` }], outOfScope: [] });
    void live.apply(overlay(1), 1);
    void live.apply(overlay(2), 2);
    await live.apply(overlay(3), 3);
    assert.equal(live.version, 3);
    assert.equal(builds, 1);
  });

  it('builds the real engine from the shipped topics plus the overlay', () => {
    const engine = buildWithOverlay({ examples: [{ topic: 'pay-invoice', lang: 'en', text: 'zorblax invoice wibble' }], outOfScope: [] });
    assert.ok(engine.entry('pay-invoice')!.en.questions.includes('zorblax invoice wibble'));
    assert.ok(!defaultFaqEngine().entry('pay-invoice')!.en.questions.includes('zorblax invoice wibble'));
  });
});

describe('knowledge/liveFaq learned examples: a question an author decided on, asked in other words', function () {
  this.timeout(30_000);
  const shipped = defaultFaqEngine();
  const live = new LiveFaqEngine();
  const kindOf = (d: FaqDecision) => (d.kind === 'answer' ? `answer:${d.id}` : d.kind);
  before(() =>
    live.apply(
      {
        examples: [
          { topic: 'pay-invoice', lang: 'fr', text: 'vous faites des factures pro forma ?' },
          { topic: 'pay-invoice', lang: 'zh', text: '可以开形式发票吗' },
        ],
        outOfScope: [{ lang: 'en', text: 'is your office closed on bank holidays?' }],
      },
      1,
    ),
  );

  it('answers the accepted wording and a near paraphrase of it, which the shipped knowledge base does not answer', () => {
    assert.equal(kindOf(live.decide('Vous faites des factures pro forma ?', 'fr')), 'answer:pay-invoice');
    for (const [text, lang] of [['vous pouvez faire une facture pro forma ?', 'fr'], ['你们能开形式发票吗', 'zh']] as const) {
      assert.notEqual(kindOf(shipped.decide(text, lang)), 'answer:pay-invoice', `the shipped engine alone does not answer "${text}"`);
      assert.equal(kindOf(live.decide(text, lang)), 'answer:pay-invoice', text);
    }
  });

  it('declines a near paraphrase of a question marked out of scope', () => {
    // ("…closed on public holidays?" is now declined by the shipped engine alone.)
    const text = 'is your office shut on public holidays?';
    assert.notEqual(shipped.decide(text, 'en').kind, 'none', 'the shipped engine alone does not decline it');
    assert.equal(live.decide(text, 'en').kind, 'none');
  });

  it('leaves unrelated questions, even ones sharing a word, to the shipped knowledge base', () => {
    for (const [text, lang] of [
      ['comment payer une facture ?', 'fr'],
      ['vous faites des remises pour les associations ?', 'fr'],
      ['where can I download my invoice?', 'en'],
      ['发票怎么付款', 'zh'],
      ['is the office of the reseller program in Sydney?', 'en'],
    ] as const) {
      assert.deepEqual(live.decide(text, lang), shipped.decide(text, lang), text);
    }
    const learned = live.learned!;
    assert.equal(learned.examples, 3);
    assert.ok(learned.threshold >= 0.5, `threshold ${learned.threshold}`);
  });
});

describe('knowledge/learnedExamples calibration', function () {
  this.timeout(30_000);
  const analyzer = new TextAnalyzer();

  it('raises the threshold above a question of another topic that comes close to a learned one', async () => {
    const near = { lang: 'en' as const, text: 'can you send the invoice as a pro forma in euros', topic: 'tax-vat' };
    const corpus = await LearnedCorpus.build(analyzer, [near, { lang: 'en', text: 'what is the refund policy', topic: 'refund-policy' }]);
    const index = new LearnedExamples([{ topic: 'pay-invoice', lang: 'en', text: 'can you send the invoice as a pro forma in dollars' }], corpus);
    const { threshold, right, wrong } = await index.calibrate();
    const [closest] = index.nearest(near.text, near.lang);
    assert.ok(closest && closest.similarity >= 0.5 && threshold > closest.similarity, `threshold ${threshold}, probe ${closest?.similarity}`);
    assert.deepEqual([right, wrong], [0, 0]);
    assert.equal(index.match(near.text, near.lang), undefined);
    assert.equal(index.match('can you send the invoice as a pro forma in dollars?', 'en')?.example.topic, 'pay-invoice');
  });

  it('captures down to the floor when the questions that come close have the learned topic', async () => {
    const corpus = await LearnedCorpus.build(analyzer, [{ lang: 'en', text: 'can we get a pro forma invoice before paying', topic: 'pay-invoice' }]);
    const index = new LearnedExamples([{ topic: 'pay-invoice', lang: 'en', text: 'do you issue a pro forma invoice before we pay' }], corpus);
    const calibration = await index.calibrate();
    assert.deepEqual(calibration, { threshold: 0.5, right: 1, wrong: 0 });
  });
});

describe('knowledge/faqOverlay learnClarifyAnswerAt', () => {
  const samples = (list: Array<[number, boolean]>) => list.map(([strength, right]) => ({ strength, right }));

  it('finds the strength above which the first candidate was right often enough (a wrong answer costs two)', () => {
    const reviewed = samples([[0.95, true], [0.9, true], [0.85, true], [0.8, true], [0.7, false], [0.65, true], [0.6, true], [0.5, false], [0.4, false], [0.3, true], [0.2, false]]);
    assert.equal(learnClarifyAnswerAt(reviewed), 0.8, '0.8 gains 4; going down to 0.6 gains 6 − 2 = 4 too, no better');
  });

  it('learns nothing from too few reviews, or when the first candidate is not reliable', () => {
    assert.equal(learnClarifyAnswerAt(samples([[0.9, true], [0.8, true], [0.7, true]])), undefined);
    assert.equal(learnClarifyAnswerAt(samples([[0.9, false], [0.8, true], [0.7, false], [0.6, true], [0.5, false], [0.4, true], [0.3, false], [0.2, true]])), undefined);
  });
});
