import { z } from 'zod';
import type { KbOverlay } from '../../knowledge/faqOverlay.js';
import type { FaqDecision, FaqEntry } from '../../knowledge/faq.js';
import type { Lang } from '../../knowledge/lang.js';
import { silentLogger, type BackendLogger } from '../logger.js';
import { cutoff } from '../privacy/index.js';
import type { TurnRecord } from './insightRecord.js';
import { collect, type InsightStore, type TimeRange } from './insightStore.js';
import { kbPatch } from './kbPatch.js';
import { effectiveOverlay, REVIEW_ACTIONS, type OverlayChange, type ReviewedQuestion } from './overlay.js';
import { OverlayConflictError, type OverlayStore } from './overlayStore.js';
import { reviewQueue, type ReviewCluster } from './review.js';

/** The engine as the review needs it: decides, knows the topics, and is rebuilt from an overlay. */
export interface LearningEngine {
  decide(text: string, lang: Lang): FaqDecision;
  entry(id: string): FaqEntry | undefined;
  /** Overlay version the engine currently answers with. */
  readonly version: number;
  apply(overlay: KbOverlay, version: number): Promise<void>;
}

export const decisionSchema = z.strictObject({
  action: z.enum(REVIEW_ACTIONS),
  /** accept and reassign: the topic the questions become examples of. */
  topic: z.string().max(100).optional(),
  /** The topic the queue suggested, kept with the decision (accept vs reassign). */
  suggested: z.string().max(100).optional(),
  cluster: z.string().max(100).optional(),
  questions: z.array(z.string().min(1).max(100)).min(1).max(500),
});
export type ReviewDecision = z.infer<typeof decisionSchema>;

export class ReviewError extends Error {
  constructor(
    readonly code: 'unknown_topic' | 'unknown_questions' | 'already_reviewed' | 'not_found' | 'not_undoable',
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

export interface ReviewServiceDeps {
  overlay: Promise<OverlayStore>;
  records: Promise<InsightStore>;
  engine: LearningEngine;
  /** Questions can be decided on while their records are kept. */
  retentionDays: number;
  now: () => Date;
  logger?: BackendLogger;
}

/**
 * The review queue and the overlay it feeds: authors' decisions become versions of the overlay,
 * each applied to the engine in the background right after it is stored, and by every other
 * instance when the store announces it (PostgreSQL NOTIFY, version only: the rows are read from
 * the table) or, for a notice it missed, when its poll or its next review call sees a version
 * it does not answer with yet. An undo is a version too, so the history says who
 * changed what and when, and nothing is ever rewritten except for an erasure.
 */
export class ReviewService {
  readonly #log: BackendLogger;
  #refreshing: Promise<void> | undefined;
  /** A change arrived while a refresh ran: run once more. */
  #again = false;

  constructor(private readonly deps: ReviewServiceDeps) {
    this.#log = deps.logger ?? silentLogger;
    // Another instance's change, announced (PostgreSQL NOTIFY): rebuild now rather than at the next poll.
    void deps.overlay.then((store) => store.watch?.(() => void this.refresh()), () => undefined);
  }

  async queue(range: TimeRange): Promise<{ clusters: ReviewCluster[]; version: number; applied: number }> {
    const [records, changes] = await Promise.all([collect(await this.deps.records, range), (await this.deps.overlay).list()]);
    const { reviewed, version } = effectiveOverlay(changes);
    this.#catchUp(version);
    return { clusters: reviewQueue(records, reviewed, this.deps.engine), version, applied: this.deps.engine.version };
  }

  async decide(decision: ReviewDecision, author: string): Promise<OverlayChange> {
    const { engine } = this.deps;
    if (decision.action === 'accept' || decision.action === 'reassign') {
      if (!decision.topic || !engine.entry(decision.topic)) throw new ReviewError('unknown_topic', `No topic "${decision.topic ?? ''}".`, ['topic']);
    }
    // Checked against one version and stored only if it is still the latest: two authors
    // deciding one question on two instances at once get one decision and one 409.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#decideOnce(decision, author);
      } catch (err) {
        if (!(err instanceof OverlayConflictError) || attempt >= 5) throw err;
      }
    }
  }

