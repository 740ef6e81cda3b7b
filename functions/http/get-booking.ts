import { bookingViewForClient } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { manageAccess } from '../../shared/http/manage-access';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.getBooking, async ({ params, event }, deps) => {
  const { booking, client } = await manageAccess(deps, event, params.bookingId);
  return { body: { booking: bookingViewForClient(booking, client) } };
});
