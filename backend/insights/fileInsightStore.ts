import { readdir, rm } from 'node:fs/promises';
import type { BackendLogger } from '../logger.js';
import { JournalLog } from '../store/index.js';
import { insightRecordSchema, type InsightRecord } from './insightRecord.js';
import type { InsightStore, TimeRange } from './insightStore.js';

const PREFIX = 'records-';
const DAY_FILE = /^records-(\d{4}-\d{2}-\d{2})\.jsonl$/;

const dayOf = (iso: string): string => iso.slice(0, 10);

/**
 * Embedded `InsightStore`: one append-only log per UTC day (`DATA_DIR/insights/records-<day>.jsonl`),
 * so a chart of last week reads seven files, not ninety days of them, and expiry deletes whole
 * files. Nothing is held in memory; erasure rewrites each day without the subject's lines.
 */
export class FileInsightStore implements InsightStore {
  readonly #logs = new Map<string, Promise<JournalLog<InsightRecord>>>();
  #closed = false;

  private constructor(
    readonly dir: string,
    private readonly logger?: BackendLogger,
  ) {}

  static async open(dir: string, options: { logger?: BackendLogger } = {}): Promise<FileInsightStore> {
    const store = new FileInsightStore(dir, options.logger);
    // Opening the newest day first drops a torn line a crash may have left there.
    const days = await store.#days();
    if (days.length) await store.#log(days[days.length - 1]!);
    return store;
  }

  async append(record: InsightRecord): Promise<void> {
    if (this.#closed) throw new Error('insights: the store is closed');
    await (await this.#log(dayOf(record.at))).append(record);
  }

  async *query({ from, to }: TimeRange): AsyncIterable<InsightRecord> {
    const first = dayOf(from.toISOString());
    const last = dayOf(to.toISOString());
    const start = from.toISOString();
    const end = to.toISOString();
    for (const day of await this.#days()) {
      if (day < first || day > last) continue;
      for await (const record of (await this.#log(day)).values()) {
        if (record.at >= start && record.at < end) yield record;
      }
    }
  }

  /** Reads the range: the day files have no index by id. */
  async find(ids: readonly string[], range: TimeRange): Promise<InsightRecord[]> {
    const wanted = new Set(ids);
    const out: InsightRecord[] = [];
    for await (const record of this.query(range)) if (wanted.has(record.id)) out.push(record);
    return out;
  }

  async eraseSubject(subject: string): Promise<number> {
    let removed = 0;
    for (const day of await this.#days()) removed += await (await this.#log(day)).eraseSubject(subject);
    return removed;
  }

  async expire(cutoff: Date): Promise<number> {
    const boundary = dayOf(cutoff.toISOString());
    let removed = 0;
    for (const day of await this.#days()) {
      if (day > boundary) break;
      const log = await this.#log(day);
      if (day === boundary) {
        removed += await log.expire(cutoff);
        continue;
      }
      // A whole day past retention: count its lines, then delete the file.
      for await (const _ of log.values()) removed++;
      this.#logs.delete(day);
      await log.close();
      await rm(log.file, { force: true });
    }
    return removed;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.#logs.values()].map(async (log) => (await log).flush()));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#logs.values()].map(async (log) => (await log).close()));
    this.#logs.clear();
  }

  /** Days with a file, oldest first. */
  async #days(): Promise<string[]> {
    const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    const days = new Set(names.flatMap((name) => DAY_FILE.exec(name)?.[1] ?? []));
    for (const day of this.#logs.keys()) days.add(day);
    return [...days].sort();
  }

  #log(day: string): Promise<JournalLog<InsightRecord>> {
    let log = this.#logs.get(day);
    if (!log) {
      log = JournalLog.open({
        dir: this.dir,
        name: `${PREFIX}${day}`,
        parse: (raw) => insightRecordSchema.parse(raw),
        ...(this.logger ? { logger: this.logger } : {}),
      });
      this.#logs.set(day, log);
      log.catch(() => this.#logs.delete(day));
    }
    return log;
  }
}
