import { createFaqEngine, defaultFaqEngine, loadFaqEntries, loadOutOfScopeExamples, type FaqDecision, type FaqEngine } from './faq.js';
import { layerOverlay, wordingKey, type KbOverlay } from './faqOverlay.js';
import type { Lang } from './lang.js';

/** Builds an engine from the shipped knowledge base plus an overlay (the default: the real one). */
export type OverlayEngineBuilder = (overlay: KbOverlay) => FaqEngine;

export const buildWithOverlay: OverlayEngineBuilder = (overlay) => {
  const layered = layerOverlay(loadFaqEntries(), loadOutOfScopeExamples(), overlay);
  return createFaqEngine(layered.entries, { outOfScope: layered.outOfScope });
};

/** How sure a decision is: the engine's confidence when it gives one, else its best score. */
export function strengthOf(decision: FaqDecision): number {
  const confidence = (decision as { confidence?: unknown }).confidence;
  return typeof confidence === 'number' ? confidence : (decision.candidates[0]?.score ?? 0);
}

/**
 * The FAQ engine the bot answers with, swapped while it runs: when authors change the overlay, a
 * new engine is built from the shipped topics plus the overlay, then replaces the old one in a
 * single assignment, so a question is decided by one engine or the other, never a mix. Until the
 * first overlay arrives it is the shared default engine (no second index is built).
 *
 * On top of the rebuilt engine, in this order:
 * - a wording an author decided on is decided that way (exactly that wording, any case or
 *   punctuation): the rebuilt index makes similar questions likelier to be answered, this makes
 *   the reviewed one certain;
 * - the overlay only adds: a question the shipped knowledge base answers keeps that answer when
 *   the rebuilt engine would no longer answer it (real questions are long and chatty, and as
 *   examples they shift the ranking of unrelated questions a little — measured: three right
 *   answers lost for none gained on the realistic set's even half);
 * - a "did you mean" as sure as the threshold learned from the reviews (`clarifyAnswerAt`) is
 *   answered with its first topic instead.
 */
export class LiveFaqEngine implements FaqEngine {
  #engine: FaqEngine | undefined;
  #remembered = new Map<string, string | null>();
  #clarifyAnswerAt: number | undefined;
  #version = 0;
  #pending: { overlay: KbOverlay; version: number } | undefined;
  #building: Promise<void> | undefined;

  constructor(
    private readonly build: OverlayEngineBuilder = buildWithOverlay,
    private readonly base: () => FaqEngine = defaultFaqEngine,
  ) {}

  /** The overlay version the current engine was built from (0: the shipped knowledge base alone). */
  get version(): number {
    return this.#version;
  }

  /**
   * Rebuilds with this overlay in the background (after the current turn, off the request
   * path); resolves once it answers with it. Calls made during a build are merged: only the
   * latest version is built next.
   */
  apply(overlay: KbOverlay, version: number): Promise<void> {
    this.#pending = { overlay, version };
    this.#building ??= this.#drain().finally(() => (this.#building = undefined));
    return this.#building;
  }

  decide(text: string, lang: Lang): FaqDecision {
    const current = this.current;
    let decision = current.decide(text, lang);
    const remembered = this.#remembered.get(`${lang}\u0000${wordingKey(text)}`);
    if (remembered === null) return { ...decision, kind: 'none' } as FaqDecision;
    if (remembered !== undefined) return answerWith(decision, remembered);
    if (decision.kind !== 'answer' && current !== this.base()) {
      const shipped = this.base().decide(text, lang);
      if (shipped.kind === 'answer') decision = shipped;
    }
    if (decision.kind === 'clarify' && this.#clarifyAnswerAt !== undefined && decision.candidates[0] && strengthOf(decision) >= this.#clarifyAnswerAt) {
      return answerWith(decision, decision.candidates[0].id);
    }
    return decision;
  }

  entry: FaqEngine['entry'] = (id) => this.current.entry(id);
  entries: FaqEngine['entries'] = () => this.current.entries();
  search: FaqEngine['search'] = (text, lang, limit) => this.current.search(text, lang, limit);

  private get current(): FaqEngine {
    return (this.#engine ??= this.base());
  }

  async #drain(): Promise<void> {
    while (this.#pending) {
      // Let the turn that asked for it finish first (building takes a few hundred milliseconds),
      // and take the latest overlay only then.
      await new Promise((resolve) => setImmediate(resolve));
      const { overlay, version } = this.#pending;
      this.#pending = undefined;
      const engine = overlay.examples.length || overlay.outOfScope.length ? this.build(overlay) : this.base();
      const remembered = new Map<string, string | null>();
      for (const { lang, text } of overlay.outOfScope) remembered.set(`${lang}\u0000${wordingKey(text)}`, null);
      for (const { topic, lang, text } of overlay.examples) remembered.set(`${lang}\u0000${wordingKey(text)}`, topic);
      this.#engine = engine;
      this.#remembered = remembered;
      this.#clarifyAnswerAt = overlay.clarifyAnswerAt;
      this.#version = version;
    }
  }
}

/** The decision turned into an answer with this topic first among its candidates. */
function answerWith(decision: FaqDecision, id: string): FaqDecision {
  const candidates = [{ id, score: decision.candidates.find((c) => c.id === id)?.score ?? 1 }, ...decision.candidates.filter((c) => c.id !== id)].slice(0, 3);
  return { ...decision, kind: 'answer', id, candidates } as FaqDecision;
}
