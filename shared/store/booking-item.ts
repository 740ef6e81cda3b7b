import type { Booking } from '../domain/booking';

// Apart from the repository, so the stream publisher reads stream images without loading the
// DynamoDB client it never calls.
const BOOKING_FIELDS = [
  'id', 'status', 'therapistId', 'sessionTypeId', 'start', 'end', 'timeZone', 'therapistTimeZone', 'blockedUntil', 'ledgerDates',
  'clients', 'note', 'lateCancellation', 'lateChange', 'cancelReason', 'cancelledBy', 'createdAt', 'updatedAt', 'cancelledAt', 'sequence',
  'cancelledByClient', 'rescheduledBy', 'rescheduledByClient', 'seriesId', 'occurrenceIndex',
  // Issue 14: holds, verification and requests.
  'holdUntil', 'verified', 'verifiedAt', 'approvedAt', 'declinedAt', 'declinedBy', 'declineReason', 'ruleRefusal', 'expiredAt', 'provisionalTokens',
  // Issue 16: the locale of the client's emails.
  'locale',
] as const;

/** A booking from a stored item (or a stream image), without the storage attributes. */
export function toBooking(item: Record<string, any>): Booking {
  const booking: Record<string, unknown> = {};
  for (const field of BOOKING_FIELDS) if (item[field] !== undefined) booking[field] = item[field];
  return booking as unknown as Booking;
}

