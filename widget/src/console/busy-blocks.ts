import { addDays, wallTimeToInstant } from './zoned-time';

/** A busy time from one of the therapist's other calendars, as `GET /v1/me/busy` answers it. */
export interface BusyTime {
  start: string;
  end: string;
  label?: string;
}

/** The part of a busy time that falls on one day, with whether it runs on from the day before or into the next. */
export interface BusyPiece {
  start: string;
  end: string;
  label?: string;
  fromBefore: boolean;
  intoNext: boolean;
}

/**
 * Busy times cut at the midnights of the therapist's zone, one list a day: an all-day event or a
 * trip over several days shows on every day it takes, each day with its own part. Pure (no DOM) so
 * the unit tests import it directly.
 */
export function busyByDay(busy: BusyTime[], days: string[], zone: string): Map<string, BusyPiece[]> {
  const byDay = new Map<string, BusyPiece[]>(days.map((d) => [d, []]));
  for (const day of days) {
    const dayStart = Date.parse(wallTimeToInstant(day, '00:00', zone));
    const dayEnd = Date.parse(wallTimeToInstant(addDays(day, 1), '00:00', zone));
    for (const b of busy) {
      const start = Date.parse(b.start);
      const end = Date.parse(b.end);
      if (!(start < dayEnd && end > dayStart)) continue;
      byDay.get(day)!.push({
        start: new Date(Math.max(start, dayStart)).toISOString(),
        end: new Date(Math.min(end, dayEnd)).toISOString(),
        ...(b.label ? { label: b.label } : {}),
        fromBefore: start < dayStart,
        intoNext: end > dayEnd,
      });
    }
    byDay.get(day)!.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }
  return byDay;
}
