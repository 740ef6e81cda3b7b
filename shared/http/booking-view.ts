import { DateTime } from 'luxon';
import type { Booking } from '../domain/booking';

/** Presents a booking as the contract's Booking: times in the booking's zone, no internal fields, no note. */
export function bookingView(booking: Booking) {
  const local = (iso: string) => DateTime.fromISO(iso, { zone: booking.timeZone }).toISO({ suppressMilliseconds: true })!;
  return {
    id: booking.id,
    status: booking.status,
    therapistId: booking.therapistId,
    sessionTypeId: booking.sessionTypeId,
    start: local(booking.start),
    end: local(booking.end),
    timeZone: booking.timeZone,
    clients: booking.clients.map((c) => ({ name: c.name, email: c.email, ...(c.phone ? { phone: c.phone } : {}) })),
    ...(booking.lateCancellation ? { lateCancellation: true } : {}),
    createdAt: booking.createdAt,
  };
}

/**
 * The therapist's view: the contract's Booking plus the client's note and a cancellation reason,
 * and `deliveryProblem` on each client whose email bounced or was refused (`problemRoles` holds
 * `client-0`, `client-1`), so the therapist knows to reach them another way.
 */
export function bookingViewForTherapist(booking: Booking, problemRoles?: ReadonlySet<string>) {
  const view = bookingView(booking);
  return {
    ...view,
    clients: view.clients.map((c, i) => (problemRoles?.has(`client-${i}`) ? { ...c, deliveryProblem: true } : c)),
    ...(booking.note ? { note: booking.note } : {}),
    ...(booking.cancelReason ? { cancelReason: booking.cancelReason } : {}),
  };
}
