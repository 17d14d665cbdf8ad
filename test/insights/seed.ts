import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JournalTicketStore, moveTo } from '../../backend/handoff/index.js';
import { FileInsightStore } from '../../backend/insights/fileInsightStore.js';
import { conversationKey, type InsightRecord, type TurnRecord } from '../../backend/insights/insightRecord.js';
import { openQuoteBackend } from '../../backend/quotes/index.js';
import type { QuoteStatus } from '../../backend/quotes/quoteRequest.js';
import { subjectKey } from '../../backend/privacy/index.js';
import { faqTrace } from '../../bot/insights/turnNotes.js';
import { defaultFaqEngine } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';
import { QUOTE_KINDS } from '../../knowledge/quoteTypes.js';

/**
 * Questions the knowledge base does not cover well, in families of near-duplicates (how the same
 * question comes back in real traffic), each with the topic a person would give it (null: out of
 * scope). They fill the review queue of the seeded data folder.
 */
export const FAMILIES: Array<{ lang: Lang; topic: string | null; texts: string[] }> = [
  { lang: 'fr', topic: 'pay-invoice', texts: ['vous faites des factures pro forma ?', 'Vous faites des factures proforma svp ?', 'une facture pro forma c possible avant paiement ?'] },
  { lang: 'fr', topic: 'license-delivery', texts: ['combien de temps pour recevoir la licence une fois payé ?', 'combien de temps pour recevoir la licence apres paiement'] },
  { lang: 'fr', topic: null, texts: ['vous recrutez des stagiaires ?', 'vous recrutez des stagiaires cet été ?'] },
  { lang: 'zh', topic: 'pay-invoice', texts: ['可以开形式发票吗', '能不能先开形式发票', '形式发票可以开吗？'] },
  { lang: 'zh', topic: 'tax-vat', texts: ['发票上的税号写错了怎么办', '税号写错了 发票能改吗'] },
  { lang: 'en', topic: 'pay-invoice', texts: ['can you send a pro forma invoice first?', 'Can you send a proforma invoice before we pay?', 'pro forma invoice possible?'] },
  { lang: 'en', topic: 'order-tracking', texts: ['where do I see what my colleague ordered last month', 'where can I see what my colleague ordered'] },
  { lang: 'en', topic: null, texts: ['is the office closed on bank holidays', 'is your office closed on bank holidays?'] },
];

/** Small, seeded PRNG: the same folder every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedOptions {
  /** The last seeded day ends at this instant. */
  now: Date;
  days?: number;
  seed?: number;
}

export interface SeedResult {
  records: number;
  tickets: number;
  quotes: number;
  /** Texts of the review-queue families that were written, by family index. */
  families: number;
}

/**
 * Writes two weeks of plausible traffic into `dataDir` through the real stores: insight records
 * (questions in fr/zh/en on Web Chat and Teams, decided by the real engine, votes, "did you mean"
 * picks), handoff tickets (waits, ratings, abandons, follow-ups) and quote requests of every kind
 * and status. Used by the insights API tests and the browser tests.
 */
