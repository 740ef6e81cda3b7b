import { createBooking } from '../../shared/booking/booking-service';
import { bookable } from '../../shared/booking/bookable';
import { checkSeriesAllowed } from '../../shared/booking/hold-decision';
import { provenClients } from '../../shared/clients/proof';
import { botSignal, decoyBooking } from '../../shared/abuse/honeypot';
import { logger } from '../../shared/logging/logger';
import { bookingView } from '../../shared/http/booking-view';
import { httpHandler } from '../../shared/http/http-handler';
import { OPERATIONS } from '../../shared/http/operations';
import { seriesView } from '../../shared/http/series-view';
import { validationFailed } from '../../shared/errors/domain-errors';
import { checkClientRepeat } from '../../shared/series/client-repeat';
import { createSeries } from '../../shared/series/series-service';
import { issueClientManageToken } from '../../shared/tokens/manage-token';

export const handler = httpHandler(OPERATIONS.createBooking, async ({ body, headers, event }, deps) => {
  // API Gateway's own view of the caller (never a client-sent header): what the per-source limit counts.
  const source = event.requestContext?.http?.sourceIp;
  const idempotencyKey = headers['idempotency-key'];
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw validationFailed('The Idempotency-Key header is not valid.', [{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  const { website, formMs, ...request } = body;
  const bot = botSignal({ website, formMs });
  if (bot) {
    // Decision 128: a bot learns nothing, so it gets a success's answer; nothing is written or sent.
    logger.info('booking decoy answered', { reason: bot });
    const { booking, manageToken, manageTokens } = await decoyBooking(deps, request);
    return { status: 201, body: { booking: bookingView(booking), manageToken, manageTokens } };
  }
  if (request.repeat) {
    const { repeat, ...single } = request;
    // The type says which series a client may book; a missing therapist or type is the same 404 as for one booking.
    const { sessionType } = bookable(await deps.therapists.loadConfiguration(single.therapistId), single.sessionTypeId);
    checkClientRepeat(sessionType, repeat);
    // A series is booked confirmed: only for proven addresses the type's rules take without approval (issue 14).
    const [settings, proven] = await Promise.all([deps.settings.get(), provenClients(deps, headers.authorization, single.clients)]);
    await checkSeriesAllowed(deps, { settings, therapistId: single.therapistId, sessionType, clients: single.clients, proven, now: deps.clock.now() });
    const { series, bookings } = await createSeries(
      deps,
      { ...single, everyWeeks: repeat.everyWeeks as 1 | 2 | 3 | 4, count: repeat.count, by: 'client' },
      idempotencyKey,
      { source },
    );
    // The first occurrence is always booked (else createSeries refused with 409): it is the answer's booking.
    const first = bookings.find((b) => b.id === series.occurrences[0]?.bookingId) ?? bookings[0]!;
    const manageTokens = first.clients.map((_, i) => issueClientManageToken(deps.config.manageTokenSecret, first.id, i));
    return { status: 201, body: { booking: bookingView(first), manageToken: manageTokens[0], manageTokens, series: seriesView(series) } };
  }
  const { booking, manageToken, manageTokens } = await createBooking(deps, request, idempotencyKey, headers.authorization, source);
  // The booker typed every client's details, so the answer may show them all.
  return { status: 201, body: { booking: bookingView(booking), manageToken, manageTokens } };
});
