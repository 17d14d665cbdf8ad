import type { ModelResult } from '@microsoft/recognizers-text';
import { LANGS, type Lang } from '../../knowledge/lang.js';
import { booleanModel, dateModel, emailModel, numberModel } from './recognizerModels.js';
import { blankLongDigitRuns, dateWindow, leadingWindows, type TextWindow } from './recognizerWindows.js';

/**
 * Thin wrappers around the recognizers-text models in the user's culture (recognizerModels.ts:
 * each built once, on first use). The models take up to a second to build and compile, so the
 * server calls warmUpRecognizers() after it starts listening, in the background, and the date
 * model only runs when a date is expected.
 *
 * The models are super-linear on long or repetitive text, so each wrapper hands them bounded
 * windows (recognizerWindows.ts): numbers read the first 400 characters, 200 at a time; a
 * yes/no answer its first 80; dates an answer of up to 40 characters whole, else 32 characters
 * around where a date most likely is. Positions still refer to the text given to the wrapper.
 * The validators of one turn often ask the same question twice (the interpreter, then the
 * validator), so the last few answers of each model are remembered.
 */

export interface Found<T> {
  value: T;
  /** Position in the string that was given to the recognizer; end is exclusive. */
  start: number;
  end: number;
}

const NUMBER_WINDOW = 200;
const NUMBER_BUDGET = 400;
const BOOLEAN_BUDGET = 80;
const DATE_WHOLE = 40;
const DATE_WINDOW = 32;
const EMAIL_WINDOW = 1000;
const EMAIL_BUDGET = 8000;

/** The last answers of one model, by input: a turn's second identical call costs nothing. */
class Recent<T> {
  private readonly entries: Array<[string, T]> = [];
  get(key: string, compute: () => T): T {
    const hit = this.entries.find(([k]) => k === key);
    if (hit) return hit[1];
    const value = compute();
    this.entries.unshift([key, value]);
    if (this.entries.length > 8) this.entries.pop();
    return value;
  }
}

/** Results are shared between callers of the cache: hand each a copy it may change. */
const copies = <T extends object>(found: T[]): T[] => found.map((f) => structuredClone(f));

const recentNumbers = new Recent<Found<number>[]>();
const recentDates = new Recent<Found<DateValue[]>[]>();

/** Runs `recognize` on each window and shifts the results back to the caller's positions. */
function inWindows(windows: TextWindow[], recognize: (text: string) => ModelResult[]): ModelResult[] {
  return windows.flatMap((w) => recognize(w.text).map((r) => ({ ...r, start: r.start + w.start, end: r.end + w.start })));
}

export function recognizeNumbers(text: string, lang: Lang): Found<number>[] {
  return copies(
    recentNumbers.get(`${lang}\u0000${text}`, () =>
      inWindows(leadingWindows(blankLongDigitRuns(text), NUMBER_WINDOW, NUMBER_BUDGET), (t) => numberModel(lang).parse(t))
        .map((r) => ({ value: Number((r.resolution as { value?: string } | null)?.value), start: r.start, end: r.end + 1 }))
        .filter((r) => Number.isFinite(r.value)),
    ),
  );
}

export function recognizeBooleanAnswer(text: string, lang: Lang): boolean | undefined {
  const [head] = leadingWindows(text, BOOLEAN_BUDGET, BOOLEAN_BUDGET);
  const [first] = head ? booleanModel(lang).parse(head.text) : [];
  const value = (first?.resolution as { value?: unknown } | null | undefined)?.value;
  return typeof value === 'boolean' ? value : undefined;
}

/** The email model is English-only in 1.3.1 but reads addresses inside French or Chinese text. */
export function recognizeEmails(text: string): Found<string>[] {
  return inWindows(leadingWindows(text, EMAIL_WINDOW, EMAIL_BUDGET), (t) => emailModel().parse(t)).map((r) => ({
    value: String((r.resolution as { value?: string } | null)?.value ?? r.text),
    start: r.start,
    end: r.end + 1,
  }));
}

export interface DateValue {
  type: string;
  timex?: string;
  value?: string;
  start?: string;
  end?: string;
  Mod?: string;
}

/**
 * A date needs a word (a month, "tomorrow", 月), a day/month pair or a year: without any, the date
 * model (40 ms for "1 1 1 1 …" in French) is not asked.
 */
