import { checkSlot, type SlotRejection } from '../availability/availability-engine';
import type { WeeklySchedule } from '../domain/schedule';
import type { DayLedger } from '../store/booking-repository';
import type { TherapistConfiguration } from '../store/therapist-repository';
import { slotRulesInput } from './slot-rules-input';

/** The schedule without its notice and horizon: a start is then judged only on hours and what blocks it. */
export function relaxedSchedule(schedule: WeeklySchedule): WeeklySchedule {
  return { ...schedule, minimumNoticeMinutes: 0, horizonDays: 730 * 4 };
}

/**
 * Whether a new session may start at `start`, on what the table holds: the engine's verdict that
 * a booking write and a series preview both ask (decision 65), so a date the preview calls free is
 * one the write books. `relaxed` lifts notice and horizon (decideNewBooking).
 */
export function judgeStart(args: {
  configuration: TherapistConfiguration & { schedule: WeeklySchedule };
  ledgers: Iterable<DayLedger>;
  durationMinutes: number;
  start: Date;
  now: Date;
  relaxed?: boolean;
}): { ok: true; schedule: WeeklySchedule } | { ok: false; reason: SlotRejection } {
  const schedule = args.relaxed ? relaxedSchedule(args.configuration.schedule) : args.configuration.schedule;
  const verdict = checkSlot(slotRulesInput({ ...args.configuration, schedule }, args.ledgers, args.durationMinutes, args.now), args.start);
  return verdict.ok ? { ok: true, schedule } : verdict;
}
