/**
 * A value as a `jsonb` parameter. PostgreSQL refuses the NUL character in jsonb text, which a
 * chat user can type; it becomes U+FFFD instead of failing the write. (The pg driver would
 * also turn a top-level array into a PostgreSQL array: serialising here avoids that too.)
 */
export function jsonb(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '\uFFFD') : v));
}
