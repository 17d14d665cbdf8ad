import type { BackendLogger } from '../logger.js';
import { JournalCollection, type Collection } from '../store/index.js';
import { overlayChangeSchema, type NewOverlayChange, type OverlayChange } from './overlay.js';

/** `append(…, { after })` found a newer version than the one its decision was made on. */
export class OverlayConflictError extends Error {
  constructor(
    readonly expected: number,
    readonly latest: number,
  ) {
    super(`overlay: version ${latest} was stored meanwhile (the change was made on ${expected})`);
    this.name = 'OverlayConflictError';
  }
}

/**
 * The seam of the knowledge-base overlay: a short, versioned list of authors' decisions shared by
 * every instance. Embedded: `FileOverlayStore` (one process). PostgreSQL: `PgOverlayStore`, one
 * table with `version` as primary key (`append` takes the next version in the transaction of
 * the insert, so two authors never get one number) and a NOTIFY per version; every instance
 * also checks `version()` from time to time, since a notice can be missed.
 */
export interface OverlayStore {
  /**
   * Stores the change under the next version and returns it. With `after`, only if the latest
   * version is still `after` (the one the decision was checked against), else it throws
   * `OverlayConflictError`: two authors on two instances cannot both decide one question.
   */
  append(change: NewOverlayChange, options?: { after?: number }): Promise<OverlayChange>;
  /** Every change, oldest first. */
  list(): Promise<OverlayChange[]>;
  /** The latest version (0: nothing decided yet); cheap, polled. */
  version(): Promise<number>;
  /**
   * Takes the subject's questions out of every change (they are in no file when it resolves),
   * then records an `erasure` change so every instance rebuilds without them. Returns how many.
   */
  eraseSubject(subject: string, at: Date): Promise<number>;
  /**
   * Calls `listener` soon after any instance stored a version (and after a lost notice channel
   * is back); none embedded, where this process makes every change. Returns the unsubscribe.
   */
  watch?(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Embedded `OverlayStore`: `DATA_DIR/knowledge/overlay.jsonl`, one journal entry per version. */
export class FileOverlayStore implements OverlayStore {
  #chain: Promise<unknown> = Promise.resolve();

  private constructor(private readonly changes: Collection<OverlayChange>) {}

  static async open(dir: string, options: { logger?: BackendLogger } = {}): Promise<FileOverlayStore> {
    const changes = await JournalCollection.open<OverlayChange>({
      dir,
      name: 'overlay',
      parse: (raw) => overlayChangeSchema.parse(raw),
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return new FileOverlayStore(changes);
  }

  append(change: NewOverlayChange, { after }: { after?: number } = {}): Promise<OverlayChange> {
    return this.#serial(async () => {
      const latest = await this.version();
      if (after !== undefined && latest !== after) throw new OverlayConflictError(after, latest);
      const stored = overlayChangeSchema.parse({ ...change, version: latest + 1 });
      await this.changes.put(String(stored.version), stored);
      return stored;
    });
  }

  async list(): Promise<OverlayChange[]> {
    const out: OverlayChange[] = [];
    for await (const change of this.changes.values()) out.push(change);
    return out.sort((a, b) => a.version - b.version);
  }

  async version(): Promise<number> {
    return this.changes.size();
  }

  eraseSubject(subject: string, at: Date): Promise<number> {
    return this.#serial(async () => {
      let removed = 0;
      for (const change of await this.list()) {
        const kept = change.questions.filter((q) => q.subject !== subject);
        if (kept.length === change.questions.length) continue;
        removed += change.questions.length - kept.length;
        await this.changes.put(String(change.version), { ...change, questions: kept });
      }
      if (!removed) return 0;
      await this.changes.compact();
      const version = (await this.version()) + 1;
      await this.changes.put(String(version), overlayChangeSchema.parse({ version, at: at.toISOString(), author: 'privacy', action: 'erasure', questions: [] }));
      return removed;
    });
  }

  async close(): Promise<void> {
    await this.#chain.catch(() => undefined);
    await this.changes.close();
  }

  #serial<R>(work: () => Promise<R>): Promise<R> {
    const run = this.#chain.then(work, work);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}
