import { DateTime } from 'luxon';
import type { Booking, Client } from '../domain/booking';
import { firstName } from '../notifications/person-name';

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
    clients: booking.clients.map(clientDetails),
    ...(booking.lateCancellation ? { lateCancellation: true } : {}),
    ...(booking.lateChange ? { lateChange: true } : {}),
    ...(booking.seriesId ? { seriesId: booking.seriesId } : {}),
    ...(booking.locale ? { locale: booking.locale } : {}),
    ...heldFields(booking),
    createdAt: booking.createdAt,
  };
}

/**
 * A held booking's end of hold and, while addresses are still to be confirmed, how many clients have
 * not yet (never which one: a partner's view says no more than "waiting for one confirmation");
 * a booking the rules refused says which audience. The caller passes the booking as of now
 * (`bookingAsOf`), so a hold past its end already reads as expired.
 */
function heldFields(booking: Booking) {
  const held = booking.status === 'pending_verification' || booking.status === 'requested';
  const awaiting = booking.status === 'pending_verification' ? booking.clients.filter((_, i) => booking.verified?.[i] !== true).length : undefined;
  return {
    ...(held && booking.holdUntil ? { holdUntil: booking.holdUntil } : {}),
    ...(awaiting !== undefined ? { awaitingVerification: awaiting } : {}),
    ...(booking.status === 'declined' && booking.ruleRefusal ? { ruleRefusal: booking.ruleRefusal } : {}),
  };
}

function clientDetails(client: Client) {
  return { name: client.name, email: client.email, ...(client.phone ? { phone: client.phone } : {}) };
}

/**
 * What one client sees through their manage link: their own name, email and phone, and any partner
 * by first name only. `holder` undefined (an old link both partners were sent) shows everyone by
 * first name: whoever opens it sees no detail they might not have typed themselves.
 */
export function bookingViewForClient(booking: Booking, holder: number | undefined) {
  return {
    ...bookingView(booking),
    clients: booking.clients.map((client, i) => (i === holder ? clientDetails(client) : { name: firstName(client.name) ?? '' })),
  };
}

/**
 * The therapist's view: the contract's Booking plus the client's note, a cancellation reason, and who
 * cancelled or last moved it (`…ByClient` is the index in `clients` of the partner whose own link did),
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
    ...(booking.cancelledBy ? { cancelledBy: booking.cancelledBy } : {}),
    ...(booking.cancelledByClient !== undefined ? { cancelledByClient: booking.cancelledByClient } : {}),
    ...(booking.rescheduledBy ? { rescheduledBy: booking.rescheduledBy } : {}),
    ...(booking.rescheduledByClient !== undefined ? { rescheduledByClient: booking.rescheduledByClient } : {}),
    ...(booking.declinedBy ? { declinedBy: booking.declinedBy } : {}),
    ...(booking.declineReason ? { declineReason: booking.declineReason } : {}),
  };
}
