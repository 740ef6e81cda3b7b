/**
 * `pending_verification` and `requested` hold their slot (decision 75) until `holdUntil`; after
 * that instant a hold counts as `expired` wherever it is read, whether or not the sweep has
 * written it yet. `declined` and `expired` hold nothing.
 */
export type BookingStatus = 'pending_verification' | 'requested' | 'confirmed' | 'declined' | 'expired' | 'cancelled';
export type HeldStatus = 'pending_verification' | 'requested';

export function isHeldStatus(status: BookingStatus): status is HeldStatus {
  return status === 'pending_verification' || status === 'requested';
}

/** Whether a session type's `audience` rule refused the booking once the addresses were verified. */
export type RuleRefusal = 'new_clients_only' | 'existing_clients_only';

export interface Client {
  name: string;
  email: string;
  phone?: string;
}

export interface Booking {
  id: string;
  status: BookingStatus;
  therapistId: string;
  sessionTypeId: string;
  /** UTC instants. */
  start: string;
  end: string;
  /** The client's zone, used to present times to them. */
  timeZone: string;
  /** The therapist's zone when booked. */
  therapistTimeZone: string;
  /** End of the session plus the buffer that followed it when it was booked: what it blocks. */
  blockedUntil: string;
  /** Therapist-local dates whose day ledgers hold this booking's blocked time. */
  ledgerDates: string[];
  clients: Client[];
  note?: string;
  /**
   * The locale (BCP 47, English, perhaps with `-u-hc-h12|h23`) the client booked with: their emails
   * write dates and the clock in it (issue 16). Absent: the practice's locale, else en-US.
   */
  locale?: string;
  lateCancellation?: boolean;
  /** A client moved it inside the late window (flag mode); kept through later moves, for billing. */
  lateChange?: boolean;
  cancelReason?: string;
  cancelledBy?: 'client' | 'therapist';
  /** Which client (index into `clients`) cancelled with their own link; absent when unknown (an old shared link) or not a client. */
  cancelledByClient?: number;
  /** Who moved the booking last, and which client when one did it with their own link. */
  rescheduledBy?: 'client' | 'therapist';
  rescheduledByClient?: number;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
  /** Bumped on every change (reschedule, cancel); calendars use it as SEQUENCE. */
  sequence: number;
  /** An occurrence of a standing appointment: its series, and its position in the series' rule. */
  seriesId?: string;
  occurrenceIndex?: number;
  /** While `pending_verification` or `requested`: the instant the hold ends (exclusive). */
  holdUntil?: string;
  /**
   * One flag per client (index into `clients`): whether they proved their address, by the link in
   * the verification email or by a manage token of an earlier verified booking ("book again").
   * Absent when verification did not apply to this booking.
   */
  verified?: boolean[];
  /** When the last client verified (the booking left `pending_verification`). */
  verifiedAt?: string;
  /** A request the therapist approved. */
  approvedAt?: string;
  declinedAt?: string;
  declinedBy?: 'therapist' | 'rules';
  /** The therapist's reason, when they gave one; shown to the therapist, never put in an event. */
  declineReason?: string;
  /** Set when `declinedBy: 'rules'`: which audience rule refused it. */
  ruleRefusal?: RuleRefusal;
  expiredAt?: string;
  /**
   * Created unverified: its `POST /v1/bookings` answer (and every replay of it) carries provisional
   * manage tokens, which open it only until it is verified and never prove an address (decision 91).
   */
  provisionalTokens?: true;
}

/**
 * The booking as it stands at `now`: a hold past its `holdUntil` reads as `expired` (and stops
 * holding) even before the sweep has written that. Every read that shows or judges a booking goes
 * through this, so expiry is exact to the minute whatever DynamoDB's TTL or the sweep's timing do.
 */
export function bookingAsOf(booking: Booking, now: Date): Booking {
  if (!isHeldStatus(booking.status) || !booking.holdUntil || Date.parse(booking.holdUntil) > now.getTime()) return booking;
  return { ...booking, status: 'expired', expiredAt: booking.holdUntil };
}
