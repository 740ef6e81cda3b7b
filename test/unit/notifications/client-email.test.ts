import { composeClientEmail } from '../../../shared/notifications/notification-content';
import { alex, blake, clientInput, couplesBooking, parseCalendar, settings, videoSession } from './fixtures';

const SENDER = { name: 'Harbour Street Appointments', address: 'appointments@harbour.example' };
const BERLIN_TIME = 'Wednesday, December 2, 2026, 3:00 PM–3:50 PM (Europe/Berlin, GMT+1)';

describe('headers', () => {
  test.each([
    ['confirmation', 'Appointment confirmed'],
    ['reschedule', 'Appointment rescheduled'],
    ['cancellation', 'Appointment cancelled'],
    ['reminder', 'Appointment reminder'],
  ] as const)('%s: fixed subject, practice sender, one recipient', (kind, subject) => {
    const email = composeClientEmail(clientInput({ kind, recipient: blake, manageUrl: 'https://book.harbour.example/m/b' }));
    expect(email.subject).toBe(subject);
    expect(email.from).toEqual(SENDER);
    expect(email.to).toBe('blake@example.net');
  });
});

describe('a confirmation', () => {
  const email = composeClientEmail(clientInput({ location: '12 Harbour Street, Berlin' }));

  test('greets by first name and gives the time in the client zone, the duration, the place and the practitioner', () => {
    expect(email.text).toMatch(/^Hello Alex,$/m);
    expect(email.text).not.toContain('Morgan');
    expect(email.text).toContain('Your appointment is confirmed.');
    expect(email.text).toContain(`When: ${BERLIN_TIME}`);
    expect(email.text).toContain('Duration: 50 minutes');
    expect(email.text).toContain('With: Dr. Sam Lee');
    expect(email.text).toContain('Where: In person, 12 Harbour Street, Berlin');
    expect(email.html).toContain(BERLIN_TIME);
  });

  test('links to the recipient own manage page and states the policy, then signs off with the practice', () => {
    expect(email.text).toContain('https://book.harbour.example/manage?token=tok-alex');
    expect(email.text).not.toContain('tok-blake');
    expect(email.html).toContain('<a href="https://book.harbour.example/manage?token=tok-alex"');
    expect(email.text).toContain('Cancellation policy: Please reschedule or cancel at least 24 hours before');
    expect(email.text).toMatch(/Kind regards,\nHarbour Street Practice\n$/);
  });

  test('is an accessible HTML document', () => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).toContain('<html lang="en-US">');
    expect(email.html).toContain('<title>Appointment confirmed</title>');
    expect(email.html).not.toMatch(/<(script|style|img|link)\b/i);
  });
});

test('the practice own cancellation policy replaces the generated sentence', () => {
  const email = composeClientEmail(clientInput({ settings: settings({ cancellationPolicy: 'Cancel 2 days ahead, please.' }) }));
  expect(email.text).toContain('Cancellation policy: Cancel 2 days ahead, please.');
  expect(email.text).not.toContain('24 hours');
});

test('the generated policy follows the practice rules', () => {
  const refuse = composeClientEmail(clientInput({ settings: settings({ lateCancellationHours: 48, lateCancellationMode: 'refuse' }) }));
  expect(refuse.text).toContain('up to 48 hours before your appointment starts');
  const anytime = composeClientEmail(clientInput({ settings: settings({ lateCancellationHours: 0 }) }));
  expect(anytime.text).toContain('at any time before your appointment starts');
});

test('a telehealth session says so and gives the video link', () => {
  const email = composeClientEmail(clientInput({ sessionType: videoSession, videoUrl: 'https://video.harbour.example/room/8f3k' }));
  expect(email.text).toContain('Where: By secure video');
  expect(email.text).toContain('Video link: https://video.harbour.example/room/8f3k');
  expect(email.html).toContain('<a href="https://video.harbour.example/room/8f3k"');
});

