import { DateTime } from 'luxon';
import { validationFailed } from '../errors/domain-errors';
import { bookable } from '../booking/bookable';
import { slotRulesInput } from '../booking/slot-rules-input';
import { availableDays, type AvailabilityDay } from './availability-engine';
import type { Clock } from '../time/clock';
import type { TherapistRepository } from '../store/therapist-repository';

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
  const from = DateTime.fromISO(query.from, { zone: 'UTC' });
  const to = DateTime.fromISO(query.to, { zone: 'UTC' });
  const days = to.diff(from, 'days').days + 1;
  if (days < 1) throw validationFailed('The range ends before it starts.', [{ path: 'to', message: 'must be on or after from' }]);
  if (days > MAX_RANGE_DAYS) {
    throw validationFailed(`A range may cover at most ${MAX_RANGE_DAYS} days.`, [{ path: 'to', message: `must be at most ${MAX_RANGE_DAYS - 1} days after from` }]);
  }
  const { configuration, ledgers } = await deps.therapists.loadConfigurationAndLedgers(
    query.therapistId,
    from.minus({ days: LEDGER_MARGIN_DAYS }).toISODate()!,
    to.plus({ days: LEDGER_MARGIN_DAYS }).toISODate()!,
  );
  const { therapist, schedule, sessionType } = bookable(configuration, query.sessionTypeId);
  const timeZone = query.timeZone ?? schedule?.timeZone ?? therapist.timeZone;
  if (!schedule) return { therapistId: query.therapistId, sessionTypeId: sessionType.id, timeZone, days: [] };
  const input = slotRulesInput({ ...configuration, schedule }, ledgers, sessionType.durationMinutes, deps.clock.now());
  return {
    therapistId: query.therapistId,
    sessionTypeId: sessionType.id,
    timeZone,
    days: availableDays(input, { from: query.from, to: query.to, timeZone }),
  };
}
