import { DateTime } from 'luxon';
import { audit } from '../audit/audited';
import type { AuditLog } from '../audit/audit-log';
import { cancelBooking } from '../booking/booking-service';
import { bookingAsOf, type Booking } from '../domain/booking';
import type { Therapist } from '../domain/therapist';
import { notFound, validationFailed } from '../errors/domain-errors';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';

/** What this module needs, in its own terms: any object with these members will do. */
export interface TherapistBookingsPorts {
  bookings: Pick<BookingRepository, 'get' | 'listByTherapist'>;
  clock: Clock;
}

const MAX_RANGE_DAYS = 366;

/**
 * The therapist's bookings starting on dates `from`..`to` (inclusive, in their zone), each as it
 * stands now (a hold past its end reads `expired`), of the given statuses (default: all). Asked by
 * status (the console's requests), the default range is the year ahead: a request for a date two
 * months out is still waiting for an answer.
 */
export async function listMyBookings(
  deps: TherapistBookingsPorts,
  me: Therapist,
  range: { from?: string | undefined; to?: string | undefined; status?: string | undefined },
): Promise<Booking[]> {
  const zone = me.timeZone;
  const statuses = range.status ? new Set(range.status.split(',')) : undefined;
  const now = deps.clock.now();
  const from = range.from ? DateTime.fromISO(range.from, { zone }) : DateTime.fromJSDate(now, { zone }).startOf('day');
  const to = range.to ? DateTime.fromISO(range.to, { zone }) : from.plus({ days: statuses ? MAX_RANGE_DAYS - 1 : 30 });
  if (to < from) throw validationFailed('The range ends before it starts.', [{ path: 'to', message: 'must be on or after from' }]);
  if (to.diff(from, 'days').days >= MAX_RANGE_DAYS) {
    throw validationFailed(`A range may cover at most ${MAX_RANGE_DAYS} days.`, [{ path: 'to', message: `must be less than ${MAX_RANGE_DAYS} days after from` }]);
  }
  const bookings = await deps.bookings.listByTherapist(me.id, from.toUTC().toISO()!, to.plus({ days: 1 }).startOf('day').toUTC().toISO()!);
  const asOfNow = bookings.map((b) => bookingAsOf(b, now));
  return statuses ? asOfNow.filter((b) => statuses.has(b.status)) : asOfNow;
}

/** A therapist may cancel their own clients' bookings at any time; another's booking is not there. */
export async function cancelMyBooking(
  deps: Parameters<typeof cancelBooking>[0] & { audit: Pick<AuditLog, 'entry'> },
  me: Therapist,
  bookingId: string,
  reason: string | undefined,
  actor: string,
): Promise<Booking> {
  const booking = await deps.bookings.get(bookingId);
  if (!booking || booking.therapistId !== me.id) throw notFound('The booking');
  return cancelBooking(deps, bookingId, { by: 'therapist', ...(reason ? { reason } : {}), audit: audit(deps.audit, actor, 'booking.cancelByTherapist', bookingId) }, booking);
}
