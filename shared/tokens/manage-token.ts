import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Manage tokens, scoped to one booking by the signed id; whether one has expired is decided against
 * that booking's current end (so a manage link stays valid across a reschedule and dies a grace
 * period after the session).
 *
 * - `m2.<bookingId, base64url>.<HMAC-SHA256(secret, "m2.<bookingId>.<client index>"), base64url>`:
 *   one per client of the booking, so each partner of a couples session holds their own. The index
 *   is signed, not written: every m2 token has the same shape, so a link says neither which partner
 *   holds it nor that there is a partner at all. Reading tries each possible index.
 * - `m1.<bookingId, base64url>.<HMAC-SHA256(secret, "m1.<bookingId>"), base64url>`: the first format,
 *   one per booking (both partners were sent the same one). Still accepted; it names no client.
 *
 * - `p1.<bookingId>.<HMAC(secret, "p1.<bookingId>.<client index>")>`: provisional, in the answer to
 *   `POST /v1/bookings` of a booking that waits for its clients to verify their addresses. Whoever
 *   typed the addresses holds it, so it opens the booking only until the clients verify (view it,
 *   withdraw it) and proves no address (decision 91). The clients' own m2 links come by email.
 *
 * The formats sign different messages, so no signature is valid under another prefix.
 */
const LEGACY = 'm1';
const PER_CLIENT = 'm2';
const PROVISIONAL = 'p1';
/** A booking has at most this many clients (a couples session: 2). */
export const MAX_CLIENTS_PER_BOOKING = 2;

/** What a valid token grants: one booking, and for an m2 token the client (index into `clients`) holding it. */
export interface ManageGrant {
  bookingId: string;
  client?: number;
  /** A p1 token: valid only while the booking has not been verified, and never a proof of address. */
  provisional?: true;
}

function sign(secret: string, message: string): Buffer {
  return createHmac('sha256', secret).update(message).digest();
}

function token(prefix: string, bookingId: string, signature: Buffer): string {
  return `${prefix}.${Buffer.from(bookingId).toString('base64url')}.${signature.toString('base64url')}`;
}

/** The first format's token for a whole booking. New bookings get per-client tokens instead. */
export function issueManageToken(secret: string, bookingId: string): string {
  return token(LEGACY, bookingId, sign(secret, `${LEGACY}.${bookingId}`));
}

/** The token of one client of a booking: `client` is their index in the booking's `clients`. */
export function issueClientManageToken(secret: string, bookingId: string, client: number): string {
  if (!Number.isInteger(client) || client < 0 || client >= MAX_CLIENTS_PER_BOOKING) throw new RangeError('client index out of range');
  return token(PER_CLIENT, bookingId, sign(secret, `${PER_CLIENT}.${bookingId}.${client}`));
}

/** The provisional token of one client of a booking created unverified (the POST answer's). */
export function issueProvisionalManageToken(secret: string, bookingId: string, client: number): string {
  if (!Number.isInteger(client) || client < 0 || client >= MAX_CLIENTS_PER_BOOKING) throw new RangeError('client index out of range');
  return token(PROVISIONAL, bookingId, sign(secret, `${PROVISIONAL}.${bookingId}.${client}`));
}

/** What the token grants, or undefined when it is malformed or not ours. */
export function readManageGrant(secret: string, value: string): ManageGrant | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || (parts[0] !== LEGACY && parts[0] !== PER_CLIENT && parts[0] !== PROVISIONAL)) return undefined;
  const [prefix, encodedId, encodedSignature] = parts as [string, string, string];
  // Reject non-canonical encodings: every character of the token is significant.
  if (!/^[A-Za-z0-9_-]+$/.test(encodedId) || !/^[A-Za-z0-9_-]{43}$/.test(encodedSignature)) return undefined;
  const bookingId = Buffer.from(encodedId, 'base64url').toString();
  const given = Buffer.from(encodedSignature, 'base64url');
  if (Buffer.from(bookingId).toString('base64url') !== encodedId || given.toString('base64url') !== encodedSignature) return undefined;
  if (prefix === LEGACY) return matches(given, sign(secret, `${LEGACY}.${bookingId}`)) ? { bookingId } : undefined;
  // Compare against every index, always all of them, so timing does not tell which one matched.
  let client: number | undefined;
  for (let i = 0; i < MAX_CLIENTS_PER_BOOKING; i++) {
    if (matches(given, sign(secret, `${prefix}.${bookingId}.${i}`))) client = i;
  }
  if (client === undefined) return undefined;
  return prefix === PROVISIONAL ? { bookingId, client, provisional: true } : { bookingId, client };
}

/** The booking id the token was issued for (either format), or undefined when it is malformed or not ours. */
export function readManageToken(secret: string, value: string): string | undefined {
  return readManageGrant(secret, value)?.bookingId;
}

function matches(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether a valid token for a booking ending at `sessionEnd` still grants access at `now`. */
export function manageTokenLive(sessionEnd: string, now: Date, graceHours: number): boolean {
  return now.getTime() < Date.parse(sessionEnd) + graceHours * 3600_000;
}
