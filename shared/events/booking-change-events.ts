import type {
  BookingCancelled,
  BookingConfirmed,
  BookingDeclined,
  BookingEvent,
  BookingExpired,
  BookingRequested,
  BookingRescheduled,
  BookingVerificationRequested,
} from '../../events/booking-events';
import type { Booking, BookingStatus } from '../domain/booking';
import { deterministicEventId } from './event-id';

/** Before → after status pairs that mean an event, by the event they mean (decision 83). */
const HELD: readonly BookingStatus[] = ['pending_verification', 'requested'];
const BECOMES: Partial<Record<BookingStatus, { from: readonly BookingStatus[]; type: BookingEvent['type'] }>> = {
  confirmed: { from: HELD, type: 'booking.confirmed' },
  requested: { from: ['pending_verification'], type: 'booking.requested' },
  declined: { from: HELD, type: 'booking.declined' },
  expired: { from: HELD, type: 'booking.expired' },
  cancelled: { from: ['confirmed', 'requested'], type: 'booking.cancelled' },
};
/** What a booking written new means: a pending one asks its clients to verify; declined or expired ones are never written new. */
const CREATED: Partial<Record<BookingStatus, BookingEvent['type']>> = {
  pending_verification: 'booking.verification_requested',
  requested: 'booking.requested',
  confirmed: 'booking.confirmed',
};

/**
 * The domain events one change of a booking item means, at most one per change:
 * - written new: pending_verification → booking.verification_requested, requested → booking.requested,
 *   confirmed → booking.confirmed;
 * - (pending | requested) → confirmed: booking.confirmed; pending → requested: booking.requested;
 *   (pending | requested) → declined: booking.declined; (pending | requested) → expired: booking.expired;
 * - (confirmed | requested) → cancelled: booking.cancelled (saying which it was);
 * - confirmed with its start or end moved: booking.rescheduled.
 * Anything else means nothing: pending → pending (one partner verified; the other's email was
 * already asked for), pending → cancelled (nothing was ever told, so nothing is untold), a
 * retention update, a replayed identical image. Pure: the stream publisher feeds it old and new images.
 */
export function eventsForBookingChange(before: Booking | undefined, after: Booking | undefined): BookingEvent[] {
  if (!after) return []; // removed by TTL: nothing to tell anyone
  if (before && after.sequence <= before.sequence) return [];
  const type = before ? transitionOf(before, after) : CREATED[after.status];
  if (!type) return [];
  const event = build(type, before, after);
  return event ? [event] : [];
}

function transitionOf(before: Booking, after: Booking): BookingEvent['type'] | undefined {
  if (before.status === after.status) {
    const moved = before.start !== after.start || before.end !== after.end;
    return after.status === 'confirmed' && moved ? 'booking.rescheduled' : undefined;
  }
  const becomes = BECOMES[after.status];
  return becomes && becomes.from.includes(before.status) ? becomes.type : undefined;
}

function build(type: BookingEvent['type'], before: Booking | undefined, after: Booking): BookingEvent | undefined {
  const facts = {
    bookingId: after.id,
    therapistId: after.therapistId,
    sessionTypeId: after.sessionTypeId,
    start: after.start,
    end: after.end,
    timeZone: after.timeZone,
    sequence: after.sequence,
  };
  const head = <T extends BookingEvent['type']>(t: T, occurredAt: string) => ({ id: deterministicEventId(t, after.id, after.sequence), type: t, version: 1 as const, occurredAt });
  // A change's own instant where the booking records one; the write's time otherwise.
  const at = (instant: string | undefined) => (before ? (instant ?? after.updatedAt) : after.createdAt);
  switch (type) {
    case 'booking.confirmed': {
      const event: BookingConfirmed = { ...head(type, at(after.approvedAt ?? after.verifiedAt)), data: facts };
      return event;
    }
    case 'booking.rescheduled': {
      const event: BookingRescheduled = { ...head(type, after.updatedAt), data: { ...facts, previousStart: before!.start, previousEnd: before!.end } };
      return event;
    }
    case 'booking.cancelled': {
      const event: BookingCancelled = {
        ...head(type, after.cancelledAt ?? after.updatedAt),
        data: {
          ...facts,
          lateCancellation: after.lateCancellation === true,
          cancelledBy: after.cancelledBy ?? 'client',
          // Only said of a request: a confirmed booking's event stays as it was before holds existed.
          ...(before!.status === 'requested' ? { previousStatus: 'requested' as const } : {}),
        },
      };
      return event;
    }
    case 'booking.verification_requested': {
      // A hold without its end is not one this system writes; publishing it would fail its contract on every retry.
      if (!after.holdUntil) return undefined;
      const event: BookingVerificationRequested = { ...head(type, after.createdAt), data: { ...facts, holdUntil: after.holdUntil } };
      return event;
    }
    case 'booking.requested': {
      if (!after.holdUntil) return undefined;
      const event: BookingRequested = { ...head(type, at(after.verifiedAt)), data: { ...facts, holdUntil: after.holdUntil } };
      return event;
    }
    case 'booking.declined': {
      const event: BookingDeclined = { ...head(type, after.declinedAt ?? after.updatedAt), data: { ...facts, declinedBy: after.declinedBy ?? 'therapist' } };
      return event;
    }
    case 'booking.expired': {
      const event: BookingExpired = {
        ...head(type, after.expiredAt ?? after.updatedAt),
        data: { ...facts, previousStatus: before!.status as 'pending_verification' | 'requested' },
      };
      return event;
    }
  }
}
