import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnowledgeRecord, TurnRecord } from '../../backend/insights/insightRecord.js';
import { kbPatch } from '../../backend/insights/kbPatch.js';
import { effectiveOverlay, type OverlayChange } from '../../backend/insights/overlay.js';
import { reviewQueue } from '../../backend/insights/review.js';
import { fromRoot } from '../../bot/paths.js';
import { layerOverlay } from '../../knowledge/faqOverlay.js';
import { loadFaqEntries, loadOutOfScopeExamples, type FaqDecision } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';

let n = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();
const asked = (text: string, lang: Lang, decision: 'clarify' | 'none' | 'answer', extra: Partial<TurnRecord> = {}): TurnRecord => ({
  id: `q${n++}`, kind: 'turn', at: at(n), conversation: `c${n}`, channel: 'webchat', lang, text,
  faq: { decision, candidates: [{ id: 'pricing', score: 0.4 }, { id: 'discounts', score: 0.35 }], via: 'engine', ...(decision === 'answer' ? { answered: 'pricing' } : {}) },
  ...extra,
});
const pick = (of: TurnRecord, topic: string): TurnRecord => ({ id: `p${n++}`, kind: 'turn', at: at(n), conversation: of.conversation, channel: 'webchat', lang: of.lang, pick: { topic, clarify: of.id } });
/** An engine that always bets on one topic: the suggestions under test come from the records. */
const engine = (topic = 'pricing') => ({
  decide: (): FaqDecision => ({ kind: 'clarify', candidates: [{ id: topic, score: 0.5 }, { id: 'discounts', score: 0.45 }], confidence: 0.5 }) as FaqDecision,
});

const change = (version: number, fields: Partial<OverlayChange>): OverlayChange => ({ version, at: at(version), author: 'Camille', action: 'accept', questions: [], ...fields });
const q = (record: string, text: string, lang: Lang = 'fr') => ({ record, text, lang });

