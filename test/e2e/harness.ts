import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { fromRoot } from '../../bot/paths.js';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Browser tests need Debian's chromium. On a developer machine without it they
 * skip with a message; under CI (CI set) a missing browser is a failure.
 */
export function requireChromium(ctx: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium).`);
  console.log(`  skipped: ${CHROMIUM} not found (apt-get update && apt-get install -y chromium)`);
  ctx.skip();
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile, so no state leaks between runs. */
export async function launch(viewport = { width: 390, height: 844 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ra-e2e-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (errors.length) console.log(`  page errors: ${errors.join(' | ')}`);
    },
  };
}

/**
 * Saves test-artifacts/<name>.png; with E2E_SCREENSHOTS=docs (npm run screenshots)
 * also docs/screenshots/<name>.png for the README.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = fromRoot('test-artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.E2E_SCREENSHOTS === 'docs') {
    mkdirSync(fromRoot('docs', 'screenshots'), { recursive: true });
    copyFileSync(file, fromRoot('docs', 'screenshots', `${name}.png`));
  }
}

/**
 * Distinctive text of an FAQ answer as the user sees it: the answer's first
 * line, markdown removed (the clients render it), whitespace and quotes normalised.
 */
export function faqAnswerStart(id: string, lang: 'en' | 'fr' | 'zh'): string {
  const entry = JSON.parse(readFileSync(fromRoot('knowledge', 'faq', `${id}.json`), 'utf8')) as Record<string, { answer: string }>;
  const firstLine = entry[lang]!.answer.split('\n').find((l) => l.trim())!;
  return normalise(firstLine.replace(/[*_`#>]/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1'));
}

export function normalise(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Waits until the element's visible text contains `expected` (normalised). */
export async function waitForText(page: Page, selector: string, expected: string, timeout = 20_000): Promise<void> {
  const want = normalise(expected);
  await page.waitForFunction(
    ([sel, w]) => {
      // Runs in the page; the project's types have no DOM lib, so name only what is used.
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { innerText?: string } | null } }).document;
      const el = doc.querySelector(sel as string);
      const text = (el?.innerText ?? '').replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
      return text.includes(w as string);
    },
    [selector, want],
    { timeout },
  );
}
