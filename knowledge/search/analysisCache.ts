import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromRoot } from '../../bot/paths.js';
import type { Lang } from '../lang.js';
import type { TermBag, TextAnalyzer, TokenHooks } from './analyzer.js';

/**
 * The analysis of the shipped knowledge base (every example question, title, answer and
 * out-of-scope example: jieba, stemming, glossary, character grams) was about half of building
 * the FAQ index, ~0.4 s of every start. It depends only on the texts, the language resources and
 * the analyser's code, so it is kept on disk between starts: the first start writes it, later
 * starts read it back when its key (a hash of knowledge/ and of this folder's code, plus the
 * jieba version) still matches. Any other file — stale key, truncated, edited — is ignored and
 * rewritten: a cached analysis is either the one the analyser would give, or not used.
 * The index itself (BM25, example matrices, typo table) is still built from these bags: cheap,
 * and so never out of step with the code that reads it.
 */

/** Raise when the record layout changes. */
const FORMAT = 1;

interface Analysed {
  bag: [string, number][];
  /** The surface words the analyser reported to `collect`, in order (the typo vocabulary). */
  seen: string[];
}

export class AnalysisCache {
  #read = new Map<string, Analysed>();
  #used = new Map<string, Analysed>();
  #misses = 0;

  private constructor(private readonly path: string | undefined, private readonly key: string) {}

  /** Opens the cache at `path` (undefined: in memory only); a missing, stale or damaged file is an empty cache. */
  static open(path: string | undefined, key: string = analysisKey()): AnalysisCache {
    const cache = new AnalysisCache(path, key);
    if (path) cache.#read = readRecords(path, key);
    return cache;
  }

  get hits(): number {
    return this.#used.size - this.#misses;
  }

  get misses(): number {
    return this.#misses;
  }

  /** `analyzer.analyze(text, lang, hooks)`, from the cache when it holds it (hooks: `collect` only). */
  analyze(analyzer: TextAnalyzer, text: string, lang: Lang, hooks?: TokenHooks): TermBag {
    if (hooks?.fix) return analyzer.analyze(text, lang, hooks);
    const record = this.#lookup(`a\u0000${lang}\u0000${text}`, () => {
      const seen: string[] = [];
      const bag = analyzer.analyze(text, lang, { collect: (bare) => seen.push(bare) });
      return { bag: [...bag], seen };
    });
    if (hooks?.collect) for (const bare of record.seen) hooks.collect(bare);
    return new Map(record.bag);
  }

  /** `analyzer.grams(text)`, from the cache when it holds it. */
  grams(analyzer: TextAnalyzer, text: string): TermBag {
    return new Map(this.#lookup(`g\u0000${text}`, () => ({ bag: [...analyzer.grams(text)], seen: [] })).bag);
  }

  /** Writes what this build used, when something had to be analysed (atomically: a reader sees the old file or the new). */
  save(): void {
    if (!this.path || this.#misses === 0) return;
    const payload = JSON.stringify(Object.fromEntries(this.#used));
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(tmp, `${JSON.stringify({ format: FORMAT, key: this.key, digest: digest(payload) })}\n${payload}`);
      renameSync(tmp, this.path);
    } catch {
      // A read-only install only loses the speed-up.
      rmSync(tmp, { force: true });
    }
  }

  /** Frees the records once the index is built (they are only needed while building). */
  release(): void {
    this.#read = new Map();
    this.#used = new Map();
  }

  #lookup(id: string, make: () => Analysed): Analysed {
    let record = this.#used.get(id);
    if (record) return record;
    record = this.#read.get(id);
    if (!record) {
      record = make();
      this.#misses++;
    }
    this.#used.set(id, record);
    return record;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readRecords(path: string, key: string): Map<string, Analysed> {
  try {
    const text = readFileSync(path, 'utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; key?: unknown; digest?: unknown };
    const payload = text.slice(newline + 1);
    if (newline < 0 || header.format !== FORMAT || header.key !== key || header.digest !== digest(payload)) return new Map();
    const records = JSON.parse(payload) as Record<string, unknown>;
    const out = new Map<string, Analysed>();
    for (const [id, value] of Object.entries(records)) if (isAnalysed(value)) out.set(id, value);
    return out;
  } catch {
    return new Map();
  }
}

function isAnalysed(value: unknown): value is Analysed {
  const v = value as Analysed | null;
  return !!v && Array.isArray(v.bag) && Array.isArray(v.seen)
    && v.bag.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'number')
    && v.seen.every((s) => typeof s === 'string');
}

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * What the analysis depends on: every data file under knowledge/ (texts, glossary, stopwords,
 * abbreviations, jieba words), the analyser's code (this folder, as running: .ts or .js) and the
 * jieba package version.
 */
export function analysisKey(): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`);
  const add = (path: string) => hash.update(`${path}\n`).update(readFileSync(path)).update('\n');
  const walk = (dir: string, keep: RegExp) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path, keep);
      else if (keep.test(name.name)) add(path);
    }
  };
  walk(fromRoot('knowledge'), /\.(json|txt)$/);
  walk(HERE, /\.(ts|js)$/);
  const jieba = fromRoot('node_modules', '@node-rs', 'jieba', 'package.json');
  if (existsSync(jieba)) add(jieba);
  return hash.digest('hex');
}

/**
 * Where the shipped knowledge base's analysis is kept: FAQ_ANALYSIS_CACHE when set ("off": not
 * kept), else next to the build (dist/.cache/) when running from it, else node_modules/.cache/.
 */
export function defaultAnalysisCachePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.FAQ_ANALYSIS_CACHE;
  if (set === 'off') return undefined;
  if (set) return set;
  const built = HERE.includes(`${join('dist', 'knowledge')}`);
  return built ? fromRoot('dist', '.cache', 'faq-analysis.json') : fromRoot('node_modules', '.cache', 'reseller-assistant', 'faq-analysis.json');
}
