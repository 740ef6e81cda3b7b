import { rescheduleBooking } from '../../shared/booking/booking-service';
import { bookingView } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { bookingForManageToken } from '../../shared/http/manage-access';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.rescheduleBooking, async ({ params, body, event }, deps) => {
  const booking = await bookingForManageToken(deps, event, params.bookingId);
  return { body: { booking: bookingView(await rescheduleBooking(deps, booking.id, body.start, booking)) } };
});
