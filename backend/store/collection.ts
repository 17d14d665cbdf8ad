/**
 * A keyed set of JSON documents: the seam between domain code and storage.
 *
 * Reads are async so a shared database (Cosmos DB, Postgres, Redis…) can implement it when the bot
 * runs as several instances. Values handed out are immutable snapshots (the embedded
 * implementation freezes them): copy before changing, then `put` the copy.
 */
export interface Collection<T> {
  /** Name of the collection, e.g. `quotes`; the embedded store uses it as the file name. */
  readonly name: string;
  get(key: string): Promise<T | undefined>;
  /** Durable when the promise resolves (per the store's fsync policy). */
  put(key: string, value: T): Promise<void>;
  /** Resolves to false when the key was absent. */
  delete(key: string): Promise<boolean>;
  /** Every value, in first-insertion order (creation order for quote requests). */
  values(): AsyncIterable<T>;
  size(): Promise<number>;
  /**
   * Makes deleted and superseded values unreadable from storage: the embedded journal rewrites
   * itself with the live values only; a database deletes in place and may do nothing here.
   * Called right after an erasure, so erased data is in no file once it resolves.
   */
  compact(): Promise<void>;
  /** Resolves once every write accepted so far is on disk. */
  flush(): Promise<void>;
  /** Flushes, then releases the file; later calls fail. */
  close(): Promise<void>;
}
