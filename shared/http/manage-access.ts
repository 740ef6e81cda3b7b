import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bookingAsOf, type Booking } from '../domain/booking';
import { forbidden, notFound } from '../errors/domain-errors';
import { manageTokenLive, readManageGrant } from '../tokens/manage-token';
import type { AppConfig } from '../config/config';
import type { Clock } from '../time/clock';
import type { BookingRepository } from '../store/booking-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface ManageAccessPorts {
  config: Pick<AppConfig, 'manageTokenGraceHours' | 'manageTokenSecret'>;
  clock: Clock;
  bookings: Pick<BookingRepository, 'get'>;
}

/** The manage token from `Authorization: Bearer …` or `?token=`. */
export function manageTokenOf(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers?.authorization;
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? event.queryStringParameters?.token;
}

/** A booking opened with a manage token, and which of its clients holds that token. */
export interface ManageAccess {
  /** As of now (`bookingAsOf`): a hold past its `holdUntil` reads as expired. */
  booking: Booking;
  /**
   * The holder's index in `booking.clients`. Undefined only for an old booking-wide (m1) token of a
   * couples booking: both partners were sent that one link, so it cannot say who holds it.
   */
  client?: number;
}

/**
 * The booking a manage token opens, and its holder, or 403. A token is checked before the booking is
 * looked up, so a guessed id learns nothing; it grants that one booking only, until a grace period
 * after its end.
 */
export async function manageAccess(
  deps: ManageAccessPorts,
  event: APIGatewayProxyEventV2,
  bookingId: string,
): Promise<ManageAccess> {
  const token = manageTokenOf(event);
  const grant = token ? readManageGrant(deps.config.manageTokenSecret, token) : undefined;
  if (!grant || grant.bookingId !== bookingId) throw forbidden();
  const stored = await deps.bookings.get(bookingId);
  if (!stored) throw notFound('The booking');
  const now = deps.clock.now();
  // As of now: a hold past its end is shown, cancelled and moved as the expired booking it is.
  const booking = bookingAsOf(stored, now);
  if (!manageTokenLive(booking.end, now, deps.config.manageTokenGraceHours)) {
    throw forbidden('This manage link has expired.');
  }
  if (grant.client !== undefined && grant.client >= booking.clients.length) throw forbidden();
  // The booker's provisional link ends when the clients verify: from then on each uses their own, from their email.
  if (grant.provisional && stored.verifiedAt) throw forbidden('This link was for the request before it was confirmed. Please use the link in your confirmation email.');
  // An m1 token of a one-client booking went to that client only: it is theirs.
  const client = grant.client ?? (booking.clients.length === 1 ? 0 : undefined);
  return client === undefined ? { booking } : { booking, client };
}

/** The booking a manage token opens, or 403 (for callers that need no holder). */
export async function bookingForManageToken(
  deps: ManageAccessPorts,
  event: APIGatewayProxyEventV2,
  bookingId: string,
): Promise<Booking> {
  return (await manageAccess(deps, event, bookingId)).booking;
}