const DATE_SHAPED = /\p{L}|\d{1,2}[/.-]\d{1,2}|\d{4}/u;

export function recognizeDates(text: string, lang: Lang, now: Date): Found<DateValue[]>[] {
  const window = text.length <= DATE_WHOLE ? { start: 0, text } : dateWindow(text, DATE_WINDOW);
  if (!DATE_SHAPED.test(window.text)) return [];
  // Remembered by the window read, not the whole text: variants of one message (with and without
  // a name or a SEN) usually come down to the same window. Keyed to the minute: two calls of one
  // turn pass two `new Date()`s a few ms apart.
  const found = recentDates.get(`${lang}\u0000${Math.floor(now.getTime() / 60_000)}\u0000${window.text}`, () =>
    dateModel(lang).parse(window.text, now).map((r) => ({
      // Some expressions ("en mars", "fin juin 2027 mars") resolve to null in 1.3.1: no date, not a crash.
      value: ((r.resolution as { values?: DateValue[] } | null)?.values ?? []).slice(),
      start: r.start,
      end: r.end + 1,
    })),
  );
  return copies(found).map((f) => ({ ...f, start: f.start + window.start, end: f.end + window.start }));
}

/**
 * What warm-up feeds each model. V8 compiles a regular expression when it first runs on
 * one-byte (Latin-1) text, again natively on its second run, and once more for two-byte text
 * (Chinese); with the recognizers' large patterns a compilation costs up to ~1 s (measured here),
 * which the first messages used to pay, and texts of other shapes ("1 1 1 …") reach patterns a
 * plain sentence does not. So each model reads what its users send, more than once: Latin
 * sentences and digits in odd shapes in every culture, Chinese (twice) in the Chinese one only.
 * Chinese text through the French and English models too tripled the time to ready (7 s → 24 s
 * in the bench) for messages nobody sends.
 */
const ENGLISH = 'I need 2,000 users by the end of June 2027, about 3 years, from 15/03/2027, yes please';
const FRENCH = "je voudrais un devis pour deux mille utilisateurs d'ici fin juin 2027, trois ans, le 1er mars, oui merci";
// Digits in odd shapes take the number model down other paths (measured: 1 s for "1 1 1 …").
const DIGITS = '1 1 1 1 1 1.1.1.1 1,000 1 000 1k 1/2 2e 3rd 50% $1 12345678901234 1-1-1';
const HAN = '两千个用户，2027年6月底之前，3年，2027-03-15';
const WARM_UP: Record<Lang, readonly string[]> = {
  en: [ENGLISH, DIGITS],
  fr: [FRENCH, ENGLISH, DIGITS],
  zh: [ENGLISH, DIGITS, HAN, HAN],
};

const warming = new Map<Lang, Promise<void>>();
const warmed = new Set<Lang>();

/** The languages whose models are built and compiled (told by /readyz). */
export const warmLanguages = (): Lang[] => LANGS.filter((lang) => warmed.has(lang));
let emailsWarm: Promise<void> | undefined;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds and compiles one language's models (numbers, yes/no, dates) and the email model, one
 * step at a time with a pause in between, so a server that calls this keeps answering meanwhile.
 * Each language once (/readyz lists the warm ones).
 */
export function warmUpLanguage(lang: Lang, pause: () => Promise<void> = nextTick): Promise<void> {
  let done = warming.get(lang);
  if (!done) {
    done = (async () => {
      for (const text of WARM_UP[lang]) {
        await pause();
        recognizeNumbers(text, lang);
        await pause();
        recognizeBooleanAnswer(text, lang);
        await pause();
        recognizeDates(text.slice(0, DATE_WHOLE), lang, new Date());
      }
      emailsWarm ??= (async () => {
        await pause();
        recognizeEmails(`${FRENCH} a@b.co`);
        recognizeEmails(`${DIGITS} a@b.co`);
      })();
      await emailsWarm;
      warmed.add(lang);
    })();
    warming.set(lang, done);
  }
  return done;
}

/** Every language's models, one language after the other. */
export async function warmUpRecognizers(pause: () => Promise<void> = nextTick): Promise<void> {
  for (const lang of LANGS) await warmUpLanguage(lang, pause);
}
