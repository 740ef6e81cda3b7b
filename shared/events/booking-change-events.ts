import type { BookingCancelled, BookingConfirmed, BookingEvent, BookingRescheduled } from '../../events/booking-events';
import type { Booking } from '../domain/booking';
import { deterministicEventId } from './event-id';

/**
 * The domain events one change of a booking item means: created → confirmed; start moved →
 * rescheduled; confirmed → cancelled. Anything else (a retention update, a replayed identical
 * image) means nothing. Pure: the stream publisher feeds it old and new images.
 */
export function eventsForBookingChange(before: Booking | undefined, after: Booking | undefined): BookingEvent[] {
  if (!after) return []; // removed by TTL: nothing to tell anyone
  const facts = {
    bookingId: after.id,
    therapistId: after.therapistId,
    sessionTypeId: after.sessionTypeId,
    start: after.start,
    end: after.end,
    timeZone: after.timeZone,
    sequence: after.sequence,
  };
  const id = (type: string) => deterministicEventId(type, after.id, after.sequence);
  if (!before) {
    if (after.status !== 'confirmed') return [];
    const event: BookingConfirmed = { id: id('booking.confirmed'), type: 'booking.confirmed', version: 1, occurredAt: after.createdAt, data: facts };
    return [event];
  }
  if (after.sequence <= before.sequence) return [];
  if (before.status === 'confirmed' && after.status === 'cancelled') {
    const event: BookingCancelled = {
      id: id('booking.cancelled'),
      type: 'booking.cancelled',
      version: 1,
      occurredAt: after.cancelledAt ?? after.updatedAt,
      data: { ...facts, lateCancellation: after.lateCancellation === true, cancelledBy: after.cancelledBy ?? 'client' },
    };
    return [event];
  }
  if (after.status === 'confirmed' && (before.start !== after.start || before.end !== after.end)) {
    const event: BookingRescheduled = {
      id: id('booking.rescheduled'),
      type: 'booking.rescheduled',
      version: 1,
      occurredAt: after.updatedAt,
      data: { ...facts, previousStart: before.start, previousEnd: before.end },
    };
    return [event];
  }
  return [];
}
