import { actorOf } from '../../shared/audit/audit-log';
import { approveRequest } from '../../shared/booking/hold-service';
import { bookingViewForTherapist } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.approveMyBooking, async ({ principal, me, params }, deps) => ({
  body: { booking: bookingViewForTherapist(await approveRequest(deps, me!, params.bookingId, actorOf(principal))) },
}));
