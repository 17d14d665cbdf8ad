import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { z } from 'zod';
import { PROJECT_ROOT } from '../../bot/paths.js';

/**
 * Read a JSON data file and check it with a zod schema. A broken file throws one error naming
 * the file and every bad field, so a wrong edit stops start-up with a readable message.
 */
export function loadJsonFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const shown = relative(PROJECT_ROOT, file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${shown}: cannot read JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${shown}: invalid data — ${problems.join('; ')}`);
  }
  return parsed.data;
}
