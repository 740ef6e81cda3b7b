import { DateTime } from 'luxon';
import { logger } from '../logging/logger';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';
import { expireHold } from './hold-service';

/** What this module needs, in its own terms: any object with these members will do. */
export interface HoldSweepPorts {
  clock: Clock;
  bookings: Pick<BookingRepository, 'get' | 'commit' | 'readWriteContext' | 'removeHold' | 'holdsEndingOn'>;
}

/** How far back the sweep looks for holds it has not yet expired (a sweep that did not run for days). */
const LOOKBACK_DAYS = 7;

/**
 * Writes every hold whose `holdUntil` has come as `expired` (decision 75). Run every minute
 * (EventBridge rule in AWS, the virtual clock locally). Reads never wait for it: they treat a hold
 * past its end as expired already, so the slot is free at that minute whatever the sweep's timing.
 * Idempotent: a hold already expired, or changed since the query, is left as it is.
 */
export async function expireDueHolds(deps: HoldSweepPorts): Promise<{ expired: number }> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day');
  let expired = 0;
  for (let back = LOOKBACK_DAYS; back >= 0; back--) {
    const due = await deps.bookings.holdsEndingOn(today.minus({ days: back }).toISODate()!, nowIso);
    for (const hold of due) {
      if ((await expireHold(deps, hold.bookingId)) === 'expired') expired++;
    }
  }
  if (expired) logger.info('holds expired', { expired });
  return { expired };
}
