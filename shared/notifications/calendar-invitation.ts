import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventClass,
  ICalEventStatus,
  type ICalEventData,
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

/** What every discreet VEVENT we send says: the text, private, organised by the practice, the recipient the one attendee. */
export interface PrivateEventText {
  summary: string;
  description: string;
  location?: string;
  /** Left out of cancellations. */
  url?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The fields a booking's invitation and a series' event share (one place for the discretion rules). */
export function privateEventFields(text: PrivateEventText, cancelled: boolean): Partial<ICalEventData> {
  return {
    summary: text.summary,
    description: text.description,
    location: text.location ?? null,
    url: cancelled ? null : (text.url ?? null),
    class: ICalEventClass.PRIVATE,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: paramSafe(text.organizer.name), email: text.organizer.email },
    attendees: [
      {
        email: text.attendee.email,
        name: paramSafe(text.attendee.name) || null,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  };
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
    ...privateEventFields(input, cancel),
  });
  return {
    method: input.method,
    filename: cancel ? CANCELLATION_FILENAME : INVITATION_FILENAME,
    content: calendar.toString(),
  };
}
