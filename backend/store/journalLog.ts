import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { silentLogger, type BackendLogger } from '../logger.js';
import { fileLines } from './fileLines.js';
import { journalPath, syncFolder } from './journalCollection.js';
import type { LogRecord, RecordLog } from './recordLog.js';
import { dropTornTail } from './tornTail.js';

export interface JournalLogOptions<T> {
  dir: string;
  name: string;
  /** Validates each record as it is read; a record that fails is skipped and logged. */
  parse?: (raw: unknown) => T;
  /** fdatasync each append (default false: a log line may be lost to a power cut, not to a crash). */
  fsync?: boolean;
  logger?: BackendLogger;
}

/**
 * Embedded `RecordLog`: `<name>.jsonl`, one `{"k":<id>,"v":<record>}` line per record (the
 * journal format, so files written by `JournalCollection` read the same). Appends go to the end
 * of the file and nothing stays in memory, so memory does not grow with the log. Removals stream
 * the file into `<name>.jsonl.tmp` without the removed lines and rename it over the log.
 */
export class JournalLog<T extends LogRecord> implements RecordLog<T> {
  readonly name: string;
  readonly file: string;
  #handle: FileHandle | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #parse: (raw: unknown) => T;
  readonly #fsync: boolean;
  readonly #log: BackendLogger;

  private constructor(options: JournalLogOptions<T>, handle: FileHandle) {
    this.name = options.name;
    this.file = journalPath(options.dir, options.name);
    this.#handle = handle;
    this.#parse = options.parse ?? ((raw) => raw as T);
    this.#fsync = options.fsync ?? false;
    this.#log = options.logger ?? silentLogger;
  }

  static async open<T extends LogRecord>(options: JournalLogOptions<T>): Promise<JournalLog<T>> {
    await mkdir(options.dir, { recursive: true });
    const file = journalPath(options.dir, options.name);
    const torn = await dropTornTail(file);
    if (torn) (options.logger ?? silentLogger).warn({ file, tornBytes: torn }, 'store: dropped a torn write at the end of the log');
    return new JournalLog(options, await open(file, 'a'));
  }

  append(record: T): Promise<void> {
    const line = `{"k":${JSON.stringify(randomUUID())},"v":${JSON.stringify(record)}}\n`;
    return this.#serial(async () => {
      await this.#handle!.appendFile(line);
      if (this.#fsync) await this.#handle!.datasync();
    });
  }

  async *values(): AsyncIterable<T> {
    await this.flush();
    for await (const line of fileLines(this.file)) {
      const record = this.#read(line.text, line.terminated);
      if (record) yield record;
    }
  }

  eraseSubject(subject: string): Promise<number> {
    return this.#rewrite((r) => r.subject !== subject);
  }

  expire(cutoff: Date): Promise<number> {
    const before = cutoff.toISOString();
    // ISO-8601 UTC strings compare in time order.
    return this.#rewrite((r) => !(r.at < before));
  }

  async flush(): Promise<void> {
    await this.#chain.catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.flush();
    await this.#handle?.close();
    this.#handle = undefined;
  }

  #read(text: string, terminated: boolean): T | undefined {
    if (!terminated || !text.trim()) return undefined;
    try {
      const entry = JSON.parse(text) as { v?: unknown };
      return entry.v === undefined ? undefined : this.#parse(entry.v);
    } catch (err) {
      this.#log.warn({ file: this.file, err: (err as Error).message.slice(0, 200) }, 'store: unreadable log line skipped');
      return undefined;
    }
  }

  /** Keeps the records `keep` accepts: streamed into a temporary file renamed over the log. */
  #rewrite(keep: (record: T) => boolean): Promise<number> {
    return this.#serial(async () => {
      const tmp = `${this.file}.tmp`;
      let removed = 0;
      const out = await open(tmp, 'w');
      try {
        let chunk: string[] = [];
        for await (const line of fileLines(this.file)) {
          const record = this.#read(line.text, line.terminated);
          if (record && !keep(record)) {
            removed++;
            continue;
          }
          if (!record) continue;
          chunk.push(`${line.text}\n`);
          if (chunk.length === 1000) {
            await out.appendFile(chunk.join(''));
            chunk = [];
          }
        }
        if (chunk.length) await out.appendFile(chunk.join(''));
        await out.sync();
      } catch (err) {
        await out.close();
        await rm(tmp, { force: true });
        throw err;
      }
      await out.close();
      if (removed === 0) {
        await rm(tmp, { force: true });
        return 0;
      }
      await rename(tmp, this.file);
      await syncFolder(this.file);
      const old = this.#handle!;
      this.#handle = await open(this.file, 'a');
      await old.close();
      return removed;
    });
  }

  #serial<R>(work: () => Promise<R>): Promise<R> {
    if (this.#closed) return Promise.reject(new Error(`store: ${this.name} is closed`));
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}
