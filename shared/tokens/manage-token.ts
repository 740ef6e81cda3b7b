import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Manage tokens: `m1.<bookingId, base64url>.<HMAC-SHA256, base64url>`. Scoped to one booking by the
 * signed id; whether it has expired is decided against that booking's current end (so a manage
 * link stays valid across a reschedule and dies a grace period after the session).
 */
const PREFIX = 'm1';

function sign(secret: string, bookingId: string): Buffer {
  return createHmac('sha256', secret).update(`${PREFIX}.${bookingId}`).digest();
}

export function issueManageToken(secret: string, bookingId: string): string {
  return `${PREFIX}.${Buffer.from(bookingId).toString('base64url')}.${sign(secret, bookingId).toString('base64url')}`;
}

/** The booking id the token was issued for, or undefined when it is malformed or not ours. */
export function readManageToken(secret: string, token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return undefined;
  const [, encodedId, encodedSignature] = parts as [string, string, string];
  // Reject non-canonical encodings: every character of the token is significant.
  if (!/^[A-Za-z0-9_-]+$/.test(encodedId) || !/^[A-Za-z0-9_-]{43}$/.test(encodedSignature)) return undefined;
  const bookingId = Buffer.from(encodedId, 'base64url').toString();
  const expected = sign(secret, bookingId);
  const given = Buffer.from(encodedSignature, 'base64url');
  if (Buffer.from(bookingId).toString('base64url') !== encodedId || given.toString('base64url') !== encodedSignature) return undefined;
  return given.length === expected.length && timingSafeEqual(given, expected) ? bookingId : undefined;
}

/** Whether a valid token for a booking ending at `sessionEnd` still grants access at `now`. */
export function manageTokenLive(sessionEnd: string, now: Date, graceHours: number): boolean {
  return now.getTime() < Date.parse(sessionEnd) + graceHours * 3600_000;
}
