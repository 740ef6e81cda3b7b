import type { Client } from '../../../shared/domain/booking';
import type { OutgoingEmail } from '../../../shared/mail/mailer';
import {
  composeClientEmail,
  composeTherapistEmail,
  type BookingMessageKind,
  type ClientMessageInput,
} from '../../../shared/notifications/notification-content';
import {
  alex,
  blake,
  CANCEL_REASON,
  clientInput,
  couplesBooking,
  couplesSession,
  everything,
  manageUrlFor,
  NOTE,
  SESSION_TYPE_NAME,
  settings,
  therapistInput,
  videoSession,
} from './fixtures';

const KINDS: BookingMessageKind[] = ['confirmation', 'reschedule', 'cancellation', 'reminder'];
const REVEALING_WORDS = /\b(couples?|sex|sexual|therapy)\b/i;
const withoutUrls = (s: string) => s.replace(/(https?|mailto):[^\s"'<>]+/gi, ' ');

/** The booking as each kind of message sees it, carrying every private field. */
function messageFor(kind: BookingMessageKind, recipient: Client, overrides: Partial<ClientMessageInput> = {}): OutgoingEmail {
  const cancelled = kind === 'cancellation';
  const booking = couplesBooking({
    sequence: kind === 'confirmation' ? 0 : 1,
    ...(cancelled ? { status: 'cancelled', cancelReason: CANCEL_REASON, lateCancellation: true, cancelledAt: '2026-12-02T09:00:00Z' } : {}),
  });
  return composeClientEmail(
    clientInput({
      kind,
      booking,
      recipient,
      manageUrl: manageUrlFor(recipient),
      previousStart: kind === 'reschedule' ? '2026-11-30T09:00:00.000Z' : undefined,
      ...overrides,
    }),
  );
}

const cases = KINDS.flatMap((kind) =>
  [
    { recipient: alex, other: blake },
    { recipient: blake, other: alex },
  ].flatMap(({ recipient, other }) =>
    [couplesSession, videoSession].map((sessionType) => ({ kind, recipient, other, sessionType })),
  ),
);

describe.each(cases)('$kind to $recipient.name ($sessionType.modality), session type not named', ({ kind, recipient, other, sessionType }) => {
  const email = messageFor(kind, recipient, {
    sessionType,
    location: '12 Harbour Street, Berlin',
    videoUrl: 'https://video.harbour.example/room/8f3k',
  });
  const parts = Object.entries(everything(email));

  test('goes to the recipient alone', () => {
    expect(email.to).toBe(recipient.email);
  });

  test.each(parts)('%s holds no note, cancel reason or session type', (_part, content) => {
    for (const secret of [NOTE, CANCEL_REASON, SESSION_TYPE_NAME, couplesSession.description!]) {
      expect(content.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  test.each(parts)('%s uses no revealing words', (_part, content) => {
    expect(withoutUrls(content)).not.toMatch(REVEALING_WORDS);
  });

  test.each(parts)('%s names nobody but the recipient', (_part, content) => {
    const [otherFirst, otherLast] = other.name.split(' ') as [string, string];
    for (const leak of [other.email, other.name, otherFirst, otherLast, other.phone!, recipient.phone!]) {
      expect(content).not.toContain(leak);
    }
  });

  test('the subject is one of the fixed, discreet ones', () => {
    expect(email.subject).toMatch(/^Appointment (confirmed|rescheduled|cancelled|reminder)$/);
  });
});

test('a practice that opts in sees the session type named in the body, never in the subject or calendar title', () => {
  for (const kind of KINDS) {
    const email = messageFor(kind, alex, { settings: settings({ emailsNameSessionType: true }) });
    expect(email.text).toContain(SESSION_TYPE_NAME);
    expect(email.html).toContain(SESSION_TYPE_NAME);
    // The same word check that passes above catches it here: the detector is live.
    expect(withoutUrls(email.text)).toMatch(REVEALING_WORDS);
    expect(email.subject).not.toContain(SESSION_TYPE_NAME);
    if (email.calendar) expect(email.calendar.content).not.toMatch(/^SUMMARY:.*Couples/m);
    // The note and the reason stay out even then.
    for (const content of Object.values(everything(email))) {
      expect(content).not.toContain(NOTE);
      expect(content).not.toContain(CANCEL_REASON);
    }
  }
});

describe('the therapist notification', () => {
  const kinds = ['confirmation', 'reschedule', 'cancellation'] as const;

  test.each(kinds)('%s carries no note, reason, session type, client addresses, phones or last names', (kind) => {
    const email = composeTherapistEmail(
      therapistInput({
        kind,
        booking: couplesBooking({ cancelReason: CANCEL_REASON, lateCancellation: kind === 'cancellation' }),
        previousStart: kind === 'reschedule' ? '2026-11-30T09:00:00.000Z' : undefined,
      }),
    );
    for (const content of [email.subject, email.text, email.html]) {
      for (const secret of [NOTE, CANCEL_REASON, SESSION_TYPE_NAME, alex.email, blake.email, alex.phone!, blake.phone!, 'Morgan', 'Rivers']) {
        expect(content).not.toContain(secret);
      }
      expect(withoutUrls(content)).not.toMatch(REVEALING_WORDS);
    }
  });

  test('names the session type only when the practice opts in', () => {
    const named = composeTherapistEmail(therapistInput({ settings: settings({ emailsNameSessionType: true }) }));
    expect(named.text).toContain(SESSION_TYPE_NAME);
    expect(named.html).toContain(SESSION_TYPE_NAME);
    expect(named.subject).toBe('New appointment');
  });
});
