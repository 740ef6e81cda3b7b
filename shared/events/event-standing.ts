import type { BookingEvent } from '../../events/booking-events';
import type { Booking, BookingStatus } from '../domain/booking';

/**
 * Where a booking event stands against the booking as it is now. Queues do not keep order and
 * retries reorder, so consumers decide by the booking's `sequence` (bumped by every change and
 * carried by that change's event), never by the order events happen to arrive in:
 * - `current`: the event is the booking's latest change; event and booking agree;
 * - `superseded`: a later change exists, and its own event tells it;
 * - `ahead`: the event is newer than the booking as read: the read lags, so a retry will see it;
 * - `gone`: the booking no longer exists (expired by TTL).
 */
export type EventStanding = 'current' | 'superseded' | 'ahead' | 'gone';

export function standingOf(event: BookingEvent, booking: Booking | undefined): EventStanding {
  if (!booking) return 'gone';
  if (event.data.sequence > booking.sequence) return 'ahead';
  if (event.data.sequence < booking.sequence) return 'superseded';
  // Same sequence, other status: not an event this booking ever produced; it tells nothing current.
  return STATUS_AFTER[event.type] === booking.status ? 'current' : 'superseded';
}

/** The status a booking has right after the change each event tells (as stored: a hold's expiry by time is bookingAsOf's to see). */
const STATUS_AFTER: Record<BookingEvent['type'], BookingStatus> = {
  'booking.confirmed': 'confirmed',
  'booking.rescheduled': 'confirmed',
  'booking.cancelled': 'cancelled',
  'booking.verification_requested': 'pending_verification',
  'booking.requested': 'requested',
  'booking.declined': 'declined',
  'booking.expired': 'expired',
};

/** Thrown when the booking read is older than the event: the platform redelivers the event later. */
export class BookingReadBehind extends Error {
  override readonly name = 'BookingReadBehind';
  constructor(bookingId: string) {
    super(`booking ${bookingId} is older than its event; retry`);
  }
}
