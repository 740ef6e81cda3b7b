/**
 * A one-event iCalendar file (RFC 5545), made in the browser so "Add to calendar" needs no request.
 * Discreet like the emails: the title is a plain "Appointment" and the event is CLASS:PRIVATE.
 * The UID is the backend's (`<bookingId>@practice-booking`) because it is the same event as the
 * email's invitation: the same instants, LOCATION as the email has it (the address; for video the
 * widget, which never has the link, says "Online"), and the manage link in DESCRIPTION and URL. It
 * carries no SEQUENCE (0): the widget does not know the booking's, so an invitation the server sends
 * later always wins over this file, never the other way round (decision 118).
 */
export interface CalendarEvent {
  bookingId: string;
  start: string;
  end: string;
  summary: string;
  location?: string;
  description?: string;
  /** The holder's manage link. */
  url?: string;
}

const utc = (instant: string | Date) => new Date(instant).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');

const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets continue on the next line after a space; never split a character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (octets + n > (parts.length ? 74 : 75)) {
      parts.push(part);
      part = '';
      octets = 0;
    }
    part += ch;
    octets += n;
  }
  parts.push(part);
  return parts.join('\r\n ');
}

export function icsFile(event: CalendarEvent, now = new Date()): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//practice-booking//booking widget//EN',
    'CALSCALE:GREGORIAN',
    'BEGIN:VEVENT',
    `UID:${text(event.bookingId)}@practice-booking`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
    event.location && `LOCATION:${text(event.location)}`,
    event.description && `DESCRIPTION:${text(event.description)}`,
    event.url && `URL:${event.url}`,
    'CLASS:PRIVATE',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
    .filter((line): line is string => !!line)
    .map(fold)
    .join('\r\n') + '\r\n';
}

/** Offers the file as a download; the link lives in `host` only for the click (Firefox needs it attached). */
export function downloadIcs(host: Node, event: CalendarEvent): void {
  const url = URL.createObjectURL(new Blob([icsFile(event)], { type: 'text/calendar;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'appointment.ics';
  link.hidden = true;
  host.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
