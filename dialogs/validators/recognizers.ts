import * as Recognizers from '@microsoft/recognizers-text-suite';
import { CULTURE, LANGS, type Lang } from '../../knowledge/lang.js';

/**
 * Thin wrappers around @microsoft/recognizers-text-suite in the user's culture. The French
 * models take ~5–8 s to build on first use, so the server calls warmUpRecognizers() after it
 * starts listening, and the date model only runs when a date is expected.
 */

export interface Found<T> {
  value: T;
  /** Position in the string that was given to the recognizer; end is exclusive. */
  start: number;
  end: number;
}

export function recognizeNumbers(text: string, lang: Lang): Found<number>[] {
  return Recognizers.recognizeNumber(text, CULTURE[lang])
    .map((r) => ({ value: Number((r.resolution as { value?: string } | null)?.value), start: r.start, end: r.end + 1 }))
    .filter((r) => Number.isFinite(r.value));
}

export function recognizeBooleanAnswer(text: string, lang: Lang): boolean | undefined {
  const [first] = Recognizers.recognizeBoolean(text, CULTURE[lang]);
  const value = (first?.resolution as { value?: unknown } | null | undefined)?.value;
  return typeof value === 'boolean' ? value : undefined;
}

/** The email model is English-only in 1.3.1 but reads addresses inside French or Chinese text. */
export function recognizeEmails(text: string): Found<string>[] {
  return Recognizers.recognizeEmail(text, CULTURE.en).map((r) => ({
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

export function recognizeDates(text: string, lang: Lang, now: Date): Found<DateValue[]>[] {
  return Recognizers.recognizeDateTime(text, CULTURE[lang], undefined, now).map((r) => ({
    // "en mars" alone resolves to null in fr 1.3.1: no date, not a crash.
    value: ((r.resolution as { values?: DateValue[] } | null)?.values ?? []).slice(),
    start: r.start,
    end: r.end + 1,
  }));
}

let warming: Promise<void> | undefined;

/**
 * Build every model the validators use, one culture at a time with a pause in between, so a
 * server that calls this right after listening keeps answering meanwhile. Safe to call twice.
 */
export function warmUpRecognizers(
  /** Waits between two models; the server passes "until no request is in flight". */
  pause: () => Promise<void> = () => new Promise<void>((resolve) => setImmediate(resolve)),
): Promise<void> {
  warming ??= (async () => {
    for (const lang of LANGS) {
      await pause();
      recognizeNumbers('2 000', lang);
      await pause();
      recognizeBooleanAnswer('ok', lang);
      await pause();
      recognizeDates('2027-03-15', lang, new Date());
    }
    await pause();
    recognizeEmails('a@b.co');
  })();
  return warming;
}
