import { forAuthors } from '../faq/faqLog.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import { subjectKey, type DataSubject, type ErasureReport } from '../privacy/index.js';
import type { InsightSources, QuoteSource, TicketSource } from './dataset.js';
import type { InsightRecord } from './insightRecord.js';
import type { InsightStore } from './insightStore.js';

/** A record as a feature hands it over: the owner as a subject, texts as said (masked here). */
export type NewInsightRecord = InsightRecord extends infer R ? (R extends InsightRecord ? Omit<R, 'subject'> & { subject?: DataSubject | undefined } : never) : never;

/**
 * The one way records get into the insight store: texts are cut and masked (no emails, no SENs)
 * and the user becomes a pseudonym before anything is written. A failing write is logged and
 * never reaches the user's turn: statistics must not break a conversation.
 */
export class InsightRecorder {
  readonly #pending = new Set<Promise<void>>();
  readonly #log: BackendLogger;
  /** The other features' stores, for the charts (tickets, quote requests); set by those features. */
  readonly sources: { tickets?: TicketSource; quotes?: QuoteSource } = {};

  constructor(
    readonly store: Promise<InsightStore>,
    logger: BackendLogger = silentLogger,
  ) {
    this.#log = logger;
  }

  record({ subject, ...record }: NewInsightRecord): Promise<void> {
    const masked = { ...record, ...(subject ? { subject: subjectKey(subject) } : {}) } as InsightRecord;
    if (masked.kind === 'turn' && masked.text !== undefined) masked.text = forAuthors(masked.text);
    if (masked.kind === 'kbSearch' && masked.query !== undefined) masked.query = forAuthors(masked.query);
    const write = this.store
      .then((store) => store.append(masked))
      .catch((err: Error) => this.#log.error({ err: { message: err.message }, kind: record.kind }, 'insights: a record could not be stored'));
    this.#pending.add(write);
    void write.finally(() => this.#pending.delete(write));
    return write;
  }

  /** Every record handed over so far is stored. */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending]);
    await (await this.store).flush();
  }

  async erase(subject: DataSubject): Promise<Partial<ErasureReport>> {
    await this.flush();
    return { records: await (await this.store).eraseSubject(subjectKey(subject)) };
  }

  async sourcesWithRecords(): Promise<InsightSources> {
    return { records: await this.store, ...this.sources };
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await (await this.store.catch(() => undefined))?.close();
  }
}
