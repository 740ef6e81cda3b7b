import type { DateOverride, TimeOff, WeeklySchedule } from '../domain/schedule';

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

export function availableDays(_input: AvailabilityInput, _range: SlotRange): AvailabilityDay[] {
  throw new Error('not implemented');
}

export function checkSlot(_input: AvailabilityInput, _start: Date): { ok: true } | { ok: false; reason: SlotRejection } {
  throw new Error('not implemented');
}
