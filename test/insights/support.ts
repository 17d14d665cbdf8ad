import type { Database } from '../../backend/db/database.js';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InsightRecord } from '../../backend/insights/insightRecord.js';
import { defaultFaqEngine, type FaqDecision } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';
import { waitFor } from '../backend/waitFor.js';
import type { TestBot } from '../support/botServer.js';

export const STAFF_KEY = 'staff-key-for-insights-0123456789';
export const ADVOCATE_KEY = 'camille-key-for-insights-0123456789';
export const INSIGHTS_ENV = { STAFF_API_KEY: STAFF_KEY, ADVOCATES: `Camille:${ADVOCATE_KEY}` };
export const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', zh: 'zh-CN' };

/**
 * Questions the engine is asked in the tests, by the decision it makes on them today: the tests
 * pick from these pools with the engine itself, so that a retuned engine changes which wording is
 * used, not whether the test can run (each pool must keep at least one of each).
 */
const POOLS: Record<Lang, string[]> = {
  fr: [
    'Quels moyens de paiement acceptez-vous pour une commande ?', 'remise', 'licence cloud ou data center ?', 'prix et remise revendeur ?',
    'question sur le renouvellement et la facture', 'Quelle est la météo à Paris demain ?', 'Qui a gagné le match de foot hier soir ?',
  ],
  zh: ['退款政策是什么？', '许可证', '续订和发票', '云报价怎么付款？', '折扣', '明天北京天气怎么样？', '昨晚的足球比赛谁赢了？'],
  en: [
    'What is the refund policy?', 'license', 'renewal and invoice', 'discount', 'price and reseller discount?',
    'What is the weather in London tomorrow?', 'Who won the football match last night?',
  ],
};

export function pick(lang: Lang, kind: FaqDecision['kind']): { text: string; decision: FaqDecision } {
  const engine = defaultFaqEngine();
  for (const text of POOLS[lang]) {
    const decision = engine.decide(text, lang);
    if (decision.kind === kind) return { text, decision };
  }
  throw new Error(`no ${lang} question of the pool gets "${kind}" from the engine any more: add one to test/insights/support.ts`);
}

/** Every record under DATA_DIR/insights, read from the files. */
export async function recordsOnDisk(dataDir: string): Promise<InsightRecord[]> {
  const dir = join(dataDir, 'insights');
  const files = await readdir(dir).catch(() => [] as string[]);
  const out: InsightRecord[] = [];
  for (const file of files.sort()) {
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) if (line.trim()) out.push((JSON.parse(line) as { v: InsightRecord }).v);
  }
  return out;
}

/** Every record in the insight_records table of a bot running with DATABASE_URL. */
export async function recordsInDatabase(db: Database): Promise<InsightRecord[]> {
  const { rows } = await db.query<{ record: InsightRecord }>('SELECT record FROM insight_records ORDER BY seq');
  return rows.map((r) => r.record);
}

/** Waits until the bot's records (its files, or its database when `db` is given) satisfy `count`. */
export async function waitForRecords(bot: TestBot, count: (records: InsightRecord[]) => boolean, what: string, db?: Database): Promise<InsightRecord[]> {
  let last: InsightRecord[] = [];
  await waitFor(async () => count((last = db ? await recordsInDatabase(db) : await recordsOnDisk(bot.dataDir))), what);
  return last;
}

export async function staffGet(bot: TestBot, path: string, key = STAFF_KEY): Promise<{ status: number; json: any; text: string; type: string }> {
  const get = () => fetch(`${bot.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  // A keep-alive socket the server closed as the request went out (the bot was busy rebuilding
  // its index past the keep-alive timeout): a GET is simply sent again, as a browser does.
  const res = await get().catch((err: Error & { cause?: { code?: string } }) => {
    if (err.cause?.code !== 'ECONNRESET') throw err;
    return get();
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' };
}

export async function staffPost(bot: TestBot, path: string, body: unknown, key = STAFF_KEY): Promise<{ status: number; json: any }> {
  const res = await fetch(`${bot.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

/** Wordings of one question (a pro forma invoice) the shipped knowledge base does not answer outright. */
const PRO_FORMA: Record<Lang, string[]> = {
  fr: ['vous faites des factures pro forma ?', 'on peut avoir une facture proforma avant de payer ?', 'facture pro forma possible ?'],
  zh: ['可以开形式发票吗', '能不能先开形式发票', '形式发票可以开吗？'],
  en: ['can you send a pro forma invoice first?', 'pro forma invoice possible?', 'do you issue proforma invoices?'],
};

/** The first pro forma wording the engine does not answer today (a retuned engine changes which one, not whether a test can run). */
export function unanswered(lang: Lang): string {
  const engine = defaultFaqEngine();
  const text = PRO_FORMA[lang].find((t) => engine.decide(t, lang).kind !== 'answer');
  if (!text) throw new Error(`every ${lang} pro forma wording is answered already: add one the engine does not answer`);
  return text;
}

/** The first words of a topic's answer, to recognise it in a reply. */
export function answerStart(id: string, lang: Lang): string {
  return defaultFaqEngine().entry(id)![lang].answer.split('\n')[0]!.slice(0, 40);
}
