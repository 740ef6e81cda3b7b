import type { DateOverride, TimeOff, WeeklySchedule } from '../domain/schedule';
import { formatCalendarDay, MS_PER_DAY, parseCalendarDay, type CalendarDay } from './calendar-day';
import { candidateStarts, includesStart } from './slot-candidates';
import { bookableSpan, SlotRules } from './slot-rules';
import { wallClockInstant } from './wall-clock';
import { WorkingHours } from './working-hours';
import { CachedZone, ianaZone } from './cached-zone';

/** An interval that a new session (plus its buffer) may not overlap: an existing booking's
 * `[start, blockedUntil)`, where blockedUntil already includes that booking's buffer. */
export interface BusyInterval {
  start: string; // ISO instant
  end: string; // ISO instant
  /** Counts toward maxSessionsPerDay on the therapist-local date of `start`. */
  session: boolean;
}

export interface AvailabilityInput {
  schedule: WeeklySchedule;
  overrides: DateOverride[];
  timeOff: Pick<TimeOff, 'start' | 'end'>[];
  busy: BusyInterval[];
  durationMinutes: number;
  now: Date;
}

export interface SlotRange {
  from: string; // YYYY-MM-DD, inclusive, in timeZone
  to: string; // YYYY-MM-DD, inclusive, in timeZone
  timeZone: string; // the client's IANA zone
}

export interface Slot { start: string; end: string }
export interface AvailabilityDay { date: string; slots: Slot[] }

export type SlotRejection = 'outside_hours' | 'too_soon' | 'beyond_horizon' | 'busy' | 'time_off' | 'daily_limit';

const MS_PER_MINUTE = 60_000;

/**
 * The bookable slots whose start falls on the client-zone dates range.from..range.to, grouped by that
 * date; only dates with a slot are listed. Times carry the client zone's offset.
 *
 * Throws RangeError on input the schema should have refused (unknown zone, malformed date or instant,
 * non-positive duration), rather than answer for a schedule it cannot read.
 */
export function availableDays(input: AvailabilityInput, range: SlotRange): AvailabilityDay[] {
  const therapistZone = ianaZone(input.schedule.timeZone);
  const clientZone = ianaZone(range.timeZone);
  assertGrid(input);
  const fromDay = parseCalendarDay(range.from);
  const toDay = parseCalendarDay(range.to);
  if (toDay < fromDay) return [];

  const therapistClock = new CachedZone(therapistZone);
  const clientClock = clientZone.name === therapistZone.name ? therapistClock : new CachedZone(clientZone);
  // Only starts in [low, high] can be listed: inside the notice and horizon, and near the client's dates.
  // The day of margin keeps the bounds loose; which client date a slot belongs to is decided per slot below.
  // (Placed through the client's CachedZone: through luxon's own zone these two were a tenth of a request.)
  const { earliest, latest } = bookableSpan(input);
  const low = Math.max(wallClockInstant(clientClock, fromDay, 0) - MS_PER_DAY, earliest);
  const high = Math.min(wallClockInstant(clientClock, toDay + 1, 0) + MS_PER_DAY, latest);
  if (low > high) return [];

  const rules = new SlotRules(input, (ms) => therapistClock.localDayAt(ms));
  // A window of therapist date D lies within D: it opens on D (a gap only shifts it later) and closes by
  // 24:00, the first instant of D + 1. So the dates of `low` and `high` hold every start in between; the
  // date before is slack, the same that checkSlot keeps, so both look at the same windows.
  const starts = candidateStarts(
    new WorkingHours(input.schedule, input.overrides, therapistClock),
    therapistClock.localDayAt(low) - 1,
    therapistClock.localDayAt(high),
    input.durationMinutes,
    input.schedule.slotIntervalMinutes,
  );

  const sessionMs = input.durationMinutes * MS_PER_MINUTE;
  const days: AvailabilityDay[] = [];
  let currentDay: CalendarDay | undefined;
  for (const start of starts) {
    if (start < low || start > high) continue;
    const clientDay = clientClock.localDayAt(start);
    if (clientDay < fromDay || clientDay > toDay) continue;
    if (rules.rejectionFor(start) !== undefined) continue;
    // Starts ascend, so client dates never go back: a new date closes the previous one.
    if (clientDay !== currentDay) {
      days.push({ date: formatCalendarDay(clientDay), slots: [] });
      currentDay = clientDay;
    }
    days[days.length - 1]!.slots.push({ start: clientClock.formatIso(start), end: clientClock.formatIso(start + sessionMs) });
  }
  return days;
}

/**
 * Whether a session may be booked at `start`, by the same candidates and rules as availableDays: ok exactly
 * when `start` is one of the slots it lists. An instant with seconds is no slot (slots start on whole minutes).
 * A refusal names the first failing rule: outside_hours, too_soon, beyond_horizon, time_off, busy, daily_limit.
 */
export function checkSlot(input: AvailabilityInput, start: Date): { ok: true } | { ok: false; reason: SlotRejection } {
  const therapistZone = ianaZone(input.schedule.timeZone);
  assertGrid(input);
  const instant = start.getTime();
  if (!Number.isFinite(instant) || instant % MS_PER_MINUTE !== 0) return { ok: false, reason: 'outside_hours' };

  const therapistClock = new CachedZone(therapistZone);
  const day = therapistClock.localDayAt(instant);
  // A start on date D comes from a window of D (see availableDays); D − 1 is slack against that reasoning.
  const starts = candidateStarts(
    new WorkingHours(input.schedule, input.overrides, therapistClock),
    day - 1,
    day,
    input.durationMinutes,
    input.schedule.slotIntervalMinutes,
  );
  if (!includesStart(starts, instant)) return { ok: false, reason: 'outside_hours' };
  const reason = new SlotRules(input, (ms) => therapistClock.localDayAt(ms)).rejectionFor(instant);
  return reason === undefined ? { ok: true } : { ok: false, reason };
}

/** A zero or fractional step would never leave a window (or leave it off the minute grid). */
function assertGrid(input: AvailabilityInput): void {
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1) {
    throw new RangeError(`durationMinutes must be a positive whole number: ${input.durationMinutes}`);
  }
  const step = input.schedule.slotIntervalMinutes;
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`slotIntervalMinutes must be a positive whole number: ${step}`);
}
