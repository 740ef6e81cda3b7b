import { composeTherapistEmail } from '../../../shared/notifications/notification-content';
import { alex, couplesBooking, couplesSession, settings, therapist, therapistInput } from './fixtures';

test.each([
  ['confirmation', 'New appointment'],
  ['reschedule', 'Appointment rescheduled'],
  ['cancellation', 'Appointment cancelled'],
] as const)('%s goes to the therapist under a fixed subject', (kind, subject) => {
  const email = composeTherapistEmail(therapistInput({ kind }));
  expect(email.subject).toBe(subject);
  expect(email.to).toBe(therapist.email);
  expect(email.from).toEqual({ name: 'Harbour Street Appointments', address: 'appointments@harbour.example' });
  expect(email.calendar).toBeUndefined();
});

test('names the clients by first name only', () => {
  const email = composeTherapistEmail(therapistInput());
  expect(email.text).toContain('Clients: Alex and Blake');
  expect(email.html).toContain('Alex and Blake');
  for (const content of [email.subject, email.text, email.html]) {
    for (const hidden of ['Morgan', 'Rivers', 'alex@', 'blake@', '+49', 'private-note-xyz']) {
      expect(content).not.toContain(hidden);
    }
  }
});

test('an individual booking names its one client', () => {
  const email = composeTherapistEmail(therapistInput({ booking: couplesBooking({ clients: [alex] }) }));
  expect(email.text).toContain('Client: Alex\n');
});

test('gives the time in the therapist zone, not the client zone', () => {
  const email = composeTherapistEmail(
    therapistInput({ therapist: { ...therapist, timeZone: 'Asia/Tokyo' }, booking: couplesBooking({ timeZone: 'Europe/Berlin' }) }),
  );
  expect(email.text).toContain('When: Wednesday, December 2, 2026, 11:00 PM–11:50 PM (Asia/Tokyo, GMT+9)');
  expect(email.text).toContain('Duration: 50 minutes');
  expect(email.text).not.toContain('15:00');
});

test('on a DST change day the therapist sees their own offset', () => {
  const booking = couplesBooking({ start: '2026-11-01T06:30:00Z', end: '2026-11-01T07:20:00Z', timeZone: 'Europe/Berlin' });
  const email = composeTherapistEmail(therapistInput({ booking, therapist: { ...therapist, timeZone: 'America/New_York' } }));
  expect(email.text).toContain('When: Sunday, November 1, 2026, 1:30 AM–2:20 AM (America/New_York, GMT-5)');
});

test('a reschedule gives the new and the previous time', () => {
  const booking = couplesBooking({ start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:50:00.000Z', sequence: 1 });
  const email = composeTherapistEmail(therapistInput({ kind: 'reschedule', booking, previousStart: '2026-12-02T14:00:00.000Z' }));
  expect(email.text).toMatch(/^When: Wednesday, December 9, 2026, 11:00 AM–11:50 AM \(Europe\/Berlin, GMT\+1\)$/m);
  expect(email.text).toMatch(/^Previously: Wednesday, December 2, 2026, 3:00 PM \(Europe\/Berlin, GMT\+1\)$/m);
});

describe('late cancellations', () => {
  const LINE = "Late cancellation: cancelled within the practice's 48-hour window.";
  const late = settings({ lateCancellationHours: 48 });

  test('are flagged on a clear line', () => {
    const email = composeTherapistEmail(
      therapistInput({ kind: 'cancellation', settings: late, booking: couplesBooking({ status: 'cancelled', lateCancellation: true, cancelReason: 'private-reason' }) }),
    );
    expect(email.text).toMatch(new RegExp(`^${LINE.replace(/[.]/g, '\\.')}$`, 'm'));
    expect(email.html).toContain('Late cancellation: cancelled within the practice&#39;s 48-hour window.');
    expect(email.text).not.toContain('private-reason');
  });

  test('are not flagged when the cancellation was in time', () => {
    const email = composeTherapistEmail(
      therapistInput({ kind: 'cancellation', settings: late, booking: couplesBooking({ status: 'cancelled', lateCancellation: false }) }),
    );
    expect(email.text).not.toContain('Late cancellation');
  });

  test('never appear on other kinds of message', () => {
    const email = composeTherapistEmail(therapistInput({ kind: 'reschedule', booking: couplesBooking({ lateCancellation: true }) }));
    expect(email.text).not.toContain('Late cancellation');
  });
});

test('the session type is named only when the practice opts in', () => {
  expect(composeTherapistEmail(therapistInput()).text).not.toContain(couplesSession.name);
  expect(composeTherapistEmail(therapistInput({ settings: settings({ emailsNameSessionType: true }) })).text).toContain(
    `Session: ${couplesSession.name}`,
  );
});

describe('who cancelled or moved', () => {
  test('a cancellation with a partner\'s own link names that partner, by first name', () => {
    const booking = couplesBooking({ status: 'cancelled', cancelledBy: 'client', cancelledByClient: 1 });
    const email = composeTherapistEmail(therapistInput({ kind: 'cancellation', booking }));
    expect(email.text).toMatch(/^Cancelled by: Blake$/m);
    expect(email.html).toContain('Cancelled by');
    for (const hidden of ['Rivers', 'blake@']) expect(email.text + email.html).not.toContain(hidden);
  });

  test('a move with a partner\'s own link names that partner', () => {
    const booking = couplesBooking({ sequence: 1, rescheduledBy: 'client', rescheduledByClient: 0 });
    const email = composeTherapistEmail(therapistInput({ kind: 'reschedule', booking, previousStart: '2026-12-01T14:00:00.000Z' }));
    expect(email.text).toMatch(/^Moved by: Alex$/m);
  });

  test('an old shared link cannot say which partner: the email says a client did it', () => {
    const booking = couplesBooking({ status: 'cancelled', cancelledBy: 'client' });
    expect(composeTherapistEmail(therapistInput({ kind: 'cancellation', booking })).text).toMatch(/^Cancelled by: one of the clients$/m);
  });

  test('nothing is said of who acted when the therapist did, or on a confirmation', () => {
    const cancelled = couplesBooking({ status: 'cancelled', cancelledBy: 'therapist' });
    expect(composeTherapistEmail(therapistInput({ kind: 'cancellation', booking: cancelled })).text).not.toContain('Cancelled by');
    const confirmed = couplesBooking({ rescheduledBy: 'client', rescheduledByClient: 0 });
    expect(composeTherapistEmail(therapistInput({ kind: 'confirmation', booking: confirmed })).text).not.toContain('by:');
  });
});
