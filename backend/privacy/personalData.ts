import { silentLogger, type BackendLogger } from '../logger.js';
import type { DataSubject } from './subject.js';

/** What an erasure removed (or, for quote requests, unlinked), by kind: the user is told these counts. */
export const ERASED_KINDS = ['conversations', 'profiles', 'tickets', 'messages', 'questions', 'votes', 'records', 'examples', 'quotesUnlinked'] as const;
export type ErasedKind = (typeof ERASED_KINDS)[number];
export type ErasureReport = Record<ErasedKind, number>;

/**
 * A store holding personal data, as the privacy rules see it. Each store implements both
 * (embedded files today, a database next to them later):
 * - `erase`: everything of that subject gone from storage when it resolves (journals compacted
 *   right away, so no file keeps an old line); idempotent.
 * - `expire`: what outlived its retention (`STATE_TTL_DAYS`, `RETENTION_DAYS`) removed.
 */
export interface PersonalDataStore {
  readonly name: string;
  erase(subject: DataSubject): Promise<Partial<ErasureReport>>;
  /** Returns how many records were removed. */
  expire?(now: Date): Promise<number>;
  /**
   * An in-process store (a cache, a replay memory): what it holds right now, as plain data, so
   * a test can scan the process's memory after an erasure the way it scans files and rows.
   */
  inMemory?(): unknown;
}

export class ErasureError extends Error {
  constructor(readonly failures: Array<{ store: string; error: string }>) {
    super(`privacy: erasure incomplete in ${failures.map((f) => f.store).join(', ')}`);
    this.name = 'ErasureError';
  }
}

export const emptyReport = (): ErasureReport => Object.fromEntries(ERASED_KINDS.map((k) => [k, 0])) as ErasureReport;

/** Every store with personal data, registered by the features that own them. */
export class PersonalDataRegistry {
  readonly #stores: PersonalDataStore[] = [];
  readonly #log: BackendLogger;

  constructor(logger: BackendLogger = silentLogger) {
    this.#log = logger;
  }

  register(store: PersonalDataStore): void {
    this.#stores.push(store);
  }

  get stores(): readonly string[] {
    return this.#stores.map((s) => s.name);
  }

  /**
   * Erases the subject from every store. A failing store does not stop the others; the call then
   * throws `ErasureError` naming them, and running it again finishes the job.
   */
  async erase(subject: DataSubject): Promise<ErasureReport> {
    const report = emptyReport();
    const failures: Array<{ store: string; error: string }> = [];
    for (const store of this.#stores) {
      try {
        for (const [kind, n] of Object.entries(await store.erase(subject)) as Array<[ErasedKind, number]>) report[kind] += n;
      } catch (err) {
        failures.push({ store: store.name, error: (err as Error).message });
      }
    }
    if (failures.length) {
      this.#log.error({ failures }, 'privacy: erasure incomplete');
      throw new ErasureError(failures);
    }
    this.#log.info({ report }, 'privacy: data subject erased');
    return report;
  }

  /** What every in-process store holds, by store name (see `PersonalDataStore.inMemory`). */
  inMemory(): Record<string, unknown> {
    return Object.fromEntries(this.#stores.flatMap((s) => (s.inMemory ? [[s.name, s.inMemory()]] : [])));
  }

  /** The retention sweep: each store removes what is past its retention; failures are logged, not thrown. */
  async expire(now: Date): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    for (const store of this.#stores) {
      if (!store.expire) continue;
      try {
        removed[store.name] = await store.expire(now);
      } catch (err) {
        this.#log.error({ store: store.name, err: (err as Error).message }, 'privacy: retention sweep failed');
      }
    }
    this.#log.info({ removed }, 'privacy: retention sweep');
    return removed;
  }
}

const DAY_MS = 86_400_000;
/** The instant before which records `days` old are expired. */
export const cutoff = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);
