import { DateTime } from 'luxon';

/**
 * How an appointment's time reads in an email: in the reader's zone and locale (weekday, day,
 * month and year as that locale writes them; the clock it uses, or the one a `-u-hc-h12|h23`
 * extension of the tag picks), with the zone name and the UTC offset in force, so a time on a DST
 * change day is never ambiguous ("1:30 AM (America/New_York, GMT-5)").
 *
 * Intl does the words and the clock (luxon's own locale handling drops the `-u-hc-` extension);
 * luxon does the zone and its offset.
 */

/** An instant in a zone, for callers that write their own sentence around its parts. */
export function inZone(iso: string, zone: string): DateTime {
  const utc = DateTime.fromISO(iso, { zone: 'utc' });
  if (!utc.isValid) throw new RangeError(`not an ISO instant: ${iso}`);
  const local = utc.setZone(zone);
  // An unknown zone should never reach here (bookings validate it); if one does, say UTC rather than fail to send.
  return local.isValid ? local : utc;
}

function zoneName(dt: DateTime): string {
  return dt.zoneName ?? 'UTC';
}

/** "GMT+1", "GMT-5", "GMT+5:30"; "GMT" at offset zero. */
export function offsetLabel(dt: DateTime): string {
  return dt.offset === 0 ? 'GMT' : `GMT${dt.toFormat('Z')}`;
}

const DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per locale, zone and options, kept for the life of the function: building an
 * Intl.DateTimeFormat costs far more than using one, and an email formats a handful of instants.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

function format(dt: DateTime, locale: string, options: Intl.DateTimeFormatOptions): string {
  // Some ICU versions put a narrow no-break space before "PM": one plain space reads the same in every mail client.
  return dateTimeFormat(locale, { ...options, timeZone: zoneName(dt) }).format(dt.toJSDate()).replace(/\u202f/g, ' ');
}

/** "Wednesday, December 2, 2026" (en-US), "Wednesday, 2 December 2026" (en-GB). */
export function dateText(dt: DateTime, locale: string): string {
  return format(dt, locale, DATE);
}

/** Whether a locale (or its `-u-hc-` extension) reads the clock in 24 hours. */
function twentyFourHour(locale: string): boolean {
  const cycle = dateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24';
}

/** "3:00 PM" (en-US), "15:00" (en-GB or en-US-u-hc-h23); a 24-hour clock writes "01:30", as it is read. */
export function clockText(dt: DateTime, locale: string): string {
  return format(dt, locale, twentyFourHour(locale) ? { ...TIME, hour: '2-digit' } : TIME);
}

/** The date without the weekday: "2 December 2026" (en-GB), "December 2, 2026" (en-US). */
export function dayMonthYearText(dt: DateTime, locale: string): string {
  return format(dt, locale, { day: 'numeric', month: 'long', year: 'numeric' });
}

/**
 * "Wednesday, December 2, 2026, 3:00 PM–3:50 PM (Europe/Berlin, GMT+1)". When the end falls on
 * another date or at another offset (a session across midnight or across a DST change), both ends
 * are written out: "Sunday, November 1, 2026, 1:30 AM GMT-4 – Sunday, November 1, 2026, 1:20 AM GMT-5 (America/New_York)".
 */
export function formatTimeRange(startIso: string, endIso: string, zone: string, locale: string): string {
  const start = inZone(startIso, zone);
  const end = inZone(endIso, zone);
  const date = dateText(start, locale);
  const endDate = dateText(end, locale);
  const from = clockText(start, locale);
  const to = clockText(end, locale);
  if (date === endDate && start.offset === end.offset) {
    return `${date}, ${from}–${to} (${zoneName(start)}, ${offsetLabel(start)})`;
  }
  return `${date}, ${from} ${offsetLabel(start)} – ${endDate}, ${to} ${offsetLabel(end)} (${zoneName(start)})`;
}

/** "Tuesday, December 1, 2026, 3:00 PM (Europe/Berlin, GMT+1)". */
export function formatInstant(iso: string, zone: string, locale: string): string {
  const at = inZone(iso, zone);
  return `${dateText(at, locale)}, ${clockText(at, locale)} (${zoneName(at)}, ${offsetLabel(at)})`;
}

/** Whole minutes between two instants. */
export function durationMinutes(startIso: string, endIso: string): number {
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000);
}
