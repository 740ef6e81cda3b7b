import { DateTime, type Zone } from 'luxon';
import { civilDate, type CalendarDay } from './calendar-day';

const MINUTES_PER_DAY = 1440;

/**
 * The instant (epoch ms) at which a zone's wall clock shows `minuteOfDay` on `day`;
 * minute 1440 (`24:00`) is 00:00 of the next date, never "+24 h", because DST days last 23 or 25 hours.
 *
 * Wall times that do not exist (spring-forward gap) resolve as luxon resolves them: shifted forward
 * by the gap. Wall times that exist twice (fall-back overlap) resolve to the EARLIER instant; luxon
 * alone picks between the two using the zone's offset at the machine's current time, which would
 * make the availability depend on the day the code runs.
 */
export function wallClockInstant(zone: Zone, day: CalendarDay, minuteOfDay: number): number {
  const spill = Math.floor(minuteOfDay / MINUTES_PER_DAY);
  const minute = minuteOfDay - spill * MINUTES_PER_DAY;
  const date = civilDate(day + spill);
  const resolved = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  );
  if (!resolved.isValid) throw new RangeError(`cannot place a wall-clock time in zone ${zone.name}: ${resolved.invalidExplanation ?? ''}`);
  let earliest = resolved.toMillis();
  for (const candidate of resolved.getPossibleOffsets()) earliest = Math.min(earliest, candidate.toMillis());
  return earliest;
}