  async #decideOnce(decision: ReviewDecision, author: string): Promise<OverlayChange> {
    const store = await this.deps.overlay;
    const { reviewed, version } = effectiveOverlay(await store.list());
    const wanted = [...new Set(decision.questions)];
    const already = wanted.filter((id) => reviewed.has(id));
    if (already.length) throw new ReviewError('already_reviewed', `Already decided: ${already.join(', ')}.`, ['questions']);
    const found = await this.#questions(new Set(wanted));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) throw new ReviewError('unknown_questions', `No question ${missing.join(', ')} in the kept records.`, ['questions']);
    const change = await store.append({
      at: this.deps.now().toISOString(),
      author,
      action: decision.action,
      ...(decision.topic && decision.action !== 'outOfScope' && decision.action !== 'ignore' ? { topic: decision.topic } : {}),
      ...(decision.suggested ? { suggested: decision.suggested } : {}),
      ...(decision.cluster ? { cluster: decision.cluster } : {}),
      questions: wanted.map((id) => found.get(id)!),
    }, { after: version });
    this.#log.info({ version: change.version, action: change.action, topic: change.topic, questions: change.questions.length, author }, 'insights: review decision stored');
    void this.refresh();
    return change;
  }

  async undo(version: number, author: string): Promise<OverlayChange> {
    for (let attempt = 1; ; attempt++) {
      const store = await this.deps.overlay;
      const changes = await store.list();
      const target = changes.find((c) => c.version === version);
      if (!target) throw new ReviewError('not_found', `No version ${version}.`);
      const { undoneBy, version: latest } = effectiveOverlay(changes);
      if (!(REVIEW_ACTIONS as readonly string[]).includes(target.action) || undoneBy.has(version)) {
        throw new ReviewError('not_undoable', `Version ${version} is ${undoneBy.has(version) ? 'already undone' : `an ${target.action}`}.`);
      }
      try {
        const change = await store.append({ at: this.deps.now().toISOString(), author, action: 'undo', undoes: version, questions: [] }, { after: latest });
        void this.refresh();
        return change;
      } catch (err) {
        if (!(err instanceof OverlayConflictError) || attempt >= 5) throw err;
      }
    }
  }

  async history(): Promise<{ version: number; applied: number; clarifyAnswerAt: number | null; confusedPairs: Array<[string, string]>; changes: Array<OverlayChange & { undoneBy?: number }> }> {
    const changes = await (await this.deps.overlay).list();
    const { undoneBy, version, overlay } = effectiveOverlay(changes);
    this.#catchUp(version);
    return {
      version,
      applied: this.deps.engine.version,
      /** Learned from the reviews: from this strength on, a "did you mean" is answered with its first topic. */
      clarifyAnswerAt: overlay.clarifyAnswerAt ?? null,
      /** Learned from the reviews: topics people mix up; a "did you mean" between two of them keeps asking. */
      confusedPairs: overlay.confusedPairs ?? [],
      changes: changes.map((c) => ({ ...c, ...(undoneBy.has(c.version) ? { undoneBy: undoneBy.get(c.version)! } : {}) })),
    };
  }

  async patch(): Promise<string> {
    return kbPatch(effectiveOverlay(await (await this.deps.overlay).list()).overlay);
  }

  /**
   * Brings the engine to the stored version, if it is behind: called after each change, on a
   * store's notice, by the poll and the review calls (a notice missed) and at start-up. Concurrent calls share one run.
   */
  refresh(): Promise<void> {
    this.#again = Boolean(this.#refreshing);
    this.#refreshing ??= (async () => {
      try {
        do {
          this.#again = false;
          const store = await this.deps.overlay;
          if ((await store.version()) === this.deps.engine.version) continue;
          const effective = effectiveOverlay(await store.list());
          await this.deps.engine.apply(effective.overlay, effective.version);
          this.#log.info(
            { version: effective.version, examples: effective.overlay.examples.length, outOfScope: effective.overlay.outOfScope.length },
            'insights: knowledge overlay applied',
          );
        } while (this.#again);
      } catch (err) {
        this.#log.error({ err: { message: (err as Error).message } }, 'insights: the knowledge overlay could not be applied');
      } finally {
        this.#refreshing = undefined;
      }
    })();
    return this.#refreshing;
  }

  async erase(subject: string): Promise<number> {
    const removed = await (await this.deps.overlay).eraseSubject(subject, this.deps.now());
    if (removed) await this.refresh();
    return removed;
  }

  /** A version this instance missed (a notice lost, the poll not due yet): applied in the background. */
  #catchUp(stored: number): void {
    if (stored !== this.deps.engine.version) void this.refresh();
  }

  /** The records of these ids still kept, as the overlay stores them. */
  async #questions(ids: Set<string>): Promise<Map<string, ReviewedQuestion>> {
    const now = this.deps.now();
    const range = { from: cutoff(now, this.deps.retentionDays), to: new Date(now.getTime() + 86_400_000) };
    const out = new Map<string, ReviewedQuestion>();
    for (const record of await (await this.deps.records).find([...ids], range)) {
      if (record.kind !== 'turn' || !(record as TurnRecord).text) continue;
      const { faq } = record as TurnRecord;
      const top = faq?.answered ?? faq?.candidates[0]?.id;
      const strength = faq?.confidence ?? faq?.candidates[0]?.score;
      out.set(record.id, {
        record: record.id,
        lang: record.lang,
        text: (record as TurnRecord).text!,
        ...(record.subject ? { subject: record.subject } : {}),
        ...(faq ? { seen: { decision: faq.decision, ...(top ? { top } : {}), ...(strength !== undefined ? { strength } : {}) } } : {}),
      });
    }
    return out;
  }
}
