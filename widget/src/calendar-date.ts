/**
 * Calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`) as plain strings, with arithmetic done on
 * UTC midnights: a calendar date has no time zone, and doing this in local time would skip or repeat
 * a day around DST changes.
 */
export type CalendarDate = string;
export type Month = string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function utcMs(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function fromUtcMs(ms: number): CalendarDate {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export const addDays = (date: CalendarDate, days: number): CalendarDate => fromUtcMs(utcMs(date) + days * 86_400_000);
export const monthOf = (date: CalendarDate): Month => date.slice(0, 7);
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: CalendarDate): number => new Date(utcMs(date)).getUTCDay();
export const firstOfMonth = (month: Month): CalendarDate => `${month}-01`;

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return fromUtcMs(Date.UTC(y, m - 1 + n, 1)).slice(0, 7);
}

export const lastOfMonth = (month: Month): CalendarDate => addDays(firstOfMonth(addMonths(month, 1)), -1);
