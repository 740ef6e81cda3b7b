import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventClass,
  ICalEventStatus,
} from 'ical-generator';
import type { OutgoingEmail } from '../mail/mailer';

/**
 * The iCalendar (RFC 5545 / iTIP RFC 5546) invitation or cancellation attached to a booking email.
 * One VEVENT, one ATTENDEE: the email's recipient and nobody else, so a couples partner's calendar
 * never learns the other partner's address. Times are UTC instants (`...Z`); no VTIMEZONE needed.
 */

export const CALENDAR_PROD_ID = '//Practice Booking//EN';
export const INVITATION_FILENAME = 'appointment.ics';
export const CANCELLATION_FILENAME = 'appointment-cancelled.ics';

/** Stable across every message about one booking, so calendars update the same entry. */
export function calendarUid(bookingId: string): string {
  return `${bookingId}@practice-booking`;
}

export interface CalendarInvitationInput {
  method: 'REQUEST' | 'CANCEL';
  bookingId: string;
  /** The booking's `sequence`: bumped on every change, so the newest message wins. */
  sequence: number;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** When this message is created (DTSTAMP). */
  stamp: Date;
  summary: string;
  description: string;
  location?: string;
  /** The recipient's manage link; left out of cancellations. */
  url?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * A display name as an iCalendar parameter value: RFC 5545 forbids DQUOTE and control characters
 * there even inside quotes (ical-generator would emit `\"`, which parsers reject).
 */
export function paramSafe(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/"/g, "'").trim();
}

export function buildCalendarInvitation(input: CalendarInvitationInput): NonNullable<OutgoingEmail['calendar']> {
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: CALENDAR_PROD_ID,
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: calendarUid(input.bookingId),
    sequence: input.sequence,
    stamp: input.stamp,
    start: new Date(input.start),
    end: new Date(input.end),
    summary: input.summary,
    description: input.description,
    location: input.location ?? null,
    url: cancel ? null : (input.url ?? null),
    class: ICalEventClass.PRIVATE,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: paramSafe(input.organizer.name), email: input.organizer.email },
    attendees: [
      {
        email: input.attendee.email,
        name: paramSafe(input.attendee.name) || null,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  return {
    method: input.method,
    filename: cancel ? CANCELLATION_FILENAME : INVITATION_FILENAME,
    content: calendar.toString(),
  };
}
