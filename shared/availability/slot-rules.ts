import type { AvailabilityInput, SlotRejection } from './availability-engine';
import { MS_PER_DAY, type CalendarDay } from './calendar-day';
import { parseInstant } from './instant';
import { IntervalSet } from './interval-set';

const MS_PER_MINUTE = 60_000;

/** The first and last instants a session may start at: the notice edge and the horizon edge are both
 * allowed. Both are lengths of real time from now; the horizon counts days of 24 h by definition. */
export function bookableSpan(input: AvailabilityInput): { earliest: number; latest: number } {
  const now = input.now.getTime();
  if (Number.isNaN(now)) throw new RangeError('now is not a valid date');
  return {
    earliest: now + input.schedule.minimumNoticeMinutes * MS_PER_MINUTE,
    latest: now + input.schedule.horizonDays * MS_PER_DAY,
  };
}

/**
 * The rules a candidate start (already on a working-hours grid) must pass, asked in the order that names
 * the reason a booking is refused. One instance answers both the slot list and the booking check, so the
 * two cannot disagree.
 */
export class SlotRules {
  private readonly earliest: number;
  private readonly latest: number;
  private readonly blockedLength: number;
  private readonly timeOff: IntervalSet;
  private readonly busy: IntervalSet;
  private readonly sessionStarts: number[];
  private readonly sessionsPerDay = new Map<CalendarDay, number>();

  /** `therapistDayOf` gives the therapist-local date of an instant; the daily maximum counts per that date. */
  constructor(private readonly input: AvailabilityInput, private readonly therapistDayOf: (ms: number) => CalendarDay) {
    const { schedule, durationMinutes } = input;
    const span = bookableSpan(input);
    this.earliest = span.earliest;
    this.latest = span.latest;
    this.blockedLength = (durationMinutes + schedule.bufferMinutes) * MS_PER_MINUTE;
    this.timeOff = IntervalSet.of(input.timeOff.map((t) => ({ start: parseInstant(t.start), end: parseInstant(t.end) })));
    // Each booking's instants are parsed once: with 1,600 bookings parsing was a tenth of a request.
    const busy = input.busy.map((b) => ({ start: parseInstant(b.start), end: parseInstant(b.end), session: b.session }));
    this.busy = IntervalSet.of(busy);
    this.sessionStarts = busy
      .filter((b) => b.session)
      .map((b) => b.start)
      .sort((a, b) => a - b);
  }

  /** Why a session starting at `start` may not be booked, or undefined if it may. */
  rejectionFor(start: number): Exclude<SlotRejection, 'outside_hours'> | undefined {
    if (start < this.earliest) return 'too_soon';
    if (start > this.latest) return 'beyond_horizon';
    // The buffer after the session counts against time off too: the therapist is not back from it yet.
    const blockedEnd = start + this.blockedLength;
    if (this.timeOff.overlaps(start, blockedEnd)) return 'time_off';
    if (this.busy.overlaps(start, blockedEnd)) return 'busy';
    const max = this.input.schedule.maxSessionsPerDay;
    if (max !== undefined && this.sessionsOn(this.therapistDayOf(start)) >= max) return 'daily_limit';
    return undefined;
  }

  /** Sessions starting on a therapist-local date, counted when first asked: a booking check asks about one
   * date only, and needs the local date of only the bookings near it. */
  private sessionsOn(day: CalendarDay): number {
    let count = this.sessionsPerDay.get(day);
    if (count === undefined) {
      // Offsets stay within ±26 h, so a session starting on `day` starts within two days of its UTC midnight.
      const from = lowerBound(this.sessionStarts, (day - 2) * MS_PER_DAY);
      const to = lowerBound(this.sessionStarts, (day + 3) * MS_PER_DAY);
      count = 0;
      for (let i = from; i < to; i++) if (this.therapistDayOf(this.sessionStarts[i]!) === day) count++;
      this.sessionsPerDay.set(day, count);
    }
    return count;
  }
}

/** The index of the first element of ascending `values` that is ≥ `target`. */
function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
