import { bookingView } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { bookingForManageToken } from '../../shared/http/manage-access';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.getBooking, async ({ params, event }, deps) => ({
  body: { booking: bookingView(await bookingForManageToken(deps, event, params.bookingId)) },
}));
