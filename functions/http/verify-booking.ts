import { verifyBooking } from '../../shared/booking/hold-service';
import { bookingViewForClient } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { manageTokenOf } from '../../shared/http/manage-access';
import { OPERATIONS } from '../../shared/http/operations';

export const handler = httpHandler(OPERATIONS.verifyBooking, async ({ params, event }, deps) => {
  // The verify token reads like a manage token (Bearer or ?token=) but signs another message: neither works as the other.
  const { booking, client, manageToken, alreadyVerified } = await verifyBooking(deps, params.bookingId, manageTokenOf(event));
  return { body: { booking: bookingViewForClient(booking, client), manageToken, alreadyVerified } };
});
