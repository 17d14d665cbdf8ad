/**
 * What `npm run bench` sends: one scripted conversation per connection (welcome, FAQ
 * questions, a quote opening and slot answers), rebuilt with a new conversation id each time
 * the script wraps. FAQ questions are the real examples from knowledge/faq/*.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Lang = 'en' | 'fr' | 'zh';
export const LANGS: Lang[] = ['en', 'fr', 'zh'];
export type TurnKind = 'welcome' | 'faq' | 'quote';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' };

export interface FaqSample {
  id: string;
  lang: Lang;
  question: string;
  /** A plain-text fragment of the answer, to tell an FAQ answer from a fallback. */
  snippet: string;
}

/** A plain run of the answer's words (markdown and punctuation cut), at least 8 characters. */
export function answerSnippet(answer: string): string {
  const parts = answer.replace(/[*_`]/g, '').split(/[[\]()\n:;!?.,。,:;!?、()“”"]/u).map((s) => s.trim().replace(/\s+/g, ' '));
  const best = parts.find((s) => [...s].length >= 8) ?? parts.find(Boolean) ?? answer;
  return [...best].slice(0, 24).join('');
}

interface FaqFile {
  id: string;
  [lang: string]: unknown;
}

/** Up to `perTopic` example questions of every topic, per language. */
export function loadFaqSamples(perTopic = 3, dir = join(ROOT, 'knowledge', 'faq')): FaqSample[] {
  const samples: FaqSample[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files = [];
  }
  for (const file of files) {
    const entry = JSON.parse(readFileSync(join(dir, file), 'utf8')) as FaqFile;
    for (const lang of LANGS) {
      const loc = entry[lang] as { questions?: string[]; answer?: string } | undefined;
      if (!loc?.questions?.length || !loc.answer) continue;
      for (const question of loc.questions.slice(0, perTopic)) {
        samples.push({ id: entry.id, lang, question, snippet: answerSnippet(loc.answer) });
      }
    }
  }
  if (samples.length === 0) {
    const fallback = JSON.parse(readFileSync(join(ROOT, 'bench', 'texts.json'), 'utf8')) as { faq: FaqSample[] };
    return fallback.faq;
  }
  return samples;
}

export const QUOTE_OPENING: Record<Lang, string> = {
  en: 'I would like a quote for Confluence Data Center for 2000 users',
  fr: 'je voudrais un devis Confluence Data Center pour 2000 utilisateurs',
  zh: '我想要 Confluence Data Center 2000 用户的报价',
};

/** Realistic answers to each quote prompt (channelData.slot), per language. */
export const SLOT_ANSWERS: Record<Lang, Record<string, string>> = {
  en: {
    product: 'Confluence',
    tier: '2,000',
    edition: 'Data Center',
    maintenanceYears: '1 year',
    resellerName: 'Grace Lee',
    resellerEmail: 'grace.lee@harbourline.com.au',
    resellerCompany: 'Harbourline Partners',
    technicalContactName: 'Tom Baker',
    technicalContactEmail: 'ops@harbourline.com.au',
    billingAddress: '1 George Street, Sydney NSW 2000, Australia',
    endUserOrganization: 'Harbourline Logistics',
    endUserName: 'Grace Lee',
    endUserEmail: 'grace.lee@harbourline.com.au',
    authorizedContactName: 'Tom Baker',
    authorizedContactEmail: 'ops@harbourline.com.au',
    paymentPreference: 'quote by email please',
    sen: 'SEN-L9876543',
    siteUrl: 'harbourline.atlassian.net',
    targetDate: 'end of June 2027',
    notes: 'Please add a PO number: 4500123',
    confirm: 'yes',
  },
  fr: {
    product: 'Confluence',
    tier: 'deux mille utilisateurs',
    edition: 'Data Center',
    maintenanceYears: 'deux ans',
    resellerName: 'Paul Girard',
    resellerEmail: 'p.girard@numeriq-services.fr',
    resellerCompany: 'Numeriq Services',
    technicalContactName: 'Julie Roux',
    technicalContactEmail: 'julie.roux@atelier-roux.fr',
    billingAddress: '12 rue de la Paix, 75002 Paris, France',
    endUserOrganization: 'Atelier Roux SARL',
    endUserName: 'Julie Roux',
    endUserEmail: 'julie.roux@atelier-roux.fr',
    authorizedContactName: 'Julie Roux',
    authorizedContactEmail: 'julie.roux@atelier-roux.fr',
    paymentPreference: 'un devis par e-mail',
    sen: 'SEN-L1234567',
    siteUrl: 'https://atelier-roux.atlassian.net',
    targetDate: 'le 15 mars 2027',
    notes: 'rien',
    confirm: 'oui',
  },
  zh: {
    product: 'Confluence',
    tier: '两千',
    edition: 'Data Center',
    maintenanceYears: '三年',
    resellerName: '刘洋',
    resellerEmail: 'liu.yang@minghua-tech.cn',
    resellerCompany: '新锐合作伙伴',
    technicalContactName: '王芳',
    technicalContactEmail: 'wang.fang@minghua-tech.cn',
    billingAddress: '上海市浦东新区世纪大道100号',
    endUserOrganization: '明华科技',
    endUserName: '王芳',
    endUserEmail: 'wang.fang@minghua-tech.cn',
    authorizedContactName: '王芳',
    authorizedContactEmail: 'wang.fang@minghua-tech.cn',
    paymentPreference: '请发报价单',
    sen: 'SEN-L2468013',
    siteUrl: 'minghua.atlassian.net',
    targetDate: '2027年6月底',
    notes: '无',
    confirm: '是的',
  },
};

/** Asked in this order when the reply names no slot (the echo bot, or no quote dialog). */
export const DEFAULT_SLOT_ORDER = ['maintenanceYears', 'resellerName', 'resellerEmail', 'resellerCompany', 'technicalContactName', 'technicalContactEmail'];

export type Step = { kind: 'welcome' } | { kind: 'faq' } | { kind: 'quote-open' } | { kind: 'quote-slot'; index: number };

/** One conversation: welcome, FAQ questions, then a quote opening and slot answers. */
export function conversationScript(faqTurns = 8, slotTurns = 5): Step[] {
  return [
    { kind: 'welcome' },
    ...Array.from({ length: faqTurns }, () => ({ kind: 'faq' }) as const),
    { kind: 'quote-open' },
    ...Array.from({ length: slotTurns }, (_, index) => ({ kind: 'quote-slot', index }) as const),
  ];
}

/** Only FAQ questions (8 per conversation): what a FAQ turn costs the server. */
export const faqOnlyScript = (): Step[] => Array.from({ length: 8 }, () => ({ kind: 'faq' }) as const);
/** Only quote turns (the opening and 5 slot answers per conversation): what a quote turn costs. */
export const quoteOnlyScript = (): Step[] => conversationScript(0, 5).slice(1);

export const kindOf = (step: Step): TurnKind => (step.kind === 'welcome' ? 'welcome' : step.kind === 'faq' ? 'faq' : 'quote');

let activitySeq = 0;

/** A Web Chat style activity with replies in the HTTP response. */
export function activity(conversationId: string, lang: Lang, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `b-${++activitySeq}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/bench',
    deliveryMode: 'expectReplies',
    from: { id: `user-${conversationId}`, name: 'Reseller', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    conversation: { id: conversationId },
    locale: LOCALE[lang],
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

export const welcomeActivity = (conversationId: string, lang: Lang): Record<string, unknown> =>
  activity(conversationId, lang, { type: 'conversationUpdate', membersAdded: [{ id: `user-${conversationId}`, name: 'Reseller' }, { id: 'bot' }] });

export const messageActivity = (conversationId: string, lang: Lang, text: string): Record<string, unknown> =>
  activity(conversationId, lang, { text, textFormat: 'plain' });

/** Every string inside the replies, whitespace-normalised (text, cards, suggested actions). */
export function replyText(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '';
  }
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk((parsed as { activities?: unknown }).activities ?? []);
  return out.join(' ').replace(/[*_`]/g, '').replace(/\s+/g, ' ');
}

/** The slot the last prompt asks for (quote dialogs set channelData.slot). */
export function lastSlot(body: string): string | undefined {
  try {
    const acts = (JSON.parse(body) as { activities?: Array<{ channelData?: { slot?: unknown } }> }).activities ?? [];
    for (let i = acts.length - 1; i >= 0; i--) {
      const slot = acts[i]?.channelData?.slot;
      if (typeof slot === 'string') return slot;
    }
  } catch {
    /* not JSON */
  }
  return undefined;
}
