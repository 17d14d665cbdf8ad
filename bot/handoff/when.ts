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

/** A time zone Intl knows, or undefined. */
function knownZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || !zone || zone.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** The user's own time zone, when the client says it (`localTimezone`, or a `clientInfo` entity's `timezone`). */
export function userTimeZone(activity: { localTimezone?: string; entities?: Array<{ type?: string; [key: string]: unknown }> }): string | undefined {
  const fromEntity = activity.entities?.find((e) => e?.type === 'clientInfo')?.timezone;
  return knownZone(activity.localTimezone) ?? knownZone(fromEntity);
}

const parts = (at: Date, locale: string, options: Intl.DateTimeFormatOptions): Record<string, string> =>
  Object.fromEntries(new Intl.DateTimeFormat(locale, options).formatToParts(at).map((p) => [p.type, p.value]));

/** "heure de Paris", "Paris time", "北京时间", else the offset ("UTC+1"): said only when the time is not in the user's own zone. */
function zoneLabel(at: Date, lang: Lang, zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Etc/GMT') return 'UTC';
  if (lang === 'zh' && (zone === 'Asia/Shanghai' || zone === 'Asia/Chongqing' || zone === 'PRC')) return '北京时间';
  const offset = (parts(at, 'en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).timeZoneName ?? 'GMT').replace(/^GMT/, 'UTC');
  const city = zone.includes('/') ? zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ') : '';
  if (!city || lang === 'zh') return offset === 'UTC' ? 'UTC' : offset;
  return lang === 'fr' ? `heure de ${city}` : `${city} time`;
}

/**
 * A time promised to a user, as their language writes it: "jeudi 3 décembre à 15 h 46",
 * "Thursday, December 3 at 3:46 PM", "12月3日星期四15:46". In the user's own zone when the
 * client gave it (then no zone is named), otherwise in the team's, named: "(heure de Paris)".
 */
export function formatWhen(at: Date, lang: Lang, teamZone: string, userZone?: string): string {
  const zone = userZone ?? teamZone;
  const locale = REPLY_LOCALE[lang];
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: zone }).format(at);
  const clock = parts(at, locale, { hour: 'numeric', minute: '2-digit', hourCycle: lang === 'en' ? 'h12' : 'h23', timeZone: zone });
  const hour = String(Number(clock.hour));
  const minute = clock.minute ?? '00';
  const label = userZone ? '' : zoneLabel(at, lang, zone);
  if (lang === 'fr') return `${day} à ${minute === '00' ? `${hour} h` : `${hour} h ${minute}`}${label ? ` (${label})` : ''}`;
  if (lang === 'zh') return `${day}${hour.padStart(2, '0')}:${minute}${label ? `（${label}）` : ''}`;
  return `${day} at ${hour}:${minute} ${clock.dayPeriod ?? ''}`.trimEnd() + (label ? ` (${label})` : '');
}
