import ical, { ICalEventClass, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { CALENDAR_PROD_ID } from '../notifications/calendar-invitation';
import { davFetch, davStatusMessage, type DavAccess } from './caldav-http';

/**
 * Bookings written back to a therapist's CalDAV calendar (issue 15): one object per booking at
 * `<collection>/<bookingId>.ics`, put whole (created or replaced) while the booking is confirmed
 * and deleted otherwise. Both requests are idempotent, so the consumer may repeat them in any
 * order and the calendar ends as the booking is.
 *
 * Discreet by design: the summary is "Appointment", the class PRIVATE, no client name, address,
 * note, session type or link; only the time. Times are UTC instants, so no VTIMEZONE is needed.
 */

/** Marks an object as a booking of this app, so reading the calendar back skips it (decision 101). */
export const OWN_BOOKING_PROPERTY = 'X-PRACTICE-BOOKING';
export const WRITTEN_SUMMARY = 'Appointment';

/** Answers a retry will not change: wrong credentials, no such calendar, not CalDAV. */
const LASTING = new Set([401, 403, 404, 405, 501]);

export class CalendarWriteError extends Error {
  override readonly name = 'CalendarWriteError';
  /** Plain message (no URL, no credential); `lasting`: the server refuses for good, retrying will not help. */
  constructor(message: string, readonly lasting = false) {
    super(message);
  }
}

function refusal(status: number): CalendarWriteError {
  return new CalendarWriteError(davStatusMessage(status), LASTING.has(status));
}

export interface WrittenBooking {
  bookingId: string;
  /** The booking's sequence: the event's SEQUENCE, so calendars see each change as newer. */
  sequence: number;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** DTSTAMP. */
  stamp: Date;
}

/** The object's URL in the collection; booking ids are URL-safe but are encoded anyway. */
export function bookingObjectUrl(collectionUrl: string, bookingId: string): string {
  const base = collectionUrl.endsWith('/') ? collectionUrl : `${collectionUrl}/`;
  return new URL(`${encodeURIComponent(bookingId)}.ics`, base).href;
}

export function bookingEventIcs(booking: WrittenBooking): string {
  const calendar = ical({ prodId: CALENDAR_PROD_ID });
  calendar.createEvent({
    id: booking.bookingId,
    sequence: booking.sequence,
    start: new Date(booking.start),
    end: new Date(booking.end),
    stamp: booking.stamp,
    summary: WRITTEN_SUMMARY,
    class: ICalEventClass.PRIVATE,
    status: ICalEventStatus.CONFIRMED,
    transparency: ICalEventTransparency.OPAQUE,
    x: [[OWN_BOOKING_PROPERTY, booking.bookingId]],
  });
  return calendar.toString();
}

/** Whether an object's iCalendar text is one this app wrote (the marker property on a line of its own). */
export function isOwnBookingEvent(icsText: string): boolean {
  return new RegExp(`^${OWN_BOOKING_PROPERTY}[:;]`, 'mi').test(icsText);
}

export async function putBookingEvent(collectionUrl: string, access: DavAccess, booking: WrittenBooking): Promise<void> {
  const answer = await davFetch(bookingObjectUrl(collectionUrl, booking.bookingId), access, {
    method: 'PUT',
    headers: { 'content-type': 'text/calendar; charset=utf-8' },
    body: bookingEventIcs(booking),
  });
  if (answer.status < 200 || answer.status >= 300) throw refusal(answer.status);
}

/** Deletes the booking's object; one that is not there (never written, or deleted before) is fine. */
export async function deleteBookingEvent(collectionUrl: string, access: DavAccess, bookingId: string): Promise<void> {
  const answer = await davFetch(bookingObjectUrl(collectionUrl, bookingId), access, { method: 'DELETE' });
  if (answer.status === 404 || answer.status === 410) return;
  if (answer.status < 200 || answer.status >= 300) throw refusal(answer.status);
}
