import { DateTime } from 'luxon';
import { validationFailed } from '../errors/domain-errors';
import { bookable } from '../booking/bookable';
import { slotRulesInput } from '../booking/slot-rules-input';
import { availableDays, type AvailabilityDay } from './availability-engine';
import type { Clock } from '../time/clock';
import type { TherapistConfiguration, TherapistRepository } from '../store/therapist-repository';
import type { DayLedger } from '../store/booking-repository';
import type { WeeklySchedule } from '../domain/schedule';

/** What this module needs, in its own terms: any object with these members will do. */
export interface AvailabilityServicePorts {
  clock: Clock;
  therapists: Pick<TherapistRepository, 'loadConfigurationAndLedgers'>;
}

export interface AvailabilityQuery {
  therapistId: string;
  sessionTypeId: string;
  from: string;
  to: string;
  timeZone?: string;
}

export interface Availability {
  therapistId: string;
  sessionTypeId: string;
  timeZone: string;
  days: AvailabilityDay[];
}

export const MAX_RANGE_DAYS = 62;
/** Client dates and therapist dates differ by at most a day; two days of margin covers any pair. */
const LEDGER_MARGIN_DAYS = 2;

/**
 * Open slots for one therapist, session type and date range: one query (configuration and ledgers
 * together, so a CORS settings read still fits the budget of two round trips), then the engine.
 */
export async function getAvailability(deps: AvailabilityServicePorts, query: AvailabilityQuery): Promise<Availability> {
  checkRange(query.from, query.to, MAX_RANGE_DAYS);
  const { configuration, ledgers } = await loadAround(deps, query.therapistId, query.from, query.to);
  return availabilityFrom(configuration, ledgers, query, deps.clock.now());
}

/** A range of at most `maxDays` dates that does not end before it starts, or a 400 naming `to`. */
export function checkRange(fromDate: string, toDate: string, maxDays: number, prefix = ''): void {
  const from = DateTime.fromISO(fromDate, { zone: 'UTC' });
  const to = DateTime.fromISO(toDate, { zone: 'UTC' });
  const days = to.diff(from, 'days').days + 1;
  if (days < 1) throw validationFailed('The range ends before it starts.', [{ path: `${prefix}to`, message: 'must be on or after from' }]);
  if (days > maxDays) {
    throw validationFailed(`A range may cover at most ${maxDays} days.`, [{ path: `${prefix}to`, message: `must be at most ${maxDays - 1} days after from` }]);
  }
}

/** The configuration and the day ledgers a range's slots depend on, in one query. */
export function loadAround(deps: AvailabilityServicePorts, therapistId: string, from: string, to: string) {
  return deps.therapists.loadConfigurationAndLedgers(
    therapistId,
    DateTime.fromISO(from, { zone: 'UTC' }).minus({ days: LEDGER_MARGIN_DAYS }).toISODate()!,
    DateTime.fromISO(to, { zone: 'UTC' }).plus({ days: LEDGER_MARGIN_DAYS }).toISODate()!,
  );
}

/**
 * The slots of what was loaded: `schedule` stands in for the stored one when given (the console's
 * preview of unsaved hours, decision 53); bookings, overrides and time off are always the stored ones.
 */
export function availabilityFrom(
  configuration: TherapistConfiguration,
  ledgers: DayLedger[],
  query: AvailabilityQuery,
  now: Date,
  proposed?: WeeklySchedule,
): Availability {
  const { therapist, schedule: stored, sessionType } = bookable(configuration, query.sessionTypeId);
  const schedule = proposed ?? stored;
  const timeZone = query.timeZone ?? schedule?.timeZone ?? therapist.timeZone;
  if (!schedule) return { therapistId: query.therapistId, sessionTypeId: sessionType.id, timeZone, days: [] };
  const input = slotRulesInput({ ...configuration, schedule }, ledgers, sessionType.durationMinutes, now);
  return {
    therapistId: query.therapistId,
    sessionTypeId: sessionType.id,
    timeZone,
    days: availableDays(input, { from: query.from, to: query.to, timeZone }),
  };
}
