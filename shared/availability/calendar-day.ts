import { WEEKDAYS, type Weekday } from '../domain/schedule';

/**
 * A calendar date with no zone attached, counted as whole days since 1970-01-01.
 * Dates (unlike instants) have no DST, so moving between them is exact integer arithmetic;
 * instants are only ever derived from a date through a zone's wall clock (see wall-clock.ts).
 */
export type CalendarDay = number;

export const MS_PER_DAY = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCalendarDay(iso: string): CalendarDay {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`not a calendar date YYYY-MM-DD: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over to March; a rolled date is a typo, not a date.
  if (formatCalendarDay(ms / MS_PER_DAY) !== iso) throw new RangeError(`no such calendar date: ${iso}`);
  return ms / MS_PER_DAY;
}

export function formatCalendarDay(day: CalendarDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function civilDate(day: CalendarDay): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 1970-01-01 was a Thursday, index 3 of the Monday-first WEEKDAYS. */
export function weekdayOf(day: CalendarDay): Weekday {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}
