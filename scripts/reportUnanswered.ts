/**
 * `npm run report:unanswered [-- --data DIR]`: what the FAQ could not answer, grouped by language
 * and by the closest topic, plus the 👎 votes per topic — the to-do list of knowledge authors.
 * With DATABASE_URL set (and no --data), the log of every instance, from PostgreSQL.
 */
import { resolve } from 'node:path';
import { Database } from '../backend/db/database.js';
import { FaqLog, feedbackSchema, unansweredSchema, type Feedback, type Unanswered } from '../backend/faq/faqLog.js';
import { PgRecordLog } from '../backend/store/pgRecordLog.js';
import { loadConfig } from '../bot/config.js';

const dataArg = process.argv.indexOf('--data');
const config = loadConfig(process.env);
const db = dataArg < 0 && config.DATABASE_URL ? new Database({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolSize: 2 }) : undefined;
const dataDir = resolve(dataArg > 0 ? process.argv[dataArg + 1]! : config.DATA_DIR);
const log = db
  ? FaqLog.over(new PgRecordLog(db, 'unanswered', (v) => unansweredSchema.parse(v)), new PgRecordLog(db, 'feedback', (v) => feedbackSchema.parse(v)))
  : await FaqLog.open(dataDir);

const unanswered: Unanswered[] = [];
for await (const u of log.unanswered.values()) unanswered.push(u);
const feedback: Feedback[] = [];
for await (const f of log.feedback.values()) feedback.push(f);
await log.close();
await db?.close();

const out: string[] = [`# Unanswered FAQ questions (${db ? `PostgreSQL, schema ${db.schema}` : dataDir})`, ''];
for (const lang of ['fr', 'zh', 'en'] as const) {
  const mine = unanswered.filter((u) => u.lang === lang);
  if (!mine.length) continue;
  out.push(`## ${lang} — ${mine.length} question(s)`);
  const byTopic = new Map<string, Unanswered[]>();
  for (const u of mine) {
    const key = u.candidates[0]?.id ?? '(no candidate)';
    byTopic.set(key, [...(byTopic.get(key) ?? []), u]);
  }
  for (const [topic, items] of [...byTopic].sort((a, b) => b[1].length - a[1].length)) {
    out.push(`### closest topic: ${topic} (${items.length})`);
    for (const u of items) {
      const scores = u.candidates.slice(0, 3).map((c) => `${c.id} ${c.score.toFixed(2)}`).join(', ');
      out.push(`- [${u.outcome}] ${u.text}  —  ${scores || 'no candidates'}  (${u.at.slice(0, 10)})`);
    }
  }
  out.push('');
}
const down = feedback.filter((f) => f.vote === 'down');
out.push(`## 👎 votes — ${down.length} (👍 ${feedback.length - down.length})`);
const byEntry = new Map<string, Feedback[]>();
for (const f of down) byEntry.set(f.entryId, [...(byEntry.get(f.entryId) ?? []), f]);
for (const [entry, items] of [...byEntry].sort((a, b) => b[1].length - a[1].length)) {
  out.push(`### ${entry} (${items.length})`);
  for (const f of items) out.push(`- [${f.lang}] ${f.question}`);
}
if (!unanswered.length && !feedback.length) out.push('', 'Nothing logged yet.');
process.stdout.write(`${out.join('\n')}\n`);