describe('backend/insights review queue', () => {
  it('groups near-duplicates per language and keeps different questions apart', () => {
    const records = [
      asked('vous faites des factures pro forma ?', 'fr', 'none'),
      asked('Vous faites des factures proforma svp ?', 'fr', 'clarify'),
      asked('une facture pro forma svp', 'fr', 'none'),
      asked('vous recrutez des stagiaires cet été ?', 'fr', 'none'),
      asked('can you send a pro forma invoice first?', 'en', 'none'),
    ];
    const clusters = reviewQueue(records, new Set(), engine());
    const texts = clusters.map((c) => c.questions.map((x) => x.text).sort());
    assert.deepEqual(texts[0], ['une facture pro forma svp', 'Vous faites des factures proforma svp ?', 'vous faites des factures pro forma ?'].sort());
    assert.equal(clusters.length, 3);
    assert.ok(clusters.every((c) => c.langs.length === 1), 'the engine alone does not join languages');
  });

  it("suggests the users' clarify choices first, then what advocates used or found, then the engine", () => {
    const byUsers = asked('remise mairie ?', 'fr', 'clarify');
    const byAdvocate = asked('rabais pour une collectivité ?', 'fr', 'none');
    const byEngine = asked('tarif association ?', 'fr', 'none');
    const search: KnowledgeRecord = {
      id: 'k1', kind: 'kbSearch', at: at(90), conversation: byAdvocate.conversation, channel: 'webchat', lang: 'fr', ticket: 't', advocate: 'Camille', results: ['academic-pricing'], used: 'discounts',
    };
    const clusters = reviewQueue([byUsers, pick(byUsers, 'discounts'), byAdvocate, search, byEngine], new Set(), engine('reseller-discount'));
    const of = (id: string) => clusters.find((c) => c.questions.some((x) => x.id === id))!.suggestion;
    assert.deepEqual(of(byUsers.id), { topic: 'discounts', source: 'users', votes: 1 });
    assert.deepEqual(of(byAdvocate.id), { topic: 'discounts', source: 'advocates', votes: 2 });
    assert.deepEqual(of(byEngine.id), { topic: 'reseller-discount', source: 'engine', votes: 1 });
    assert.equal(clusters.find((c) => c.questions.some((x) => x.id === byUsers.id))!.questions[0]!.picked, 'discounts');
  });

  it('one cluster across languages when people point to the same topic', () => {
    const fr = asked('facture pro forma possible ?', 'fr', 'clarify');
    const zh = asked('可以开形式发票吗', 'zh', 'clarify');
    const en = asked('is the office closed on bank holidays', 'en', 'none');
    const clusters = reviewQueue([fr, pick(fr, 'pay-invoice'), zh, pick(zh, 'pay-invoice'), en], new Set(), engine());
    const merged = clusters.find((c) => c.langs.length > 1)!;
    assert.deepEqual(merged.langs.sort(), ['fr', 'zh']);
    assert.deepEqual(merged.suggestion, { topic: 'pay-invoice', source: 'users', votes: 2 });
    assert.equal(clusters.length, 2);
  });

  it('leaves out answered questions and decided ones; a 👎 brings an answer in, suggesting another topic than the one voted down', () => {
    const answered = asked('prix de Jira ?', 'fr', 'answer');
    const voted = asked('prix de Confluence pour 10 000 utilisateurs ?', 'fr', 'answer');
    const decided = asked('remise mairie ?', 'fr', 'none');
    const vote: TurnRecord = { id: 'v', kind: 'turn', at: at(99), conversation: voted.conversation, channel: 'webchat', lang: 'fr', vote: { topic: 'pricing', vote: 'down', answer: voted.id } };
    const clusters = reviewQueue([answered, voted, vote, decided], new Set([decided.id]), engine('pricing'));
    assert.equal(clusters.length, 1);
    assert.deepEqual(clusters[0]!.questions.map((x) => [x.id, x.reason, x.answered]), [[voted.id, 'downvoted', 'pricing']]);
    assert.equal(clusters[0]!.suggestion!.topic, 'discounts');
  });

  it('an answer the bot was not sure of comes in too, suggesting the topic it answered, for an author to confirm', () => {
    const sure = asked('prix de Jira ?', 'fr', 'answer');
    sure.faq!.confidence = 0.93;
    const unsure = asked('tarif de Bitbucket pour 40 personnes ?', 'fr', 'answer');
    unsure.faq!.confidence = 0.62;
    const clusters = reviewQueue([sure, unsure], new Set(), { decide: () => ({ kind: 'answer', id: 'pricing', candidates: [{ id: 'pricing', score: 0.6 }], confidence: 0.62 }) });
    assert.deepEqual(clusters.map((c) => c.questions.map((x) => [x.id, x.reason, x.answered])), [[[unsure.id, 'unsure', 'pricing']]]);
    assert.deepEqual(clusters[0]!.suggestion, { topic: 'pricing', source: 'engine', votes: 1 });
  });
});

