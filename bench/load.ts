/**
 * One load level against one bot: autocannon (programmatic) with `connections` connections,
 * each running its own scripted conversation (new id each time the script wraps). Latency is
 * timed per turn kind here (sub-millisecond; autocannon's histogram is whole milliseconds).
 */
import { performance } from 'node:perf_hooks';
import autocannon, { type AutocannonRequest } from 'autocannon';
import {
  conversationScript,
  DEFAULT_SLOT_ORDER,
  kindOf,
  LANGS,
  lastSlot,
  messageActivity,
  QUOTE_OPENING,
  SLOT_ANSWERS,
  welcomeActivity,
  type FaqSample,
  type Lang,
  type Step,
  type TurnKind,
} from './traffic.js';
import { summarize, type LatencySummary } from './stats.js';

export interface LevelResult {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  latency: LatencySummary;
  byKind: Record<TurnKind, LatencySummary>;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx answers to a message with no message activity in them. */
  noReply: number;
  conversations: number;
  /** The bot process died during this level. */
  crashed?: boolean;
}

interface Ctx {
  conv?: string;
  lang?: Lang;
  t0?: number;
  slot?: string;
  [key: string]: unknown;
}

let conversationSeq = 0;

export interface LevelOptions {
  url: string;
  connections: number;
  durationS?: number;
  /** Stop after this many requests instead of a duration (warm-up). */
  amount?: number;
  faq: FaqSample[];
  /** Label inside conversation ids, so runs never share a conversation. */
  tag: string;
  /** Polled every 100 ms; the level stops early when it returns false (the bot died). */
  alive?: () => boolean;
  /** The turns of one conversation (default: the mixed script); a new conversation each time it wraps. */
  steps?: Step[];
}

export async function runLevel(opts: LevelOptions): Promise<LevelResult> {
  const byLang: Record<Lang, FaqSample[]> = { en: [], fr: [], zh: [] };
  for (const s of opts.faq) byLang[s.lang].push(s);
  const faqCursor: Record<Lang, number> = { en: 0, fr: 0, zh: 0 };
  const samples: Record<TurnKind, number[]> = { welcome: [], faq: [], quote: [] };
  const all: number[] = [];
  let noReply = 0;
  let conversations = 0;

  const script = opts.steps ?? conversationScript();
  const requests: AutocannonRequest[] = script.map((step, index) => {
    const kind = kindOf(step);
    return {
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      setupRequest(req, raw) {
        const ctx = raw as Ctx;
        if (index === 0 || !ctx.conv) {
          const n = ++conversationSeq;
          conversations++;
          ctx.conv = `bench-${opts.tag}-${n}`;
          ctx.lang = LANGS[n % LANGS.length]!;
          ctx.slot = undefined;
        }
        const conv = ctx.conv;
        const lang = ctx.lang!;
        let body: Record<string, unknown>;
        switch (step.kind) {
          case 'welcome':
            body = welcomeActivity(conv, lang);
            break;
          case 'faq': {
            const list = byLang[lang].length ? byLang[lang] : opts.faq;
            const sample = list[faqCursor[lang]++ % list.length]!;
            body = messageActivity(conv, lang, sample.question);
            break;
          }
          case 'quote-open':
            body = messageActivity(conv, lang, QUOTE_OPENING[lang]);
            break;
          case 'quote-slot': {
            const slot = ctx.slot && SLOT_ANSWERS[lang][ctx.slot] ? ctx.slot : DEFAULT_SLOT_ORDER[step.index % DEFAULT_SLOT_ORDER.length]!;
            body = messageActivity(conv, lang, SLOT_ANSWERS[lang][slot]!);
            break;
          }
        }
        ctx.t0 = performance.now();
        return { ...req, body: JSON.stringify(body) };
      },
      onResponse(status, responseBody, raw) {
        const ctx = raw as Ctx;
        const ms = performance.now() - (ctx.t0 ?? performance.now());
        samples[kind].push(ms);
        all.push(ms);
        if (status >= 200 && status < 300 && !responseBody.includes('"type":"message"')) noReply++;
        if (kind === 'quote') ctx.slot = lastSlot(responseBody);
      },
    };
  });

  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    pipelining: 1,
    timeout: 10,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationS ?? 6 }),
    requests,
  });
  const watch = opts.alive
    ? setInterval(() => {
        if (!opts.alive!()) instance.stop?.();
      }, 100)
    : undefined;
  let result: Awaited<typeof instance>;
  try {
    result = await instance;
  } finally {
    clearInterval(watch);
  }
  const durationS = result.duration;
  const requestsDone = all.length;
  return {
    connections: opts.connections,
    durationS,
    requests: requestsDone,
    rps: Math.round((result['2xx'] ?? requestsDone) / durationS),
    latency: summarize(all),
    byKind: { welcome: summarize(samples.welcome), faq: summarize(samples.faq), quote: summarize(samples.quote) },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    noReply,
    conversations,
  };
}
