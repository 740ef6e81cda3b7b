import { createBooking } from '../../shared/booking/booking-service';
import { bookable } from '../../shared/booking/bookable';
import { bookingView } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesView } from '../../shared/http/series-view';
import { validationFailed } from '../../shared/errors/domain-errors';
import { checkClientRepeat } from '../../shared/series/client-repeat';
import { createSeries } from '../../shared/series/series-service';
import { issueClientManageToken } from '../../shared/tokens/manage-token';

export const handler = httpHandler(OPERATIONS.createBooking, async ({ body, headers }, deps) => {
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw validationFailed('The Idempotency-Key header is not valid.', [{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  if (body.repeat) {
    const { repeat, ...single } = body;
    // The type says which series a client may book; a missing therapist or type is the same 404 as for one booking.
    checkClientRepeat(bookable(await deps.therapists.loadConfiguration(single.therapistId), single.sessionTypeId).sessionType, repeat);
    const { series, bookings } = await createSeries(
      deps,
      { ...single, everyWeeks: repeat.everyWeeks as 1 | 2 | 3 | 4, count: repeat.count, by: 'client' },
      idempotencyKey,
    );
    // The first occurrence is always booked (else createSeries refused with 409): it is the answer's booking.
    const first = bookings.find((b) => b.id === series.occurrences[0]?.bookingId) ?? bookings[0]!;
    const manageTokens = first.clients.map((_, i) => issueClientManageToken(deps.config.manageTokenSecret, first.id, i));
    return { status: 201, body: { booking: bookingView(first), manageToken: manageTokens[0], manageTokens, series: seriesView(series) } };
  }
  const { booking, manageToken, manageTokens } = await createBooking(deps, body, idempotencyKey, headers.authorization);
  // The booker typed every client's details, so the answer may show them all.
  return { status: 201, body: { booking: bookingView(booking), manageToken, manageTokens } };
});
