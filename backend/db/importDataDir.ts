import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { feedbackSchema, unansweredSchema } from '../faq/faqLog.js';
import { insightRecordSchema } from '../insights/insightRecord.js';
import { overlayChangeSchema } from '../insights/overlay.js';
import { PgInsightStore } from '../insights/pgInsightStore.js';
import { PgOverlayStore } from '../insights/pgOverlayStore.js';
import { FileTranscriptStore } from '../handoff/fileTranscriptStore.js';
import { PgTicketStore } from '../handoff/pgTicketStore.js';
import { ticketSchema } from '../handoff/ticket.js';
import type { QueueEntry } from '../delivery/retryQueue.js';
import { QUEUES } from '../quotes/pgBackend.js';
import { PgQuoteRepository } from '../quotes/pgQuoteRepository.js';
import { quoteRequestSchema } from '../quotes/quoteRequest.js';
import { fileLines } from '../store/fileLines.js';
import { replayJournal } from '../store/journalReplay.js';
import type { Database } from './database.js';
import { jsonb } from './json.js';
import { DbNotifications } from './notifications.js';

/** How many records an import added, and how many it found already there (a second run adds nothing). */
export interface ImportCounts {
  added: number;
  skipped: number;
}

export type BackendImportReport = Record<
  'quoteRequests' | 'webhookDeliveries' | 'statusNotifications' | 'tickets' | 'unansweredQuestions' | 'votes' | 'insightRecords' | 'overlayVersions',
  ImportCounts
>;

const counts = (): ImportCounts => ({ added: 0, skipped: 0 });
const tally = (c: ImportCounts, added: boolean) => (added ? c.added++ : c.skipped++);

/**
 * Copies what the embedded backend stores under a DATA_DIR (quote requests with their history
 * and pending outbox entries, handoff tickets with their messages, the FAQ log, the insight
 * records and the knowledge overlay) into the database. Files are only read (journals replayed, never compacted or repaired), and records
 * already in the database are left alone, so an import can be run again after a partial one.
 */
export async function importBackendData(db: Database, dataDir: string): Promise<BackendImportReport> {
  const report: BackendImportReport = {
    quoteRequests: counts(),
    webhookDeliveries: counts(),
    statusNotifications: counts(),
    tickets: counts(),
    unansweredQuestions: counts(),
    votes: counts(),
    insightRecords: counts(),
    overlayVersions: counts(),
  };

  const quotes = new PgQuoteRepository(db);
  const quoteDir = join(dataDir, 'quotes');
  for (const raw of (await replayJournal(join(quoteDir, 'quotes.jsonl'))).records.values()) {
    tally(report.quoteRequests, await quotes.importRequest(quoteRequestSchema.parse(raw)));
  }
  for (const [file, queue, kind] of [
    ['webhook-outbox.jsonl', QUEUES.webhook, 'webhookDeliveries'],
    ['status-outbox.jsonl', QUEUES.status, 'statusNotifications'],
  ] as const) {
    for (const raw of (await replayJournal(join(quoteDir, file))).records.values()) {
      const entry = raw as QueueEntry<{ quoteId: string }>;
      // An entry whose request was never stored (a crash between the two writes) is dropped, as the embedded backend does at start.
      const { rowCount } = await db.query(
        `INSERT INTO outbox (queue, id, subject, payload, attempts, created_at, next_attempt_at, last_error)
         SELECT $1, $2, $3, $4, $5, $6, now(), $7 WHERE EXISTS (SELECT 1 FROM quote_requests WHERE id = $8)
         ON CONFLICT (queue, id) DO NOTHING`,
        [queue, entry.id, entry.subject, jsonb(entry.payload), entry.attempts, entry.createdAt, entry.lastError ?? null, entry.payload.quoteId],
      );
      tally(report[kind], Boolean(rowCount));
    }
  }

  const tickets = new PgTicketStore(db);
  const transcripts = await FileTranscriptStore.open(join(dataDir, 'handoff', 'transcripts'));
  for (const raw of (await replayJournal(join(dataDir, 'handoff', 'tickets.jsonl'))).records.values()) {
    const ticket = ticketSchema.parse(raw);
    const transcript = ticket.transcript ? { entries: ticket.transcript } : await transcripts.read(ticket.id);
    tally(report.tickets, await tickets.importTicket(ticket, transcript));
  }

  for (const [name, parse, kind] of [
    ['unanswered', (v: unknown) => unansweredSchema.parse(v), 'unansweredQuestions'],
    ['feedback', (v: unknown) => feedbackSchema.parse(v), 'votes'],
  ] as const) {
    for await (const line of fileLines(join(dataDir, 'faq', `${name}.jsonl`))) {
      if (!line.terminated || !line.text.trim()) continue;
      let record: { at: string; subject?: string };
      try {
        record = parse((JSON.parse(line.text) as { v: unknown }).v);
      } catch {
        continue; // an unreadable line is skipped, as the embedded log skips it
      }
      const { rowCount } = await db.query(
        `INSERT INTO record_logs (log, at, subject, record) SELECT $1, $2, $3, $4::jsonb
         WHERE NOT EXISTS (SELECT 1 FROM record_logs WHERE log = $1 AND at = $2 AND record = $4::jsonb)`,
        [name, record.at, record.subject ?? null, jsonb(record)],
      );
      tally(report[kind], Boolean(rowCount));
    }
  }

  // Insight records keep their ids (the overlay's questions point at them): a second run finds them.
  const records = new PgInsightStore(db);
  const insightDir = join(dataDir, 'insights');
  const days = (await readdir(insightDir).catch(() => [] as string[])).filter((f) => /^records-\d{4}-\d{2}-\d{2}\.jsonl$/.test(f)).sort();
  for (const file of days) {
    for await (const line of fileLines(join(insightDir, file))) {
      if (!line.terminated || !line.text.trim()) continue;
      let raw: unknown;
      try {
        raw = (JSON.parse(line.text) as { v?: unknown }).v;
      } catch {
        continue;
      }
      const parsed = insightRecordSchema.safeParse(raw);
      if (!parsed.success) continue; // an unreadable line is skipped, as the embedded store skips it
      const before = await db.query('SELECT 1 FROM insight_records WHERE id = $1', [parsed.data.id]);
      if (!before.rowCount) await records.append(parsed.data);
      tally(report.insightRecords, !before.rowCount);
    }
  }

  // The overlay keeps its version numbers (undos name the version they undo), so it is imported
  // whole into a database without one, or completed where the database holds its beginning.
  const overlay = (await replayJournal(join(dataDir, 'knowledge', 'overlay.jsonl'))).records;
  if (overlay.size) {
    const changes = [...overlay.values()].map((raw) => overlayChangeSchema.parse(raw));
    report.overlayVersions = await new PgOverlayStore(db, new DbNotifications(db)).importChanges(changes);
  }
  return report;
}
