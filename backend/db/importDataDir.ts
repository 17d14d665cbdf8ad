import { join } from 'node:path';
import { feedbackSchema, unansweredSchema } from '../faq/faqLog.js';
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

/** How many records an import added, and how many it found already there (a second run adds nothing). */
export interface ImportCounts {
  added: number;
  skipped: number;
}

export type BackendImportReport = Record<'quoteRequests' | 'webhookDeliveries' | 'statusNotifications' | 'tickets' | 'unansweredQuestions' | 'votes', ImportCounts>;

const counts = (): ImportCounts => ({ added: 0, skipped: 0 });
const tally = (c: ImportCounts, added: boolean) => (added ? c.added++ : c.skipped++);

/**
 * Copies what the embedded backend stores under a DATA_DIR (quote requests with their history
 * and pending outbox entries, handoff tickets with their messages, the FAQ log) into the
 * database. Files are only read (journals replayed, never compacted or repaired), and records
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
  return report;
}
