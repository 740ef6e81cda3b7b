/**
 * Wall-clock dates and times in a therapist's zone, with Intl alone: luxon would add its whole size
 * to the console's one script for the three things it needs here (decision 51). Pure functions, no
 * DOM, so the unit tests import this file directly.
 */

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // h23: some engines answer "24" for midnight with hour12: false.
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallAt(ms: number, zone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function offsetAt(ms: number, zone: string): number {
  const w = wallAt(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** `YYYY-MM-DD` and `HH:mm` of an instant on the zone's clock, and its weekday (0 = Monday). */
export function wallClock(instant: string | number | Date, zone: string): { date: string; time: string; weekday: number } {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  const w = wallAt(ms, zone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  return { date, time: `${pad(w.hour)}:${pad(w.minute)}`, weekday: weekdayOf(date) };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

function dateParts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Weekday of a calendar date, 0 = Monday … 6 = Sunday (the console's weeks start on Monday). */
export function weekdayOf(date: string): number {
  const [y, m, d] = dateParts(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** A calendar date moved by whole days (calendar arithmetic: no zone, no DST). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(date);
  const t = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The Monday and Sunday of the week a date is in. */
export function weekOf(date: string): { monday: string; sunday: string; days: string[] } {
  const monday = addDays(date, -weekdayOf(date));
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return { monday, sunday: days[6]!, days };
}

/** Today's date on the zone's clock. */
export const todayIn = (zone: string, now = Date.now()) => wallClock(now, zone).date;

/**
 * The instant a wall-clock date and time in a zone stands for, as an ISO string in UTC.
 * The offset is the zone's offset a day before or a day after (one of them is right unless the zone
 * changes its clocks twice within two days). A time that exists twice (the hour the clocks go back)
 * is the first of the two; a time that does not exist (the hour they skip forward) is read with the
 * offset before the change, which lands as far after the gap as it was into it (02:30 → 03:30), as
 * the clocks on the wall would show it.
 */
export function wallTimeToInstant(date: string, time: string, zone: string): string {
  const [y, mo, d] = dateParts(date);
  const t = TIME.exec(time);
  if (!t) throw new RangeError(`not a time: ${time}`);
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) throw new RangeError(`not a time: ${time}`);
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const fits = [before, after].map((o) => wall - o).filter((ms) => offsetAt(ms, zone) === wall - ms);
  const ms = fits.length ? Math.min(...fits) : wall - before;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
