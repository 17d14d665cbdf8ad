/** Single HTTP turns for the bench: readiness, cold start and a traffic sanity pass (not timed under load). */
import { performance } from 'node:perf_hooks';
import { LANGS, lastSlot, messageActivity, QUOTE_OPENING, replyText, SLOT_ANSWERS, DEFAULT_SLOT_ORDER, type FaqSample, type Lang } from './traffic.js';

export async function post(url: string, body: unknown, timeoutMs = 5000): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, text: await res.text() };
}

/** The languages whose quote models the bot has built in the background (/readyz `warm`). */
export async function warmLanguages(url: string): Promise<string[]> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
  return ((await res.json()) as { warm?: string[] }).warm ?? [];
}

export async function isReady(url: string): Promise<true | undefined> {
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
  await res.arrayBuffer();
  return res.status === 200 ? true : undefined;
}

const norm = (s: string) => s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').toLowerCase();

/** True when the reply carries the FAQ answer (its plain-text snippet), not a fallback. */
export function answersFaq(body: string, sample: FaqSample): boolean {
  return norm(replyText(body)).includes(norm(sample.snippet));
}

let probeSeq = 0;

/** One FAQ question in a fresh conversation: 'answered', 'replied' (200, other text) or undefined. */
export async function faqTurn(url: string, sample: FaqSample): Promise<'answered' | 'replied' | undefined> {
  const res = await post(url, messageActivity(`probe-${process.pid}-${++probeSeq}`, sample.lang, sample.question));
  if (res.status !== 200) return undefined;
  return answersFaq(res.text, sample) ? 'answered' : res.text.includes('"type":"message"') ? 'replied' : undefined;
}

export interface SanityReport {
  /** FAQ example questions whose reply carried their own topic's answer, per language. */
  faqAnswered: Record<Lang, { answered: number; total: number }>;
  /** The slots the quote dialog asked for in one scripted conversation per language (empty: no quote dialog). */
  quoteSlotsAsked: Record<Lang, string[]>;
  non200: number;
}

/** A language's first quote turn builds its number and date models (seconds of CPU in French). */
const FIRST_QUOTE_TURN_MS = 30_000;

/** Sends every FAQ sample once (sequentially) and one quote conversation per language. */
export async function sanityPass(url: string, faq: FaqSample[]): Promise<SanityReport> {
  const faqAnswered = { en: { answered: 0, total: 0 }, fr: { answered: 0, total: 0 }, zh: { answered: 0, total: 0 } };
  let non200 = 0;
  for (const sample of faq) {
    const res = await post(url, messageActivity(`sanity-${++probeSeq}`, sample.lang, sample.question));
    if (res.status !== 200) non200++;
    faqAnswered[sample.lang].total++;
    if (res.status === 200 && answersFaq(res.text, sample)) faqAnswered[sample.lang].answered++;
  }
  const quoteSlotsAsked = { en: [] as string[], fr: [] as string[], zh: [] as string[] };
  for (const lang of LANGS) {
    const conv = `sanity-quote-${lang}-${++probeSeq}`;
    let res = await post(url, messageActivity(conv, lang, QUOTE_OPENING[lang]), FIRST_QUOTE_TURN_MS);
    for (let i = 0; i < 16; i++) {
      if (res.status !== 200) {
        non200++;
        break;
      }
      const slot = lastSlot(res.text);
      if (!slot) break;
      quoteSlotsAsked[lang].push(slot);
      res = await post(url, messageActivity(conv, lang, SLOT_ANSWERS[lang][slot] ?? SLOT_ANSWERS[lang][DEFAULT_SLOT_ORDER[0]!]!), FIRST_QUOTE_TURN_MS);
    }
  }
  return { faqAnswered, quoteSlotsAsked, non200 };
}

export const since = (t0: number) => Math.round(performance.now() - t0);
