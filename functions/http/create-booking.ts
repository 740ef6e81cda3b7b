import { createBooking } from '../../shared/booking/booking-service';
import { bookingView } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { validationFailed } from '../../shared/errors/domain-errors';

export const handler = httpHandler(OPERATIONS.createBooking, async ({ body, headers }, deps) => {
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw validationFailed('The Idempotency-Key header is not valid.', [{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  const { booking, manageToken, manageTokens } = await createBooking(deps, body, idempotencyKey);
  // The booker typed every client's details, so the answer may show them all.
  return { status: 201, body: { booking: bookingView(booking), manageToken, manageTokens } };
});
