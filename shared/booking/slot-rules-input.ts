import { DateTime } from 'luxon';
import type { AvailabilityInput, BusyInterval } from '../availability/availability-engine';
import type { WeeklySchedule } from '../domain/schedule';
import type { DayLedger, LedgerEntry } from '../store/booking-repository';
import type { TherapistConfiguration } from '../store/therapist-repository';

/**
 * Builds the engine's input from what the table holds. The availability endpoint and every write
 * path (create, reschedule) go through here and then through the same engine, so a slot that is
 * shown is a slot that can be booked.
 */
export function slotRulesInput(
  configuration: TherapistConfiguration & { schedule: WeeklySchedule },
  ledgers: Iterable<DayLedger>,
  durationMinutes: number,
  now: Date,
  excludeBookingId?: string,
): AvailabilityInput {
  const busy = new Map<string, BusyInterval>();
  for (const ledger of ledgers) {
    for (const entry of ledger.entries) {
      if (entry.bookingId !== excludeBookingId && blocksAt(entry, now)) busy.set(entry.bookingId, { start: entry.start, end: entry.end, session: true });
    }
  }
  // Busy time from the therapist's other calendars blocks like time off (decision 93): a session and
  // the buffer after it may not overlap it, no buffer is kept before it, and it is no session, so
  // it does not count towards the daily maximum. Sources are kept apart in `busy` (not merged into
  // time off) so a refusal says `busy`, which is what the therapist's calendar says.
  const external: BusyInterval[] = (configuration.externalBusy ?? []).map((b) => ({ start: b.start, end: b.end, session: false }));
  return {
    schedule: configuration.schedule,
    overrides: configuration.overrides,
    timeOff: configuration.timeOff,
    busy: [...busy.values(), ...external],
    durationMinutes,
    now,
  };
}

/**
 * Whether a ledger entry still blocks its time at `now`: a held booking's entry stops blocking at its
 * `holdUntil` (exclusive), the very minute the hold ends, whether or not the sweep has released it
 * yet (decision 75). Availability, the booking check and the daily limit all read through here.
 */
export function blocksAt(entry: LedgerEntry, now: Date): boolean {
  return entry.holdUntil === undefined || Date.parse(entry.holdUntil) > now.getTime();
}

/** Therapist-local dates that `[start, end)` touches: the day ledgers a booking is recorded in. */
export function touchedDates(start: Date, end: Date, zone: string): string[] {
  const dates: string[] = [];
  let day = DateTime.fromJSDate(start, { zone }).startOf('day');
  const last = DateTime.fromMillis(end.getTime() - 1, { zone }).startOf('day');
  while (day <= last) {
    dates.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return dates;
}

/** Longest a session plus its buffer can last (480 + 240 minutes), and the widest zone offsets. */
const MAX_BLOCK_HOURS = 12;
const MAX_BEHIND_UTC_HOURS = 12;
const MAX_AHEAD_OF_UTC_HOURS = 14;

/**
 * Every date a booking starting at `start` could touch in any zone: known before the therapist's
 * configuration is read, so the ledgers can be fetched in parallel with it.
 */
export function possibleDates(start: Date): string[] {
  const first = DateTime.fromJSDate(start, { zone: 'UTC' }).minus({ hours: MAX_BEHIND_UTC_HOURS });
  const lastMillis = start.getTime() + (MAX_BLOCK_HOURS + MAX_AHEAD_OF_UTC_HOURS) * 3600_000;
  return touchedDates(first.toJSDate(), new Date(lastMillis), 'UTC');
}

/** The ledgers as they must be after a booking leaves `releaseDates` and occupies `claimDates`. */
export function applyLedgerChange(
  ledgers: Map<string, DayLedger>,
  bookingId: string,
  releaseDates: string[],
  /** `holdUntil`: the booking is held, and its entries block only until then. */
  claim?: { dates: string[]; start: string; end: string; holdUntil?: string },
): DayLedger[] {
  const changed = new Map<string, DayLedger>();
  for (const date of releaseDates) {
    const ledger = ledgers.get(date) ?? { date, version: 0, entries: [] };
    changed.set(date, { ...ledger, entries: ledger.entries.filter((e) => e.bookingId !== bookingId) });
  }
  for (const date of claim?.dates ?? []) {
    const ledger = changed.get(date) ?? ledgers.get(date) ?? { date, version: 0, entries: [] };
    changed.set(date, { ...ledger, entries: [...ledger.entries.filter((e) => e.bookingId !== bookingId), { bookingId, start: claim!.start, end: claim!.end, ...(claim!.holdUntil ? { holdUntil: claim!.holdUntil } : {}) }] });
  }
  return [...changed.values()];
}
