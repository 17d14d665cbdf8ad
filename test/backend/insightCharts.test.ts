import assert from 'node:assert/strict';
import { chartTable, summary, type Dataset, type QuoteFacts, type TicketFacts } from '../../backend/insights/charts.js';
import { dayIn, daysBetween, startOfDay } from '../../backend/insights/days.js';
import type { TurnRecord } from '../../backend/insights/insightRecord.js';

let n = 0;
const turn = (at: string, conversation: string, extra: Partial<TurnRecord> = {}): TurnRecord => ({
  id: `t${n++}`, kind: 'turn', at, conversation, channel: 'webchat', lang: 'fr', ...extra,
});
const asked = (decision: 'answer' | 'clarify' | 'none', answered?: string) => ({
  faq: { decision, candidates: [{ id: answered ?? 'pricing', score: 0.5 }], via: 'engine' as const, ...(answered ? { answered } : {}) },
  text: 'q',
});
const ticket = (t: Partial<TicketFacts> & Pick<TicketFacts, 'conversation' | 'createdAt' | 'status'>): TicketFacts => ({
  id: `k${n++}`, channel: 'webchat', lang: 'fr', reason: 'request', updatedAt: t.createdAt, ...t,
});

function dataset(): Dataset {
  const records = [
    turn('2026-03-01T09:00:00.000Z', 'c1', asked('answer', 'pricing')),
    turn('2026-03-01T09:01:00.000Z', 'c1', { vote: { topic: 'pricing', vote: 'down' } }),
    turn('2026-03-01T10:00:00.000Z', 'c2', { ...asked('clarify'), lang: 'en', channel: 'msteams' }),
    turn('2026-03-01T10:01:00.000Z', 'c2', { lang: 'en', channel: 'msteams', pick: { topic: 'tax-vat', clarify: 'x' }, faq: { decision: 'answer', candidates: [], answered: 'tax-vat', via: 'title' } }),
    turn('2026-03-02T08:00:00.000Z', 'c3', asked('none')),
    turn('2026-03-02T08:05:00.000Z', 'c3', { text: undefined }),
    turn('2026-03-02T09:00:00.000Z', 'c4', asked('answer', 'pricing')),
    turn('2026-03-02T09:02:00.000Z', 'c4', { vote: { topic: 'pricing', vote: 'up' } }),
  ];
  const tickets = [
    ticket({ conversation: 'c3', createdAt: '2026-03-02T08:06:00.000Z', acceptedAt: '2026-03-02T08:08:00.000Z', status: 'closed', endedAt: '2026-03-02T08:20:00.000Z', rating: 5 }),
    ticket({ conversation: 'c2', createdAt: '2026-03-01T10:05:00.000Z', status: 'abandoned', endedAt: '2026-03-01T10:06:00.000Z' }),
  ];
  const quotes: QuoteFacts[] = [
    { id: 'QR-20260301-0001', kind: 'cloud-new', status: 'submitted', channel: 'webchat', createdAt: '2026-03-01T09:30:00.000Z', conversation: 'c1' },
    { id: 'QR-20260302-0001', kind: 'cloud-new', status: 'quoted', channel: 'webchat', createdAt: '2026-03-02T07:00:00.000Z', conversation: 'c4' },
    { id: 'QR-20260302-0002', kind: 'dc-new', status: 'submitted', channel: 'msteams', createdAt: '2026-03-02T11:00:00.000Z' },
  ];
  return { records, tickets, quotes, days: ['2026-03-01', '2026-03-02'], dayOf: (iso) => iso.slice(0, 10), now: new Date('2026-03-03T00:00:00Z') };
}

describe('backend/insights charts', () => {
  it('questions and conversations per day, language and channel; a tapped button is not a question', () => {
    assert.deepEqual(chartTable('questions', dataset()).rows, [
      ['2026-03-01', 'en', 'msteams', 1, 1],
      ['2026-03-01', 'fr', 'webchat', 1, 1],
      ['2026-03-02', 'fr', 'webchat', 2, 2],
    ]);
  });

  it('answer, clarify and decline rates per day', () => {
    assert.deepEqual(chartTable('outcomes', dataset()).rows, [
      ['2026-03-01', 2, 1, 1, 0, 0.5, 0.5, 0],
      ['2026-03-02', 2, 1, 0, 1, 0.5, 0, 0.5],
    ]);
  });

  it('top topics count answers after a "did you mean" apart; votes per topic', () => {
    assert.deepEqual(chartTable('top-topics', dataset()).rows, [
      ['pricing', 2, 2, 0, 0, 0.667],
      ['tax-vat', 1, 0, 1, 0, 0.333],
    ]);
    assert.deepEqual(chartTable('votes', dataset()).rows, [['pricing', 1, 1, 0.5]]);
  });

  it('escalation rate, wait of the accepted tickets, tickets nobody accepted, CSAT', () => {
    const esc = chartTable('escalations', dataset()).rows;
    assert.deepEqual(esc, [
      ['2026-03-01', 2, 1, 0.5, 0, null, null, 1, 0, 0],
      ['2026-03-02', 2, 1, 0.5, 1, 120, 120, 0, 0, 0],
    ]);
    assert.deepEqual(chartTable('csat', dataset()).rows[1], ['2026-03-02', 1, 0, 0, 0, 0, 1, 5, 1]);
  });

  it('quotes per day by kind and status; FAQ conversations that went on to a quote (filed after the question only)', () => {
    assert.deepEqual(chartTable('quotes', dataset()).rows, [
      ['2026-03-01', 'cloud-new', 'submitted', 1],
      ['2026-03-02', 'cloud-new', 'quoted', 1],
      ['2026-03-02', 'dc-new', 'submitted', 1],
    ]);
    // c1 asked at 09:00 and filed at 09:30; c4 filed at 07:00, before its question at 09:00.
    assert.deepEqual(chartTable('faq-quotes', dataset()).rows, [
      ['2026-03-01', 2, 1, 0.5],
      ['2026-03-02', 2, 0, 0],
    ]);
  });

  it('sums the range', () => {
    const s = summary(dataset());
    assert.equal(s.questions, 4);
    assert.equal(s.conversations, 4);
    assert.equal(s.answerRate, 0.5);
    assert.equal(s.escalated, 2);
    assert.equal(s.escalationRate, 0.5);
    assert.equal(s.medianWaitSeconds, 120);
    assert.equal(s.csat, 1);
    assert.equal(s.quoteRequests, 3);
    assert.deepEqual([s.faqConversations, s.faqConversationsWithQuote], [4, 1]);
  });

  it('days are counted in the reader zone, daylight-saving days included', () => {
    assert.equal(dayIn('2026-03-01T23:30:00.000Z', 'Europe/Paris'), '2026-03-02');
    assert.equal(dayIn('2026-03-01T23:30:00.000Z', 'UTC'), '2026-03-01');
    assert.equal(dayIn('2026-03-01T15:59:00.000Z', 'Asia/Shanghai'), '2026-03-01');
    assert.equal(startOfDay('2026-03-29', 'Europe/Paris').toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(startOfDay('2026-03-30', 'Europe/Paris').toISOString(), '2026-03-29T22:00:00.000Z');
    assert.deepEqual(daysBetween('2026-02-27', '2026-03-02'), ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });
});
