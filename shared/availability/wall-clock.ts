import { DateTime, type Zone } from 'luxon';
import { CachedZone } from './cached-zone';
import { civilDate, MS_PER_DAY, type CalendarDay } from './calendar-day';

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
/** Every offset luxon consults to place a wall time lies within this much of it (see wallClockInstant). */
const RESOLUTION_REACH_MS = 2 * MS_PER_DAY;

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
  if (zone instanceof CachedZone) {
    // Where the zone keeps one offset for two days either side, luxon's answer is the wall time minus that
    // offset: it asks the zone's offset at now (only as a first guess, which the next lookup corrects),
    // at the wall time read as UTC minus that guess (within ±14 h of it), at ±24 h from it, and at the wall
    // time minus those offsets; all those instants lie in the two days, so every answer is the same offset.
    // Working out the same thing through DateTime costs some 20 µs a window edge. Only whole minutes: a
    // local-mean-time offset in seconds would make luxon's float arithmetic, not this, the reference.
    const wallAsUtc = (day + spill) * MS_PER_DAY + minute * MS_PER_MINUTE;
    const offset = zone.offsetHeldThrough(wallAsUtc - RESOLUTION_REACH_MS, wallAsUtc + RESOLUTION_REACH_MS);
    if (offset !== undefined && Number.isInteger(offset)) return wallAsUtc - offset * MS_PER_MINUTE;
  }
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
