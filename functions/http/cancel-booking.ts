import { cancelBooking } from '../../shared/booking/booking-service';
import { bookingView } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { bookingForManageToken } from '../../shared/http/manage-access';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.cancelBooking, async ({ params, body, event }, deps) => {
  const booking = await bookingForManageToken(deps, event, params.bookingId);
  const cancelled = await cancelBooking(deps, booking.id, { reason: body.reason, by: 'client' }, booking);
  return { body: { booking: bookingView(cancelled) } };
});
