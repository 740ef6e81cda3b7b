export type BookingStatus = 'confirmed' | 'cancelled';

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
}
