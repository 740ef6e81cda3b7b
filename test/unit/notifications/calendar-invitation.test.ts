import ICAL from 'ical.js';
import { composeClientEmail } from '../../../shared/notifications/notification-content';
import { alex, blake, clientInput, couplesBooking, parseCalendar, settings, videoSession } from './fixtures';

const uid = `${couplesBooking().id}@practice-booking`;

function instant(event: ICAL.Component, name: string): number {
  const value = event.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value.toJSDate().getTime();
}

function text(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? undefined : String(value);
}

describe('the confirmation invitation', () => {
  const email = composeClientEmail(clientInput({ location: '12 Harbour Street, Berlin' }));
  const { calendar, event } = parseCalendar(email);

  test('is an iTIP REQUEST in appointment.ics', () => {
    expect(email.calendar?.method).toBe('REQUEST');
    expect(email.calendar?.filename).toBe('appointment.ics');
    expect(text(calendar, 'method')).toBe('REQUEST');
    expect(text(calendar, 'version')).toBe('2.0');
    expect(text(calendar, 'prodid')).toContain('//Practice Booking//EN');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
  });

  test('names the booking, its sequence and its UTC instants', () => {
    expect(text(event, 'uid')).toBe(uid);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(instant(event, 'dtstart')).toBe(Date.parse('2026-12-02T14:00:00Z'));
    expect(instant(event, 'dtend')).toBe(Date.parse('2026-12-02T14:50:00Z'));
    expect(instant(event, 'dtstamp')).toBe(Date.parse('2026-11-20T09:00:05Z'));
    // Written as UTC instants, not floating or zoned local times.
    expect(email.calendar?.content).toMatch(/^DTSTART:20261202T140000Z\r?$/m);
    expect(email.calendar?.content).toMatch(/^DTEND:20261202T145000Z\r?$/m);
  });

  test('is private, confirmed and discreetly titled', () => {
    expect(text(event, 'class')).toBe('PRIVATE');
    expect(text(event, 'status')).toBe('CONFIRMED');
    expect(text(event, 'summary')).toBe('Appointment with Dr. Sam Lee');
    expect(text(event, 'location')).toBe('12 Harbour Street, Berlin');
    expect(text(event, 'url')).toBe('https://book.harbour.example/manage?token=tok-alex');
    expect(text(event, 'description')).toContain('https://book.harbour.example/manage?token=tok-alex');
  });

  test('is organised by the practice sender', () => {
    const organizer = event.getFirstProperty('organizer');
    expect(String(organizer?.getFirstValue()).toLowerCase()).toBe('mailto:appointments@harbour.example');
    expect(organizer?.getParameter('cn')).toBe('Harbour Street Appointments');
  });

  test('has exactly one attendee: the recipient, already accepted, no RSVP', () => {
    const attendees = event.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    const [attendee] = attendees;
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe('mailto:alex@example.org');
    expect(attendee?.getParameter('cn')).toBe('Alex Morgan');
    expect(attendee?.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(attendee?.getParameter('partstat')).toBe('ACCEPTED');
    expect(String(attendee?.getParameter('rsvp')).toUpperCase()).toBe('FALSE');
  });
});

test('each couples partner gets an invitation naming only themselves', () => {
  for (const [recipient, other] of [[alex, blake], [blake, alex]] as const) {
    const email = composeClientEmail(clientInput({ recipient, manageUrl: `https://book.harbour.example/m/${recipient.name}` }));
    expect(email.to).toBe(recipient.email);
    const { event } = parseCalendar(email);
    const attendees = event.getAllProperties('attendee').map((a) => String(a.getFirstValue()).toLowerCase());
    expect(attendees).toEqual([`mailto:${recipient.email}`]);
    expect(email.calendar?.content).not.toContain(other.email);
    expect(text(event, 'uid')).toBe(uid);
  }
});

test('confirmation, reschedule and cancellation of one booking update one calendar entry', () => {
  const confirmation = composeClientEmail(clientInput());
  const moved = couplesBooking({ start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:50:00.000Z', sequence: 1 });
  const reschedule = composeClientEmail(clientInput({ kind: 'reschedule', booking: moved, previousStart: '2026-12-02T14:00:00.000Z' }));
  const cancelledBooking = { ...moved, status: 'cancelled' as const, sequence: 2, cancelReason: 'private-reason' };
  const cancellation = composeClientEmail(clientInput({ kind: 'cancellation', booking: cancelledBooking }));

  const events = [confirmation, reschedule, cancellation].map((email) => parseCalendar(email).event);
  expect(events.map((e) => text(e, 'uid'))).toEqual([uid, uid, uid]);
  expect(events.map((e) => e.getFirstPropertyValue('sequence'))).toEqual([0, 1, 2]);

  const [, movedEvent, cancelledEvent] = events as [ICAL.Component, ICAL.Component, ICAL.Component];
  expect(instant(movedEvent, 'dtstart')).toBe(Date.parse('2026-12-09T10:00:00Z'));
  expect(instant(movedEvent, 'dtend')).toBe(Date.parse('2026-12-09T10:50:00Z'));
  expect(reschedule.calendar?.method).toBe('REQUEST');

  expect(cancellation.calendar?.method).toBe('CANCEL');
  expect(cancellation.calendar?.filename).toBe('appointment-cancelled.ics');
  expect(text(parseCalendar(cancellation).calendar, 'method')).toBe('CANCEL');
  expect(text(cancelledEvent, 'status')).toBe('CANCELLED');
  expect(text(cancelledEvent, 'class')).toBe('PRIVATE');
  expect(instant(cancelledEvent, 'dtstart')).toBe(Date.parse('2026-12-09T10:00:00Z'));
  expect(cancelledEvent.getAllProperties('attendee')).toHaveLength(1);
  expect(text(cancelledEvent, 'url')).toBeUndefined();
  expect(cancellation.calendar?.content).not.toContain('tok-alex');
});

test('a telehealth invitation points to the video call', () => {
  const email = composeClientEmail(
    clientInput({ sessionType: videoSession, videoUrl: 'https://video.harbour.example/room/8f3k' }),
  );
  expect(text(parseCalendar(email).event, 'location')).toBe('Video call: https://video.harbour.example/room/8f3k');
});

test('reminders carry no calendar part (the entry is already in the calendar)', () => {
  expect(composeClientEmail(clientInput({ kind: 'reminder' })).calendar).toBeUndefined();
});

test('names with quotes or markup still make a valid invitation', () => {
  const odd = { name: '"Ally" <script>alert(1)</script> O\'Brien & Co', email: 'ally@example.org' };
  const email = composeClientEmail(
    clientInput({ recipient: odd, therapist: { displayName: 'Dr. "Sam", Lee; MD' }, settings: settings({ senderName: 'A "quoted" sender' }) }),
  );
  const { event } = parseCalendar(email);
  expect(event.getFirstProperty('attendee')?.getParameter('cn')).toBe("'Ally' <script>alert(1)</script> O'Brien & Co");
  expect(event.getFirstProperty('organizer')?.getParameter('cn')).toBe("A 'quoted' sender");
  expect(text(event, 'summary')).toBe('Appointment with Dr. "Sam", Lee; MD');
});
