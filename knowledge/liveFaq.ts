import { createFaqEngine, defaultFaqEngine, loadFaqEntries, loadOutOfScopeExamples, type FaqDecision, type FaqEngine } from './faq.js';
import { layerOverlay, wordingKey, type KbOverlay } from './faqOverlay.js';
import type { Lang } from './lang.js';

/** Builds an engine from the shipped knowledge base plus an overlay (the default: the real one). */
export type OverlayEngineBuilder = (overlay: KbOverlay) => FaqEngine;

export const buildWithOverlay: OverlayEngineBuilder = (overlay) => {
  const layered = layerOverlay(loadFaqEntries(), loadOutOfScopeExamples(), overlay);
  return createFaqEngine(layered.entries, { outOfScope: layered.outOfScope });
};

/**
 * The FAQ engine the bot answers with, swapped while it runs: when authors change the overlay, a
 * new engine is built from the shipped topics plus the overlay, then replaces the old one in a
 * single assignment, so a question is decided by one engine or the other, never a mix. Until the
 * first overlay arrives it is the shared default engine (no second index is built).
 *
 * A wording an author filed explicitly is decided by that decision first (`remembered`): the
 * rebuilt index makes similar questions likelier to be answered, this makes the exact one certain.
 */
export class LiveFaqEngine implements FaqEngine {
  #engine: FaqEngine | undefined;
  #remembered = new Map<string, string | null>();
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
    const decision = this.current.decide(text, lang);
    const remembered = this.#remembered.get(`${lang}\u0000${wordingKey(text)}`);
    if (remembered === undefined) return decision;
    if (remembered === null) return { ...decision, kind: 'none' } as FaqDecision;
    const candidates = [{ id: remembered, score: decision.candidates.find((c) => c.id === remembered)?.score ?? 1 }, ...decision.candidates.filter((c) => c.id !== remembered)].slice(0, 3);
    return { ...decision, kind: 'answer', id: remembered, candidates } as FaqDecision;
  }

  entry: FaqEngine['entry'] = (id) => this.current.entry(id);
  entries: FaqEngine['entries'] = () => this.current.entries();
  search: FaqEngine['search'] = (text, lang, limit) => this.current.search(text, lang, limit);

  private get current(): FaqEngine {
    return (this.#engine ??= this.base());
  }

  async #drain(): Promise<void> {
    while (this.#pending) {
      const { overlay, version } = this.#pending;
      this.#pending = undefined;
      // Let the turn that asked for it finish first: building takes a few hundred milliseconds.
      await new Promise((resolve) => setImmediate(resolve));
      const engine = overlay.examples.length || overlay.outOfScope.length ? this.build(overlay) : this.base();
      const remembered = new Map<string, string | null>();
      for (const { lang, text } of overlay.outOfScope) remembered.set(`${lang}\u0000${wordingKey(text)}`, null);
      for (const { topic, lang, text } of overlay.examples) remembered.set(`${lang}\u0000${wordingKey(text)}`, topic);
      this.#engine = engine;
      this.#remembered = remembered;
      this.#version = version;
    }
  }
}
