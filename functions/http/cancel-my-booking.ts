import { actorOf } from '../../shared/audit/audit-log';
import { bookingViewForTherapist } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { cancelMyBooking } from '../../shared/therapists/therapist-bookings';

export const handler = httpHandler(OPERATIONS.cancelMyBooking, async ({ principal, me, params, body }, deps) => ({
  body: { booking: bookingViewForTherapist(await cancelMyBooking(deps, me!, params.bookingId, body.reason, actorOf(principal))) },
}));
