import { utcMs, type CalendarDate, type Month } from './calendar-date';

/**
 * Every date and time the widget shows goes through Intl in the client's locale with an explicit
 * zone, so nothing depends on the zone the browser happens to run in.
 */
export const locale = (typeof navigator !== 'undefined' && navigator.language) || 'en';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = zone + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })));
  return f;
}

const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' };
const SHORT_DATE: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' };
// timeStyle gives each locale its own clock: 09:00 in en-GB, 9:00 AM in en-US.
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };

export const formatTime = (instant: string, zone: string) => formatter(zone, TIME).format(new Date(instant));

export const formatTimeRange = (start: string, end: string, zone: string) =>
  formatter(zone, TIME).formatRange(new Date(start), new Date(end));

/** "Wednesday, January 6, 2027" for the day an instant falls on in `zone`. */
export const formatInstantDate = (instant: string, zone: string) => formatter(zone, LONG_DATE).format(new Date(instant));

/** "Wed, Jan 6, 10:00 AM": compact, for lists. */
export const formatShortDateTime = (instant: string, zone: string) => `${formatter(zone, SHORT_DATE).format(new Date(instant))}, ${formatTime(instant, zone)}`;

// A calendar date is formatted at its UTC midnight in UTC, so no zone can move it to another day.
export const formatDate = (date: CalendarDate, long = true) =>
  formatter('UTC', long ? LONG_DATE : { weekday: 'long', month: 'long', day: 'numeric' }).format(utcMs(date));

export const formatMonth = (month: Month) => formatter('UTC', { month: 'long', year: 'numeric' }).format(utcMs(`${month}-01`));

/** Weekday names starting at `firstDay` (0 = Sunday), short and long: for the month grid header. */
export function weekdayNames(firstDay: number): { short: string; long: string }[] {
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = Date.UTC(2023, 0, 1 + ((firstDay + i) % 7));
    return { short: formatter('UTC', { weekday: 'short' }).format(date), long: formatter('UTC', { weekday: 'long' }).format(date) };
  });
}

/** The locale's first day of the week (0 = Sunday), Monday where the browser cannot tell. */
export function firstDayOfWeek(): number {
  try {
    const l = new Intl.Locale(locale) as any;
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info?.firstDay) return info.firstDay % 7;
  } catch {
    /* an unusual locale tag: fall back */
  }
  return 1;
}

/** Today's calendar date in `zone`. */
export function todayIn(zone: string, now = new Date()): CalendarDate {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}
