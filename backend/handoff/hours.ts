/**
 * Business hours such as `Mon-Fri 09:00-18:00 Europe/Paris`, evaluated in the
 * named time zone with Intl (no date library). `always` means the advocate
 * team never closes.
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

export interface BusinessHours {
  /** The original text, for logs and the console. */
  readonly spec: string;
  readonly timeZone: string;
  isOpen(at: Date): boolean;
  /** The first instant at or after `from` when the team is open. */
  nextOpening(from: Date): Date;
  /** When the current opening ends; undefined when closed or always open. */
  closingTime(from: Date): Date | undefined;
}

interface Window {
  days: Set<number>;
  start: number;
  end: number;
}

function dayIndex(name: string): number {
  const i = DAYS.findIndex((d) => d.toLowerCase() === name.slice(0, 3).toLowerCase());
  if (i < 0) throw new Error(`unknown day "${name}"`);
  return i;
}

function parseDays(text: string): Set<number> {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to] = part.split('-');
    if (!from) throw new Error(`bad days "${text}"`);
    const a = dayIndex(from);
    const b = to === undefined ? a : dayIndex(to);
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return days;
}

function parseClock(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || (h === 24 && min > 0)) throw new Error(`bad time "${text}"`);
  return h * 60 + min;
}

/** Weekday (0 = Sunday) and minute of the day of `at`, in `timeZone`. */
function localClock(format: Intl.DateTimeFormat, at: Date): { day: number; minute: number } {
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour) % 24;
  return { day: dayIndex(parts.weekday ?? ''), minute: hour * 60 + Number(parts.minute) };
}

/** Throws an Error naming what is wrong, so config validation can report it. */
export function parseBusinessHours(spec: string): BusinessHours {
  const trimmed = spec.trim();
  if (trimmed.toLowerCase() === 'always') return alwaysOpen(trimmed);
  const m = /^(\S+)\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})\s+(\S+)$/.exec(trimmed);
  if (!m) throw new Error(`expected "Mon-Fri 09:00-18:00 Europe/Paris" or "always", got "${spec}"`);
  const [, days, start, end, timeZone] = m as unknown as [string, string, string, string, string];
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    throw new Error(`unknown time zone "${timeZone}"`);
  }
  const window: Window = { days: parseDays(days), start: parseClock(start), end: parseClock(end) };
  if (window.end <= window.start) throw new Error(`the day must end after it starts in "${spec}"`);

  const isOpen = (at: Date): boolean => {
    const { day, minute } = localClock(format, at);
    return window.days.has(day) && minute >= window.start && minute < window.end;
  };

  return {
    spec: trimmed,
    timeZone,
    isOpen,
    nextOpening(from) {
      // Jump by local-clock differences; re-reading the clock after each jump absorbs DST shifts.
      let t = new Date(Math.ceil(from.getTime() / MINUTE) * MINUTE);
      for (let i = 0; i < 32 && !isOpen(t); i++) {
        const { day, minute } = localClock(format, t);
        const jump = window.days.has(day) && minute < window.start ? window.start - minute : DAY_MINUTES - minute;
        const landed = new Date(t.getTime() + jump * MINUTE);
        const { minute: after } = localClock(format, landed);
        // A DST change crossed during the jump can land past the opening: step back to it.
        t = isOpen(landed) && after > window.start ? new Date(landed.getTime() - (after - window.start) * MINUTE) : landed;
        if (!isOpen(t)) t = landed;
      }
      return t;
    },
    closingTime(from) {
      if (!isOpen(from)) return undefined;
      const { minute } = localClock(format, from);
      return new Date(Math.floor(from.getTime() / MINUTE) * MINUTE + (window.end - minute) * MINUTE);
    },
  };
}

function alwaysOpen(spec: string): BusinessHours {
  return {
    spec,
    timeZone: 'UTC',
    isOpen: () => true,
    nextOpening: (from) => from,
    closingTime: () => undefined,
  };
}
