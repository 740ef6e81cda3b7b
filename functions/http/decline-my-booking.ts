import { actorOf } from '../../shared/audit/audit-log';
import { declineRequest } from '../../shared/booking/hold-service';
import { bookingViewForTherapist } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.declineMyBooking, async ({ principal, me, params, body }, deps) => ({
  body: { booking: bookingViewForTherapist(await declineRequest(deps, me!, params.bookingId, body.reason, actorOf(principal))) },
}));
