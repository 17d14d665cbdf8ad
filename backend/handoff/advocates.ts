import { createHash, timingSafeEqual } from 'node:crypto';

export interface Advocate {
  name: string;
}

/** Keys shorter than this are refused: they would be guessable. */
export const MIN_KEY_LENGTH = 16;

/** `ADVOCATES=name:key,name:key` → entries; throws naming the bad entry. */
export function parseAdvocates(spec: string): Array<{ name: string; key: string }> {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item, i) => {
      const at = item.indexOf(':');
      const name = at > 0 ? item.slice(0, at).trim() : '';
      const key = at > 0 ? item.slice(at + 1).trim() : '';
      if (!name || !key) throw new Error(`entry ${i + 1}: expected name:key`);
      if (key.length < MIN_KEY_LENGTH) throw new Error(`entry ${i + 1} (${name}): the key needs at least ${MIN_KEY_LENGTH} characters`);
      return { name, key };
    });
  const names = new Set(entries.map((e) => e.name));
  const keys = new Set(entries.map((e) => e.key));
  if (names.size !== entries.length) throw new Error('two advocates have the same name');
  if (keys.size !== entries.length) throw new Error('two advocates have the same key');
  return entries;
}

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/**
 * Finds the advocate a key belongs to. Keys are compared as SHA-256 digests
 * with timingSafeEqual, every entry every time, so neither the length nor the
 * first differing character of a key leaks through response time.
 */
export class AdvocateDirectory {
  private readonly entries: Array<{ name: string; digest: Buffer }>;

  constructor(entries: Array<{ name: string; key: string }>) {
    this.entries = entries.map((e) => ({ name: e.name, digest: digest(e.key) }));
  }

  get size(): number {
    return this.entries.length;
  }

  authenticate(key: string | undefined): Advocate | undefined {
    const given = digest(key ?? '');
    let found: Advocate | undefined;
    for (const e of this.entries) {
      if (timingSafeEqual(given, e.digest) && key) found = { name: e.name };
    }
    return found;
  }
}
