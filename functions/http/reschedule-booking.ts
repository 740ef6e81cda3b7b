import { rescheduleBooking } from '../../shared/booking/booking-service';
import { bookingViewForClient } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { manageAccess } from '../../shared/http/manage-access';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.rescheduleBooking, async ({ params, body, event }, deps) => {
  const { booking, client } = await manageAccess(deps, event, params.bookingId);
  const moved = await rescheduleBooking(deps, booking.id, body.start, booking, { by: 'client', ...(client === undefined ? {} : { client }) });
  return { body: { booking: bookingViewForClient(moved, client) } };
});
