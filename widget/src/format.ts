import { utcMs, type CalendarDate, type Month } from './calendar-date';

/**
 * Every date and time the widget shows goes through Intl in one locale with an explicit zone, so
 * nothing depends on the zone the browser happens to run in, and nothing follows the browser's own
 * language: the words are English, so the dates are too (decision 111).
 */
export type Clock = 'h12' | 'h23';

/** An English BCP 47 tag, canonical, or undefined for anything else (German, garbage, empty). */
function english(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && /^en(-|$)/i.test(canonical) ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** The interface's rule: the practice's locale, else the page's English `lang`, else en-US. */
export const effectiveLocale = (practiceLocale?: string | null, pageLang?: string | null): string =>
  english(practiceLocale) ?? english(pageLang) ?? 'en-US';

/** The clock a locale uses on its own (its `-u-hc-` extension, if it has one, included). */
export function localeClock(tag: string): Clock {
  const cycle = new Intl.DateTimeFormat(tag, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12' ? 'h12' : 'h23';
}

let base = 'en-US';
let clock: Clock = 'h12';
let tagged = 'en-US-u-hc-h12';
const formatters = new Map<string, Intl.DateTimeFormat>();

function retag() {
  tagged = new Intl.Locale(base, { hourCycle: clock }).toString();
  formatters.clear();
}

/** Sets the locale (and its own clock) before anything is formatted; a new flow sets it again. */
export function setLocale(tag: string): void {
  base = tag;
  clock = localeClock(tag);
  retag();
}

/** The client's 12/24-hour choice: every time formatted from now on uses it. */
export function setClock(choice: Clock): void {
  clock = choice;
  retag();
}

export const currentClock = (): Clock => clock;

/** The locale with its clock, e.g. `en-GB-u-hc-h12`: what times are shown in, and sent with a booking. */
export const locale = (): string => tagged;

/** The language alone (`en-GB`), for `lang` attributes. */
export const language = (): string => new Intl.Locale(base).baseName;

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = zone + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(tagged, { ...options, timeZone: zone })));
  return f;
}

const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' };
const SHORT_DATE: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' };
// The locale's own pattern, with the clock the `-u-hc-` tag picks: 09:00 or 9:00 AM.
const TIME: Intl.DateTimeFormatOptions = { timeStyle: 'short' };

export const formatTime = (instant: string | number | Date, zone: string) => formatter(zone, TIME).format(new Date(instant));

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
    const l = new Intl.Locale(base) as any;
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
