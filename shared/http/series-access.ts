import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Booking } from '../domain/booking';
import { DomainError, forbidden } from '../errors/domain-errors';
import type { Series } from '../series/series';
import { getSeries } from '../series/series-service';
import { manageTokenLive, readManageGrant } from '../tokens/manage-token';
import { manageTokenOf, type ManageAccessPorts } from './manage-access';

export type SeriesAccessPorts = ManageAccessPorts & Parameters<typeof getSeries>[0];

/** A series opened with a manage token, and which of its clients holds that token. */
export interface SeriesAccess {
  series: Series;
  /** The occurrence whose token was used. */
  booking: Booking;
  /** The holder's index in `clients` (an occurrence's clients are the series', in the same order). */
  client?: number;
}

/**
 * A client proves they belong to a series with the manage token of any of its bookings (decision 61):
 * the token names a booking and a client, and that booking's `seriesId` must be the path's. Every
 * failure — a malformed or foreign token, a token of a booking of another series or of none, a
 * series that does not exist — is the same 403, so a guessed series id learns nothing.
 *
 * The token lives until a grace period after the series' last occurrence, not the occurrence it was
 * issued for: the confirmation's link (the first occurrence's) keeps managing the rest of the series.
 */
export async function seriesAccess(deps: SeriesAccessPorts, event: APIGatewayProxyEventV2, seriesId: string): Promise<SeriesAccess> {
  const token = manageTokenOf(event);
  const grant = token ? readManageGrant(deps.config.manageTokenSecret, token) : undefined;
  if (!grant) throw forbidden();
  const booking = await deps.bookings.get(grant.bookingId);
  if (!booking || booking.seriesId !== seriesId) throw forbidden();
  const series = await getSeries(deps, seriesId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') throw forbidden();
    throw error;
  });
  if (!manageTokenLive(lastEnd(series, booking), deps.clock.now(), deps.config.manageTokenGraceHours)) {
    throw forbidden('This manage link has expired.');
  }
  if (grant.client !== undefined && grant.client >= series.clients.length) throw forbidden();
  const client = grant.client ?? (series.clients.length === 1 ? 0 : undefined);
  return client === undefined ? { series, booking } : { series, booking, client };
}

/** The end of the series' last occurrence that has (or had) a booking: what a series link outlives. */
function lastEnd(series: Series, booking: Booking): string {
  let last = booking.end;
  for (const o of series.occurrences) if (o.bookingId && o.end > last) last = o.end;
  return last;
}
