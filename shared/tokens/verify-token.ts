import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_CLIENTS_PER_BOOKING } from './manage-token';

/**
 * The token of a verification link: `v1.<bookingId, base64url>.<HMAC-SHA256(secret, "v1.<bookingId>.<client index>"), base64url>`.
 * It is only ever put in the email sent to that client's address, so holding it proves the
 * address; it is never in an API answer. It signs a message no manage token signs, so neither kind
 * of token works as the other (a manage token from `POST /v1/bookings` proves nothing).
 */
const PREFIX = 'v1';

export interface VerifyGrant {
  bookingId: string;
  client: number;
}

function sign(secret: string, bookingId: string, client: number): Buffer {
  return createHmac('sha256', secret).update(`${PREFIX}.${bookingId}.${client}`).digest();
}

export function issueVerifyToken(secret: string, bookingId: string, client: number): string {
  if (!Number.isInteger(client) || client < 0 || client >= MAX_CLIENTS_PER_BOOKING) throw new RangeError('client index out of range');
  return `${PREFIX}.${Buffer.from(bookingId).toString('base64url')}.${sign(secret, bookingId, client).toString('base64url')}`;
}

/** Which booking and client the token verifies, or undefined when it is malformed or not ours. */
export function readVerifyGrant(secret: string, value: string): VerifyGrant | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  const [, encodedId, encodedSignature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(encodedId) || !/^[A-Za-z0-9_-]{43}$/.test(encodedSignature)) return undefined;
  const bookingId = Buffer.from(encodedId, 'base64url').toString();
  const given = Buffer.from(encodedSignature, 'base64url');
  if (Buffer.from(bookingId).toString('base64url') !== encodedId || given.toString('base64url') !== encodedSignature) return undefined;
  // Every index is compared, always: timing does not tell which client holds the link.
  let client: number | undefined;
  for (let i = 0; i < MAX_CLIENTS_PER_BOOKING; i++) {
    const expected = sign(secret, bookingId, i);
    if (given.length === expected.length && timingSafeEqual(given, expected)) client = i;
  }
  return client === undefined ? undefined : { bookingId, client };
}
