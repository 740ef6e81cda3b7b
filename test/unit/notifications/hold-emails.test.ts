import type { Booking, Client } from '../../../shared/domain/booking';
import type { OutgoingEmail } from '../../../shared/mail/mailer';
import { formatTimeRange } from '../../../shared/notifications/appointment-time';
import { consoleLink } from '../../../shared/notifications/console-link';
import {
  composeHoldClientEmail,
  composeHoldTherapistEmail,
  type HoldClientInput,
  type HoldClientKind,
  type HoldTherapistKind,
} from '../../../shared/notifications/hold-content';
import { alex, blake, couplesBooking, couplesSession, manageUrlFor, NOTE, SESSION_TYPE_NAME, settings, therapist, videoSession } from './fixtures';

const REVEALING_WORDS = /\b(couples?|sex|sexual|therapy|therapist)\b/i;
const withoutUrls = (s: string) => s.replace(/(https?|mailto):[^\s"'<>]+/gi, ' ');
const DECLINE_REASON = 'private-decline-reason';
const VERIFY_URL = 'https://book.harbour.example/#verify=b&token=v1.tok';
const CONSOLE_URL = 'https://cdn.harbour.example/console/';

/** A held booking carrying every private field. */
function held(overrides: Partial<Booking> = {}): Booking {
  return couplesBooking({
    status: 'pending_verification', holdUntil: '2026-11-20T09:30:00.000Z', verified: [false, false],
    declineReason: DECLINE_REASON, ...overrides,
  });
}

function clientEmail(kind: HoldClientKind, recipient: Client = alex, overrides: Partial<HoldClientInput> = {}): OutgoingEmail {
  return composeHoldClientEmail({
    kind, booking: held(kind === 'verification' ? {} : { status: 'requested', holdUntil: '2026-11-22T09:00:00.000Z', verified: [true, true] }),
    recipient, therapist: { displayName: therapist.displayName }, sessionType: couplesSession, settings: settings({ emailsNameSessionType: true }),
    location: '12 Harbour Street, Berlin', videoUrl: 'https://video.harbour.example/room/8f3k',
    ...(kind === 'verification' ? { verifyUrl: VERIFY_URL } : {}),
    ...(kind === 'request_received' ? { manageUrl: manageUrlFor(recipient) } : {}),
    ...(kind === 'request_refused' ? { ruleRefusal: 'existing_clients_only' as const } : {}),
    ...overrides,
  });
}

const CLIENT_KINDS: HoldClientKind[] = ['verification', 'request_received', 'request_declined', 'request_refused', 'request_lapsed', 'request_withdrawn'];
const THERAPIST_KINDS: HoldTherapistKind[] = ['new_request', 'request_lapsed', 'request_withdrawn'];

describe('the verification email', () => {
  const email = clientEmail('verification');
  const parts = [email.subject, email.text, email.html];

  test('asks to confirm, with the fixed subject that carries no time', () => {
    expect(email.subject).toBe('Please confirm your appointment request');
    expect(email.subject).not.toMatch(/\d/);
    expect(email.to).toBe(alex.email);
  });

  test('says the time, the link, and that ignoring it books nothing', () => {
    const when = formatTimeRange(held().start, held().end, 'Europe/Berlin', 'en-US');
    for (const body of [email.text, email.html.replace(/&#39;/g, "'")]) {
      expect(body).toContain(when);
      expect(body).toContain("If this wasn't you, ignore this email: nothing will be booked.");
      expect(body).toContain('Confirm by');
    }
    expect(email.text).toContain(VERIFY_URL);
    expect(email.html).toContain(`href="${VERIFY_URL.replace(/&/g, '&amp;')}"`);
  });

  test.each([0, 1, 2])('part %i names no practitioner, session, place, practice or person, even when the practice names session types', (i) => {
    const content = parts[i]!;
    for (const secret of [therapist.displayName, 'Lee', SESSION_TYPE_NAME, couplesSession.description!, 'Harbour Street Practice', '12 Harbour Street', 'video.harbour', NOTE, DECLINE_REASON]) {
      expect(content).not.toContain(secret);
    }
    for (const person of [alex, blake]) for (const piece of [person.email, person.phone!, ...person.name.split(' ')]) expect(content).not.toContain(piece);
    expect(withoutUrls(content)).not.toMatch(REVEALING_WORDS);
  });

  test('has no calendar part and no manage link', () => {
    expect(email.calendar).toBeUndefined();
    expect(email.text).not.toContain('#manage=');
  });

  test('reads the same to every recipient but for the address and the link: nothing in it depends on who they are', () => {
    const other = clientEmail('verification', blake, { verifyUrl: 'https://book.harbour.example/#verify=b&token=v1.other' });
    const strip = (e: OutgoingEmail) => withoutUrls(e.text).replace(/v1\.\S+/g, '');
    expect(strip(other)).toBe(strip(email));
    expect(other.subject).toBe(email.subject);
  });
});

describe.each(CLIENT_KINDS.filter((k) => k !== 'verification'))('the %s email', (kind) => {
  const recipient = alex;
  const email = clientEmail(kind, recipient);
  const parts = [email.subject, email.text, email.html];

  test('has a fixed, discreet subject about a request and no calendar part', () => {
    expect(email.subject).toMatch(/^Appointment request (received|not accepted|not confirmed|withdrawn)$/);
    expect(email.calendar).toBeUndefined();
  });

  test.each([0, 1, 2])('part %i holds no note, decline reason or the other partner, and the session type only in the body', (i) => {
    const content = parts[i]!;
    for (const secret of [NOTE, DECLINE_REASON, blake.email, blake.name, 'Blake', 'Rivers', blake.phone!, alex.phone!]) expect(content).not.toContain(secret);
    if (i === 0 || kind !== 'request_received') expect(content).not.toContain(SESSION_TYPE_NAME);
    if (kind !== 'request_received') expect(withoutUrls(content)).not.toMatch(REVEALING_WORDS);
  });
});

test('a request received says the practitioner will confirm, how long the time is held, and links to see or withdraw it', () => {
  const email = clientEmail('request_received', alex, { settings: settings() });
  expect(email.text).toContain('Dr. Sam Lee will confirm it');
  expect(email.text).toContain('Nothing is booked until then.');
  expect(email.text).toContain('Held for you until');
  expect(email.text).toContain(manageUrlFor(alex));
  expect(withoutUrls(email.text)).not.toMatch(REVEALING_WORDS);
});

test('a refusal by the rules says which audience the session is for; a decline by the practitioner says it could not be accepted', () => {
  expect(clientEmail('request_refused', alex, { ruleRefusal: 'new_clients_only' }).text).toContain('only for new clients');
  expect(clientEmail('request_refused', alex, { ruleRefusal: 'existing_clients_only' }).text).toContain('only for clients who have had an appointment with Dr. Sam Lee before');
  expect(clientEmail('request_refused').text).toContain('book another kind of appointment');
  const declined = clientEmail('request_declined');
  expect(declined.text).toContain('could not be accepted');
  expect(declined.text).not.toContain('only for');
  expect(clientEmail('request_lapsed').text).toContain('could not be confirmed in time');
  expect(clientEmail('request_withdrawn').text).toContain('has been withdrawn');
});

describe.each(THERAPIST_KINDS)('the therapist\'s %s email', (kind) => {
  const email = composeHoldTherapistEmail({
    kind, booking: held({ status: 'requested', holdUntil: '2026-11-22T09:00:00.000Z' }), therapist, sessionType: videoSession, settings: settings(),
    ...(kind === 'new_request' ? { consoleUrl: CONSOLE_URL } : {}),
  });

  test('names the clients by first name only, and nothing private', () => {
    expect(email.to).toBe(therapist.email);
    expect(email.text).toContain('Alex and Blake');
    for (const content of [email.subject, email.text, email.html]) {
      for (const secret of [NOTE, DECLINE_REASON, SESSION_TYPE_NAME, alex.email, blake.email, alex.phone!, blake.phone!, 'Morgan', 'Rivers']) expect(content).not.toContain(secret);
      expect(withoutUrls(content)).not.toMatch(/\b(couples?|sex|sexual|therapy)\b/i);
    }
    expect(email.subject).toMatch(/^(New appointment request|Appointment request (lapsed|withdrawn))$/);
  });

  if (kind === 'new_request') {
    test('links to the console and says by when to decide', () => {
      expect(email.text).toContain(CONSOLE_URL);
      expect(email.text).toContain('Decide by');
    });
  }
});

test('the console link: the deployed console where the stack says, else /console/ on the booking page\'s origin', () => {
  expect(consoleLink({ publicBaseUrl: 'http://localhost:3000', consoleUrl: undefined })).toBe('http://localhost:3000/console/');
  expect(consoleLink({ publicBaseUrl: 'https://www.practice.example/book' })).toBe('https://www.practice.example/console/');
  expect(consoleLink({ publicBaseUrl: 'https://www.practice.example/book', consoleUrl: CONSOLE_URL })).toBe(CONSOLE_URL);
});
