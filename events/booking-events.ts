import * as z from '../shared/validation/zod';
import { envelope } from './envelope';

const instant = z.iso.datetime({ offset: true });

/** What every booking event says of the booking: ids and times only. Consumers read the rest
 * (names, email addresses) from the table, so no personal data travels on the bus or sits in a DLQ. */
const bookingFacts = {
  bookingId: z.string().check(z.minLength(1)),
  therapistId: z.string().check(z.minLength(1)),
  sessionTypeId: z.string().check(z.minLength(1)),
  start: instant,
  end: instant,
  /** The client's zone. */
  timeZone: z.string().check(z.minLength(1)),
  /** The booking's version after this change; calendars use it as SEQUENCE. */
  sequence: z.number().check(z.int(), z.minimum(0)),
};

export const BookingConfirmed = envelope('booking.confirmed', 1, z.object(bookingFacts));
export const BookingRescheduled = envelope(
  'booking.rescheduled',
  1,
  z.object({ ...bookingFacts, previousStart: instant, previousEnd: instant }),
);
export const BookingCancelled = envelope(
  'booking.cancelled',
  1,
  z.object({
    ...bookingFacts,
    lateCancellation: z.boolean(),
    cancelledBy: z.enum(['client', 'therapist']),
    /** `requested`: a request withdrawn before the therapist decided (absent: a confirmed appointment, as before issue 14). */
    previousStatus: z.optional(z.enum(['confirmed', 'requested'])),
  }),
);
/** A booking that holds its slot until every client confirms their address: each unverified client is sent a link. */
export const BookingVerificationRequested = envelope(
  'booking.verification_requested',
  1,
  z.object({ ...bookingFacts, holdUntil: instant }),
);
/** A verified booking that waits for the therapist's approval until `holdUntil`. */
export const BookingRequested = envelope('booking.requested', 1, z.object({ ...bookingFacts, holdUntil: instant }));
/** A held booking that will not take place: the therapist declined it, or a session type's audience rule did. */
export const BookingDeclined = envelope(
  'booking.declined',
  1,
  z.object({ ...bookingFacts, declinedBy: z.enum(['therapist', 'rules']) }),
);
/** A hold that ended unanswered: `previousStatus` says whether the address was never verified or the request never decided. */
export const BookingExpired = envelope(
  'booking.expired',
  1,
  z.object({ ...bookingFacts, previousStatus: z.enum(['pending_verification', 'requested']) }),
);
export const ReminderDue = envelope(
  'reminder.due',
  1,
  z.object({
    bookingId: z.string().check(z.minLength(1)),
    therapistId: z.string().check(z.minLength(1)),
    /** Minutes before the session; identifies which reminder this is. */
    offsetMinutes: z.number().check(z.int(), z.positive()),
    /** The session start the reminder was scheduled for: a reminder for an old time is stale. */
    start: instant,
    dueAt: instant,
  }),
);

/** What a series event says of the series: ids and its version only; consumers read the rest from the table. */
const seriesFacts = {
  seriesId: z.string().check(z.minLength(1)),
  therapistId: z.string().check(z.minLength(1)),
  /** The series' sequence after this change (its calendar SEQUENCE). */
  sequence: z.number().check(z.int(), z.minimum(0)),
};
/** A series whose first write is complete (no longer pending): one confirmation for all its occurrences. */
export const SeriesCreated = envelope('series.created', 1, z.object(seriesFacts));
/** A series ended (from a date on): one cancellation for the rest. */
export const SeriesEnded = envelope('series.ended', 1, z.object(seriesFacts));
/** A series gained a skipped week after its confirmation (the extension job): its skips at `sequence` are to be told. */
export const SeriesChanged = envelope('series.changed', 1, z.object(seriesFacts));

export type BookingConfirmed = z.infer<typeof BookingConfirmed>;
export type BookingRescheduled = z.infer<typeof BookingRescheduled>;
export type BookingCancelled = z.infer<typeof BookingCancelled>;
export type BookingVerificationRequested = z.infer<typeof BookingVerificationRequested>;
export type BookingRequested = z.infer<typeof BookingRequested>;
export type BookingDeclined = z.infer<typeof BookingDeclined>;
export type BookingExpired = z.infer<typeof BookingExpired>;
export type ReminderDue = z.infer<typeof ReminderDue>;
export type SeriesCreated = z.infer<typeof SeriesCreated>;
export type SeriesEnded = z.infer<typeof SeriesEnded>;
export type SeriesChanged = z.infer<typeof SeriesChanged>;
export type BookingEvent =
  | BookingConfirmed
  | BookingRescheduled
  | BookingCancelled
  | BookingVerificationRequested
  | BookingRequested
  | BookingDeclined
  | BookingExpired;
export type SeriesEvent = SeriesCreated | SeriesEnded | SeriesChanged;
export type DomainEvent = BookingEvent | ReminderDue | SeriesEvent;

/** Every contract by its type name. */
export const EVENT_CONTRACTS = {
  'booking.confirmed': BookingConfirmed,
  'booking.rescheduled': BookingRescheduled,
  'booking.cancelled': BookingCancelled,
  'booking.verification_requested': BookingVerificationRequested,
  'booking.requested': BookingRequested,
  'booking.declined': BookingDeclined,
  'booking.expired': BookingExpired,
  'reminder.due': ReminderDue,
  'series.created': SeriesCreated,
  'series.ended': SeriesEnded,
  'series.changed': SeriesChanged,
} as const;
export type EventType = keyof typeof EVENT_CONTRACTS;
