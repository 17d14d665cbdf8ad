import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import { fromRoot } from '../../bot/paths.js';
import { layerOverlay, type KbOverlay } from '../../knowledge/faqOverlay.js';
import type { OutOfScopeExamples } from '../../knowledge/faq.js';
import type { FaqEntry } from '../../knowledge/faq.js';

const FAQ_DIR = join('knowledge', 'faq');
const OUT_OF_SCOPE = join('knowledge', 'faq-data', 'out-of-scope.json');

/** The knowledge files are written as `JSON.stringify(value, null, 2)` plus a newline. */
const serialise = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function unifiedDiff(path: string, before: string, after: string): string {
  const { hunks } = structuredPatch(path, path, before, after, '', '', { context: 3 });
  if (!hunks.length) return '';
  const lines = [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`];
  for (const h of hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The overlay as a patch to the repository's knowledge files (`git apply`-able, paths from the
 * project root): new example questions appended to each topic's `questions` in their language,
 * new out-of-scope questions appended to their language's list. Wordings already in a file are
 * not added again, so exporting after the patch was merged gives an empty patch.
 */
export function kbPatch(overlay: KbOverlay, root = fromRoot()): string {
  const topics = [...new Set(overlay.examples.map((e) => e.topic))].sort();
  const parts: string[] = [];
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const entries: FaqEntry[] = [];
  const texts = new Map<string, string>();
  for (const topic of topics) {
    const path = join(FAQ_DIR, `${topic}.json`);
    let text: string;
    try {
      text = read(path);
    } catch {
      continue; // a topic the repository no longer has: nothing to patch
    }
    texts.set(topic, text);
    entries.push(JSON.parse(text) as FaqEntry);
  }
  const outOfScopeText = read(OUT_OF_SCOPE);
  const layered = layerOverlay(entries, JSON.parse(outOfScopeText) as OutOfScopeExamples, overlay);
  for (const entry of layered.entries) {
    parts.push(unifiedDiff(join(FAQ_DIR, `${entry.id}.json`).replaceAll('\\', '/'), texts.get(entry.id)!, serialise(entry)));
  }
  if (overlay.outOfScope.length) {
    const before = JSON.parse(outOfScopeText) as OutOfScopeExamples;
    // Only the lists that grew are rewritten, so the rest of the file keeps its layout.
    parts.push(unifiedDiff(OUT_OF_SCOPE.replaceAll('\\', '/'), outOfScopeText, sameLayout(outOfScopeText, before, layered.outOfScope)));
  }
  return parts.filter(Boolean).join('');
}

/** The out-of-scope file with its grown lists re-serialised in place (the file may not be in canonical JSON layout). */
function sameLayout(text: string, before: OutOfScopeExamples, after: OutOfScopeExamples): string {
  if (serialise(before) === text) return serialise(after);
  let out = text;
  for (const lang of ['en', 'fr', 'zh'] as const) {
    const added = (after[lang] ?? []).slice((before[lang] ?? []).length);
    if (!added.length) continue;
    // Insert before the closing bracket of that language's array.
    const start = out.search(new RegExp(`"${lang}"\\s*:\\s*\\[`));
    if (start < 0) return serialise(after);
    const close = out.indexOf(']', start);
    const body = out.slice(start, close).trimEnd();
    const indent = /\n([ \t]+)"[^\n]*$/.exec(body)?.[1] ?? '    ';
    const insertion = added.map((t) => `,\n${indent}${JSON.stringify(t)}`).join('');
    const cut = start + body.length;
    out = `${out.slice(0, cut)}${insertion}${out.slice(cut)}`;
  }
  return out;
}
