import type { CalendarDay } from './calendar-day';
import type { WorkingHours } from './working-hours';

const MS_PER_MINUTE = 60_000;

/**
 * Every start a slot could have in the windows of the therapist-local dates firstDay..lastDay, before
 * any rule about bookings or notice: windowStart + k × interval while the session still ends inside the
 * window (its buffer may run past it). Ascending, each instant once: after a DST gap two windows of a
 * day can overlap in real time (02:00–02:45 resolves to 03:00–03:45 EDT, on top of a 03:00–04:00 window).
 */
export function candidateStarts(
  hours: WorkingHours,
  firstDay: CalendarDay,
  lastDay: CalendarDay,
  durationMinutes: number,
  slotIntervalMinutes: number,
): number[] {
  const duration = durationMinutes * MS_PER_MINUTE;
  const step = slotIntervalMinutes * MS_PER_MINUTE;
  const starts: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const window of hours.windowsOn(day)) {
      for (let start = window.start; start + duration <= window.end; start += step) starts.push(start);
    }
  }
  starts.sort((a, b) => a - b);
  let unique = 0;
  for (const start of starts) if (unique === 0 || starts[unique - 1] !== start) starts[unique++] = start;
  starts.length = unique;
  return starts;
}

/** Whether `instant` is one of the ascending `starts`. */
export function includesStart(starts: readonly number[], instant: number): boolean {
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = starts[middle]!;
    if (value === instant) return true;
    if (value < instant) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
