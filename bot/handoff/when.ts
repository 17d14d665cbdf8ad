import type { BusinessHours } from '../../backend/handoff/index.js';
import type { Lang } from '../../knowledge/lang.js';
import { REPLY_LOCALE } from '../locale.js';

const HOUR = 3_600_000;

export interface FollowUpPromise {
  /** `by`: an answer before `at`; `from`: the team is closed and answers once back at `at`. */
  kind: 'by' | 'from';
  at: Date;
}

/**
 * When a user asking for an email follow-up may expect the answer: before
 * today's closing time when there is more than an hour left, within a day
 * when the team never closes, otherwise from the next opening.
 */
export function followUpPromise(hours: BusinessHours, now: Date): FollowUpPromise {
  const closing = hours.closingTime(now);
  if (closing && closing.getTime() - now.getTime() >= HOUR) return { kind: 'by', at: closing };
  if (hours.isOpen(now) && !closing) return { kind: 'by', at: new Date(now.getTime() + 24 * HOUR) };
  return { kind: 'from', at: hours.nextOpening(closing ?? now) };
}

/** "Monday 24 November, 09:00 CET" in the user's language and the team's time zone. */
export function formatWhen(at: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(REPLY_LOCALE[lang], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}