test('a reschedule gives the new time and, on its own line, the previous one', () => {
  const booking = couplesBooking({ start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:50:00.000Z', sequence: 1 });
  const email = composeClientEmail(clientInput({ kind: 'reschedule', booking, previousStart: '2026-12-02T14:00:00.000Z' }));
  expect(email.text).toContain('Your appointment has been moved to a new time.');
  expect(email.text).toMatch(/^When: Wednesday, December 9, 2026, 11:00 AM–11:50 AM \(Europe\/Berlin, GMT\+1\)$/m);
  expect(email.text).toMatch(/^Previously: Wednesday, December 2, 2026, 3:00 PM \(Europe\/Berlin, GMT\+1\)$/m);
  expect(email.text).toContain('https://book.harbour.example/manage?token=tok-alex');
});

test('a reminder repeats the details and the manage link', () => {
  const email = composeClientEmail(clientInput({ kind: 'reminder' }));
  expect(email.text).toContain('This is a reminder of your appointment');
  expect(email.text).toContain(`When: ${BERLIN_TIME}`);
  expect(email.text).toContain('https://book.harbour.example/manage?token=tok-alex');
});

describe('a cancellation', () => {
  const booking = couplesBooking({ status: 'cancelled', sequence: 1 });

  test('says which appointment was cancelled, without a manage link, inviting to book again', () => {
    const email = composeClientEmail(clientInput({ kind: 'cancellation', booking }));
    expect(email.text).toContain('Your appointment has been cancelled:');
    expect(email.text).toContain(`When: ${BERLIN_TIME}`);
    expect(email.text).toContain('With: Dr. Sam Lee');
    expect(email.text).toContain('book again');
    expect(email.text).not.toContain('tok-alex');
    expect(email.html).not.toContain('tok-alex');
    expect(email.text).not.toContain('late-cancellation');
  });

  test('mentions the late-cancellation policy when it was late', () => {
    const email = composeClientEmail(clientInput({ kind: 'cancellation', booking: { ...booking, lateCancellation: true } }));
    expect(email.text).toContain('within 24 hours of the start');
  });
});

describe('times are in the client zone', () => {
  test('a New York client of a Berlin practitioner sees New York time', () => {
    const email = composeClientEmail(clientInput({ booking: couplesBooking({ timeZone: 'America/New_York' }) }));
    expect(email.text).toContain('When: Wednesday, December 2, 2026, 9:00 AM–9:50 AM (America/New_York, GMT-5)');
    expect(email.text).not.toContain('15:00');
  });

  test('on the day New York leaves daylight saving time, the offset tells 01:30 EST from 01:30 EDT', () => {
    const zone = 'America/New_York';
    // 06:30Z is after the 06:00Z change: the second 01:30 of the night, at GMT-5.
    const after = composeClientEmail(clientInput({ booking: couplesBooking({ timeZone: zone, start: '2026-11-01T06:30:00Z', end: '2026-11-01T07:20:00Z' }) }));
    expect(after.text).toContain('When: Sunday, November 1, 2026, 1:30 AM–2:20 AM (America/New_York, GMT-5)');
    // 05:30Z is the first 01:30, still at GMT-4. (These two were booked with en-GB: its 24-hour clock.)
    const before = composeClientEmail(clientInput({ booking: couplesBooking({ timeZone: zone, start: '2026-11-01T05:30:00Z', end: '2026-11-01T05:50:00Z', locale: 'en-GB' }) }));
    expect(before.text).toContain('When: Sunday, 1 November 2026, 01:30–01:50 (America/New_York, GMT-4)');
    // A session across the change gives both ends with their offsets.
    const across = composeClientEmail(clientInput({ booking: couplesBooking({ timeZone: zone, start: '2026-11-01T05:30:00Z', end: '2026-11-01T06:20:00Z', locale: 'en-GB' }) }));
    expect(across.text).toContain('When: Sunday, 1 November 2026, 01:30 GMT-4 – Sunday, 1 November 2026, 01:20 GMT-5 (America/New_York)');
    expect(across.text).toContain('Duration: 50 minutes');
    // The invitation still carries the exact instants.
    expect(parseCalendar(after).event.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-11-01T06:30:00Z');
  });

  test('a session across midnight names both dates', () => {
    const email = composeClientEmail(clientInput({ booking: couplesBooking({ start: '2026-12-02T22:30:00Z', end: '2026-12-02T23:20:00Z' }) }));
    expect(email.text).toContain('When: Wednesday, December 2, 2026, 11:30 PM GMT+1 – Thursday, December 3, 2026, 12:20 AM GMT+1 (Europe/Berlin)');
  });
});

describe('HTML escaping', () => {
  const recipient = { name: "<script>alert(1)</script> O'Brien & Co", email: 'odd@example.org' };
  const email = composeClientEmail(
    clientInput({
      recipient,
      therapist: { displayName: "Dr. O'Brien & <b>Co</b>" },
      settings: settings({ practiceName: 'Smith & Jones <Practice>', cancellationPolicy: 'Fees apply if < 24 h & "late".' }),
      manageUrl: 'https://book.harbour.example/manage?token=a&x="><script>',
      location: '<img src=x onerror=alert(1)>',
    }),
  );

  test('every interpolated value is escaped in the HTML', () => {
    expect(email.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(email.html).toContain('Dr. O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;');
    expect(email.html).toContain('Smith &amp; Jones &lt;Practice&gt;');
    expect(email.html).toContain('Fees apply if &lt; 24 h &amp; &quot;late&quot;.');
    expect(email.html).toContain('href="https://book.harbour.example/manage?token=a&amp;x=&quot;&gt;&lt;script&gt;"');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).not.toMatch(/<script|<b>|<img/i);
  });

  test('the text version keeps the values as typed', () => {
    expect(email.text).toContain('Hello <script>alert(1)</script>,');
    expect(email.text).toContain("With: Dr. O'Brien & <b>Co</b>");
  });

  test('a full name with markup, apostrophe and ampersand is escaped wherever it appears in HTML', () => {
    // The greeting uses the first word only; put the whole name in the therapist slot to see all of it.
    const whole = composeClientEmail(clientInput({ therapist: { displayName: recipient.name } }));
    expect(whole.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &amp; Co');
    expect(whole.html).not.toContain('<script');
  });

  test('a link that is not http(s) is shown as text, never as an anchor', () => {
    const bad = composeClientEmail(clientInput({ manageUrl: 'javascript:alert(1)' }));
    expect(bad.html).not.toContain('href="javascript:');
  });
});
