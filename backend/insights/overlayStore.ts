import type { BackendLogger } from '../logger.js';
import { JournalCollection, type Collection } from '../store/index.js';
import { overlayChangeSchema, type NewOverlayChange, type OverlayChange } from './overlay.js';

/**
 * The seam of the knowledge-base overlay: a short, versioned list of authors' decisions shared by
 * every instance. A database implements it as one table with `version` as primary key
 * (`append` takes the next version in the same transaction as the insert, so two authors never
 * get one number); every instance polls `version()` and rebuilds its index when it moved.
 */
export interface OverlayStore {
  /** Stores the change under the next version and returns it. */
  append(change: NewOverlayChange): Promise<OverlayChange>;
  /** Every change, oldest first. */
  list(): Promise<OverlayChange[]>;
  /** The latest version (0: nothing decided yet); cheap, polled. */
  version(): Promise<number>;
  /**
   * Takes the subject's questions out of every change (they are in no file when it resolves),
   * then records an `erasure` change so every instance rebuilds without them. Returns how many.
   */
  eraseSubject(subject: string, at: Date): Promise<number>;
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

  append(change: NewOverlayChange): Promise<OverlayChange> {
    return this.#serial(async () => {
      const stored = overlayChangeSchema.parse({ ...change, version: (await this.version()) + 1 });
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
