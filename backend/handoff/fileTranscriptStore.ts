import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type BackendLogger } from '../logger.js';
import { fileLines } from '../store/fileLines.js';
import { syncFolder } from '../store/journalCollection.js';
import { dropTornTail } from '../store/tornTail.js';
import { transcriptEntrySchema, type TranscriptEntry } from './ticket.js';
import {
  capEntry,
  DEFAULT_TRANSCRIPT_LIMITS,
  fold,
  messageCount,
  transcriptSummarySchema,
  type Transcript,
  type TranscriptLimits,
  type TranscriptStore,
} from './transcript.js';

const TICKET_ID = /^[A-Za-z0-9-]{1,100}$/;

/**
 * Embedded `TranscriptStore`: `DATA_DIR/handoff/transcripts/<ticket id>.jsonl`, one line per
 * message (`{"e":entry}`), after an optional first `{"s":summary}` line. An append writes one
 * line, so a message costs its own size whatever came before; nothing is read at start-up.
 * When a ticket passes `maxEntries` by half as many again, its file is rewritten with the oldest
 * messages folded into the summary (amortised: one rewrite per maxEntries/2 messages), so a
 * file never exceeds 1.5 × maxEntries messages of at most maxText characters.
 */
export class FileTranscriptStore implements TranscriptStore {
  /** Message lines in each file touched since start (read once on first append). */
  readonly #lines = new Map<string, number>();
  readonly #chains = new Map<string, Promise<unknown>>();
  readonly #limits: TranscriptLimits;
  readonly #fsync: boolean;
  readonly #log: BackendLogger;

  private constructor(
    readonly dir: string,
    options: { limits?: Partial<TranscriptLimits>; fsync?: boolean; logger?: BackendLogger },
  ) {
    this.#limits = { ...DEFAULT_TRANSCRIPT_LIMITS, ...options.limits };
    this.#fsync = options.fsync ?? true;
    this.#log = options.logger ?? silentLogger;
  }

  static async open(dir: string, options: { limits?: Partial<TranscriptLimits>; fsync?: boolean; logger?: BackendLogger } = {}): Promise<FileTranscriptStore> {
    await mkdir(dir, { recursive: true });
    return new FileTranscriptStore(dir, options);
  }

  async append(ticketId: string, entries: readonly TranscriptEntry[]): Promise<TranscriptEntry[]> {
    const stored = entries.map((e) => capEntry(e, this.#limits.maxText));
    if (!stored.length) return [];
    return this.#serial(ticketId, async () => {
      const file = this.#file(ticketId);
      let lines = this.#lines.get(ticketId);
      if (lines === undefined) {
        const torn = await dropTornTail(file);
        if (torn) this.#log.warn({ ticketId, tornBytes: torn }, 'handoff: dropped a torn transcript line');
        lines = (await this.#load(ticketId)).entries.length;
      }
      const handle = await open(file, 'a');
      try {
        await handle.appendFile(stored.map((entry) => `${JSON.stringify({ e: entry })}\n`).join(''));
        if (this.#fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
      lines += stored.length;
      const { maxEntries } = this.#limits;
      if (lines >= maxEntries + Math.max(10, Math.floor(maxEntries / 2))) {
        const current = await this.#load(ticketId);
        const dropped = current.entries.slice(0, current.entries.length - maxEntries);
        const summary = fold(current.summary, dropped);
        await this.#write(ticketId, { ...(summary ? { summary } : {}), entries: current.entries.slice(-maxEntries) });
        lines = Math.min(maxEntries, current.entries.length);
      }
      this.#lines.set(ticketId, lines);
      return stored;
    });
  }

  read(ticketId: string): Promise<Transcript> {
    return this.#serial(ticketId, () => this.#load(ticketId));
  }

  replace(ticketId: string, transcript: Transcript): Promise<void> {
    return this.#serial(ticketId, async () => {
      const entries = transcript.entries.map((e) => capEntry(e, this.#limits.maxText));
      const dropped = entries.slice(0, Math.max(0, entries.length - this.#limits.maxEntries));
      const summary = fold(transcript.summary, dropped);
      const kept = entries.slice(dropped.length);
      await this.#write(ticketId, { ...(summary ? { summary } : {}), entries: kept });
      this.#lines.set(ticketId, kept.length);
    });
  }

  remove(ticketId: string): Promise<number> {
    return this.#serial(ticketId, async () => {
      const count = messageCount(await this.#load(ticketId));
      await rm(this.#file(ticketId), { force: true });
      this.#lines.delete(ticketId);
      return count;
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.#chains.values()].map((c) => c.catch(() => undefined)));
  }

  #file(ticketId: string): string {
    if (!TICKET_ID.test(ticketId)) throw new Error(`handoff: bad ticket id ${JSON.stringify(ticketId.slice(0, 100))}`);
    return join(this.dir, `${ticketId}.jsonl`);
  }

  async #load(ticketId: string): Promise<Transcript> {
    const transcript: Transcript = { entries: [] };
    for await (const line of fileLines(this.#file(ticketId))) {
      if (!line.terminated || !line.text.trim()) continue;
      try {
        const row = JSON.parse(line.text) as { e?: unknown; s?: unknown };
        if (row.e !== undefined) transcript.entries.push(transcriptEntrySchema.parse(row.e));
        else if (row.s !== undefined) transcript.summary = transcriptSummarySchema.parse(row.s);
      } catch (err) {
        this.#log.warn({ ticketId, err: (err as Error).message.slice(0, 200) }, 'handoff: unreadable transcript line skipped');
      }
    }
    return transcript;
  }

  /** Temporary file, fsync, rename: a crash leaves the old transcript or the new one. */
  async #write(ticketId: string, transcript: Transcript): Promise<void> {
    const file = this.#file(ticketId);
    const tmp = `${file}.tmp`;
    const rows = [...(transcript.summary ? [{ s: transcript.summary }] : []), ...transcript.entries.map((e) => ({ e }))];
    const out = await open(tmp, 'w');
    try {
      await out.appendFile(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, file);
    await syncFolder(file);
  }

  /** One operation at a time per ticket; the chain is dropped once idle. */
  #serial<R>(ticketId: string, work: () => Promise<R>): Promise<R> {
    const previous = this.#chains.get(ticketId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.#chains.set(ticketId, settled);
    void settled.then(() => {
      if (this.#chains.get(ticketId) === settled) this.#chains.delete(ticketId);
    });
    return run;
  }
}