describe('backend/insights overlay versions', () => {
  it('keeps every decision not undone; the later decision on a wording wins; ignore only leaves the queue', () => {
    const { overlay, reviewed, undoneBy, version } = effectiveOverlay([
      change(1, { action: 'accept', topic: 'pay-invoice', questions: [q('a', 'facture pro forma ?'), q('b', '形式发票', 'zh')] }),
      change(2, { action: 'outOfScope', questions: [q('c', 'vous recrutez ?')] }),
      change(3, { action: 'ignore', questions: [q('d', 'bonjour')] }),
      change(4, { action: 'reassign', topic: 'tax-vat', questions: [q('e', 'Facture  PRO FORMA ?')] }),
      change(5, { action: 'accept', topic: 'pricing', questions: [q('f', 'combien ?')] }),
      change(6, { action: 'undo', undoes: 5 }),
    ]);
    assert.equal(version, 6);
    assert.deepEqual(overlay.examples, [{ topic: 'pay-invoice', lang: 'zh', text: '形式发票' }, { topic: 'tax-vat', lang: 'fr', text: 'Facture  PRO FORMA ?' }]);
    assert.deepEqual(overlay.outOfScope, [{ lang: 'fr', text: 'vous recrutez ?' }]);
    assert.deepEqual([...reviewed].sort(), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(undoneBy.get(5), 6);
  });

  it('learns the topic pairs people mix up from what the bot ranked first and what the author decided, undone decisions left out', () => {
    const seen = (top: string, decision: 'answer' | 'clarify' | 'none' = 'clarify') => ({ decision, top, strength: 0.6 });
    const { overlay } = effectiveOverlay([
      change(1, { action: 'accept', topic: 'pricing', questions: [{ ...q('a', 'combien pour 10 sièges ?'), seen: seen('discounts') }, { ...q('b', 'prix ?'), seen: seen('pricing') }] }),
      change(2, { action: 'reassign', topic: 'tax-vat', questions: [{ ...q('c', 'TVA sur la facture ?'), seen: seen('pay-invoice', 'answer') }] }),
      change(3, { action: 'reassign', topic: 'discounts', questions: [{ ...q('d', 'remise pour 10 ?'), seen: seen('pricing') }] }),
      change(4, { action: 'outOfScope', questions: [{ ...q('e', 'vous recrutez ?'), seen: seen('reseller-program') }] }),
      change(5, { action: 'reassign', topic: 'refund-policy', questions: [{ ...q('f', 'rembourser ?'), seen: seen('cloud-renew-upgrade') }] }),
      change(6, { action: 'undo', undoes: 5 }),
    ]);
    // discounts/pricing twice (either order) is one pair; out of scope and the undone version add none.
    assert.deepEqual(overlay.confusedPairs, [['discounts', 'pricing'], ['pay-invoice', 'tax-vat']]);
    assert.equal(effectiveOverlay([change(1, { action: 'accept', topic: 'pricing', questions: [{ ...q('b', 'prix ?'), seen: seen('pricing') }] })]).overlay.confusedPairs, undefined);
  });

  it('layers examples over the shipped topics without changing them: no duplicate wording, no unknown topic', () => {
    const entries = loadFaqEntries();
    const existing = entries.find((e) => e.id === 'pricing')!.fr.questions[0]!;
    const before = entries.find((e) => e.id === 'pricing')!.fr.questions.length;
    const layered = layerOverlay(entries, loadOutOfScopeExamples(), {
      examples: [
        { topic: 'pricing', lang: 'fr', text: 'tarif pour 42 licornes ?' },
        { topic: 'pricing', lang: 'fr', text: `  ${existing.toUpperCase()} ` },
        { topic: 'no-such-topic', lang: 'fr', text: 'x' },
      ],
      outOfScope: [{ lang: 'en', text: 'is the office closed on bank holidays' }],
    });
    const pricing = layered.entries.find((e) => e.id === 'pricing')!;
    assert.equal(pricing.fr.questions.length, before + 1);
    assert.equal(pricing.fr.questions.at(-1), 'tarif pour 42 licornes ?');
    assert.equal(entries.find((e) => e.id === 'pricing')!.fr.questions.length, before, 'the base is untouched');
    assert.equal(layered.outOfScope.en!.at(-1), 'is the office closed on bank holidays');
  });
});

describe('backend/insights kbPatch', () => {
  it('writes a patch that git applies to knowledge/faq, after which the same overlay exports nothing', () => {
    const root = mkdtempSync(join(tmpdir(), 'ra-kbpatch-'));
    try {
      cpSync(fromRoot('knowledge', 'faq'), join(root, 'knowledge', 'faq'), { recursive: true });
      cpSync(fromRoot('knowledge', 'faq-data'), join(root, 'knowledge', 'faq-data'), { recursive: true });
      const overlay = {
        examples: [{ topic: 'pay-invoice', lang: 'fr' as const, text: 'vous faites des factures "pro forma" ?' }, { topic: 'pay-invoice', lang: 'zh' as const, text: '可以开形式发票吗' }],
        outOfScope: [{ lang: 'en' as const, text: 'is the office closed on bank holidays' }],
      };
      const patch = kbPatch(overlay, root);
      assert.match(patch, /^diff --git a\/knowledge\/faq\/pay-invoice\.json b\/knowledge\/faq\/pay-invoice\.json$/m);
      assert.match(patch, /^\+ +"vous faites des factures \\"pro forma\\" \?"/m);
      assert.match(patch, /^diff --git a\/knowledge\/faq-data\/out-of-scope\.json/m);
      writeFileSync(join(root, 'overlay.patch'), patch);
      execFileSync('git', ['apply', 'overlay.patch'], { cwd: root });
      const entry = JSON.parse(readFileSync(join(root, 'knowledge', 'faq', 'pay-invoice.json'), 'utf8'));
      assert.equal(entry.fr.questions.at(-1), 'vous faites des factures "pro forma" ?');
      assert.equal(entry.zh.questions.at(-1), '可以开形式发票吗');
      assert.equal(JSON.parse(readFileSync(join(root, 'knowledge', 'faq-data', 'out-of-scope.json'), 'utf8')).en.at(-1), 'is the office closed on bank holidays');
      assert.equal(kbPatch(overlay, root), '');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
