import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Booking } from '../domain/booking';
import { forbidden, notFound } from '../errors/domain-errors';
import type { Dependencies } from '../runtime/dependencies';
import { manageTokenLive, readManageToken } from '../tokens/manage-token';

/** The manage token from `Authorization: Bearer …` or `?token=`. */
export function manageTokenOf(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization;
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? event.queryStringParameters?.token;
}

/**
 * The booking a manage token opens, or 403. A token is checked before the booking is looked up, so
 * a guessed id learns nothing; it grants that one booking only, until a grace period after its end.
 */
export async function bookingForManageToken(
  deps: Pick<Dependencies, 'config' | 'clock' | 'bookings'>,
  event: APIGatewayProxyEventV2,
  bookingId: string,
): Promise<Booking> {
  const token = manageTokenOf(event);
  if (!token || readManageToken(deps.config.manageTokenSecret, token) !== bookingId) throw forbidden();
  const booking = await deps.bookings.get(bookingId);
  if (!booking) throw notFound('The booking');
  if (!manageTokenLive(booking.end, deps.clock.now(), deps.config.manageTokenGraceHours)) {
    throw forbidden('This manage link has expired.');
  }
  return booking;
}