export async function seedInsights(dataDir: string, options: SeedOptions): Promise<SeedResult> {
  const random = prng(options.seed ?? 7);
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const days = options.days ?? 14;
  const engine = defaultFaqEngine();
  const entries = engine.entries();
  const store = await FileInsightStore.open(join(dataDir, 'insights'));
  const tickets = await JournalTicketStore.open(dataDir);
  let clock = new Date(options.now);
  const quotes = await openQuoteBackend({ dataDir: join(dataDir, 'quotes'), autoStart: false, fsync: false, now: () => clock });
  const counts: SeedResult = { records: 0, tickets: 0, quotes: 0, families: 0 };
  const write = async (record: InsightRecord) => {
    await store.append(record);
    counts.records++;
  };

  // Day d starts at UTC midnight, the last one is today's; today's traffic stays before `now`.
  const midnight = Math.floor(options.now.getTime() / 86_400_000) * 86_400_000;
  const dayStart = (d: number) => midnight - (days - 1 - d) * 86_400_000;
  const daySpan = (d: number) => (d === days - 1 ? Math.max(0, options.now.getTime() - midnight - 4 * 3600_000) : 19 * 3600_000);
  let family = 0;
  for (let d = 0; d < days; d++) {
    const conversations = 8 + Math.floor(random() * 10) + (d % 7 < 5 ? 6 : 0);
    for (let c = 0; c < conversations; c++) {
      const lang: Lang = random() < 0.4 ? 'fr' : random() < 0.45 ? 'zh' : 'en';
      const channel = random() < 0.6 ? 'webchat' : 'msteams';
      const conversationId = `seed-${d}-${c}`;
      const userId = `seed-user-${d}-${c}`;
      const base = {
        subject: subjectKey({ channelId: channel, userId }),
        conversation: conversationKey(channel, conversationId),
        channel,
        lang,
      };
      let at = dayStart(d) + Math.floor(random() * daySpan(d));
      const next = (seconds: number) => new Date((at += seconds * 1000)).toISOString();
      const turn = (extra: Partial<TurnRecord>): TurnRecord => ({ id: randomUUID(), kind: 'turn', at: next(20 + random() * 60), ...base, ...extra });

      const questions = 1 + Math.floor(random() * 3);
      for (let q = 0; q < questions; q++) {
        // A quarter of the questions come from a review family (the same wordings come back on other days).
        const families = FAMILIES.filter((f) => f.lang === lang);
        const fam = families[family % families.length]!;
        const fromFamily = random() < 0.25;
        const text = fromFamily ? fam.texts[Math.floor(family / families.length) % fam.texts.length]! : pickOf(pickOf(entries)[lang].questions);
        if (fromFamily) {
          family++;
          counts.families++;
        }
        const decision = engine.decide(text, lang);
        const asked = turn({ text, faq: faqTrace(decision) });
        await write(asked);
        if (decision.kind === 'answer' && random() < 0.35) {
          await write(turn({ vote: { topic: decision.id, vote: random() < 0.8 ? 'up' : 'down', answer: asked.id } }));
        }
        if (decision.kind === 'clarify' && random() < 0.6) {
          const chosen = fromFamily && fam.topic && decision.candidates.some((x) => x.id === fam.topic) ? fam.topic : decision.candidates[0]!.id;
          await write(turn({ pick: { topic: chosen, clarify: asked.id }, faq: { decision: 'answer', candidates: [], answered: chosen, via: 'title' } }));
        }
      }

      if (random() < 0.1) {
        clock = new Date(at + 30_000);
        const ticket = await tickets.create(
          { mode: 'console', conversationId, userId, reference: {}, lang, channel, reason: pickOf(['request', 'menu', 'unanswered'] as const) },
          clock,
        );
        counts.tickets++;
        const fate = random();
        if (fate < 0.8) {
          const wait = 20 + Math.floor(random() * 420);
          await tickets.update(ticket.id, (t) => moveTo(t, 'active', new Date(clock.getTime() + wait * 1000), { advocate: 'Camille' }));
          const closedAt = new Date(clock.getTime() + (wait + 300 + random() * 900) * 1000);
          const rating = random() < 0.75 ? pickOf([5, 5, 4, 4, 4, 3, 2]) : undefined;
          await tickets.update(ticket.id, (t) => ({ ...moveTo(t, 'closed', closedAt), ...(rating ? { rating } : {}) }));
        } else if (fate < 0.9) {
          await tickets.update(ticket.id, (t) => moveTo(t, 'abandoned', new Date(clock.getTime() + 90_000)));
        } else {
          await tickets.update(ticket.id, (t) => moveTo(t, 'followUp', new Date(clock.getTime() + 300_000), { followUpCause: 'timeout', email: 'follow-up@example.com' }));
        }
      }

      if (random() < 0.14) {
        clock = new Date(at + 120_000);
        const kind = pickOf(QUOTE_KINDS);
        const request = await quotes.repository.create(
          { kind, locale: lang, channel, userId, conversationId, items: [] },
          { idempotencyKey: `seed-${d}-${c}` },
        );
        counts.quotes++;
        const path: QuoteStatus[] = pickOf([[], [], ['in_review'], ['in_review', 'quoted'], ['in_review', 'quoted', 'closed'], ['rejected']]);
        for (const status of path) {
          clock = new Date(clock.getTime() + 3600_000);
          await quotes.repository.updateStatus(request.id, status, undefined, 'seed');
        }
      }
    }
  }
  await store.close();
  await tickets.close();
  await quotes.close();
  return counts;
}
