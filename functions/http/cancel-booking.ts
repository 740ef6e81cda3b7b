import { cancelBooking } from '../../shared/booking/booking-service';
import { bookingViewForClient } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { manageAccess } from '../../shared/http/manage-access';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.cancelBooking, async ({ params, body, event }, deps) => {
  const { booking, client } = await manageAccess(deps, event, params.bookingId);
  const cancelled = await cancelBooking(deps, booking.id, { reason: body.reason, by: 'client', ...(client === undefined ? {} : { client }) }, booking);
  return { body: { booking: bookingViewForClient(cancelled, client) } };
});
