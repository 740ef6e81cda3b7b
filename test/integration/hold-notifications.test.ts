import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import type { Booking } from '../../shared/domain/booking';
import type { SessionType } from '../../shared/domain/therapist';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import type { DomainEventEnvelope } from '../../shared/events/event-publisher';
import { dependencies } from '../../shared/runtime/dependencies';
import { readVerifyGrant } from '../../shared/tokens/verify-token';
import { bridgeEvent } from '../support/bridge-event';
import { invoke } from '../support/lambda-invoke';
import { COUPLES, createTherapist, INDIVIDUAL, ownPracticeForFile, TestClock } from '../support/practice-fixture';
import { addressedTo, calendarOf, storedEmails, type StoredEmail } from '../support/ses-store';

/*
 * The emails of held bookings, sent by the real consumer to the local SES server, for bookings the
 * real POST /v1/bookings holds. The later changes (a partner verifying, approval, decline, expiry,
 * withdrawal) are written as the hold service writes them: the booking at its next sequence,
 * conditioned on the one read. Each test drives the consumer with the events the stream publisher
 * makes of those very images, in the order the test chooses.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
const START = '2026-12-03T10:00:00+01:00';
const APPROVAL: SessionType = { ...COUPLES, id: 'couples-approval', approval: 'always' };
const NEW_ONLY: SessionType = { ...COUPLES, id: 'couples-new-only', audience: 'new_clients' };

ownPracticeForFile(clock, '2026-12-01T06:00:00Z', { verifyClientEmail: 'always', verificationMinutes: 30, requestHoldHours: 48 });

let seq = 0;
/** A couples booking as POST /v1/bookings holds it, its partners with addresses no other test uses. */
async function heldCouple(sessionTypeId = COUPLES.id) {
  const therapistId = await createTherapist({}, [INDIVIDUAL, COUPLES, APPROVAL, NEW_ONLY]);
  const tag = `${therapistId}-${++seq}`;
  const people = { alex: `alex-${tag}@example.test`, blake: `blake-${tag}@example.test`, therapist: `${therapistId}@example.test` };
  const r = await invoke('createBooking', createHandler, {
    body: {
      therapistId, sessionTypeId, start: START, timeZone: 'Europe/Berlin', policyAccepted: true, note: `note-${tag}`,
      clients: [{ name: 'Alex Morgan', email: people.alex }, { name: 'Blake Rivers', email: people.blake }],
    },
  });
  expect(r.status).toBe(201);
  expect(r.json.booking.status).toBe('pending_verification');
  const booking = (await dependencies().bookings.get(r.json.booking.id))!;
  return { booking, people, tag };
}

/** The booking's next version, written as the hold service writes it; returns the new image. */
async function change(booking: Booking, fields: Partial<Booking>, hold?: 'put' | 'delete'): Promise<Booking> {
  const next = { ...booking, ...fields, sequence: booking.sequence + 1, updatedAt: clock.now().toISOString() } as Booking;
  for (const [key, value] of Object.entries(fields)) if (value === undefined) delete (next as unknown as Record<string, unknown>)[key];
  await dependencies().bookings.commit({ booking: next, expect: booking.sequence, expiresAt: Math.floor(Date.parse(next.end) / 1000) + 30 * 86400, ledgers: [], ...(hold ? { hold } : {}) });
  return next;
}
const eventOf = (before: Booking | undefined, after: Booking) => {
  const events = eventsForBookingChange(before, after);
  expect(events).toHaveLength(1);
  return events[0]!;
};
const deliver = (event: DomainEventEnvelope) => (notificationsHandler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));
async function mailsFor(people: Record<string, string>): Promise<Record<string, StoredEmail[]>> {
  const all = await storedEmails();
  return Object.fromEntries(Object.entries(people).map(([who, address]) => [who, addressedTo(all, address)]));
}
const subjects = (mails: Record<string, StoredEmail[]>) => Object.fromEntries(Object.entries(mails).map(([who, list]) => [who, list.map((m) => m.subject)]));
const verifyTokenIn = (email: StoredEmail) => decodeURIComponent(/#verify=[^&\s"]+&(?:amp;)?token=([^\s"&<]+)/.exec(email.body.text ?? '')![1]!);

describe('verification emails', () => {
  test('each partner gets one neutral email with their own link, however often the event arrives; nobody else hears anything', async () => {
    const { booking, people, tag } = await heldCouple();
    const event = eventOf(undefined, booking);
    expect(event.type).toBe('booking.verification_requested');
    await deliver(event);
    await Promise.all([deliver(event), deliver(event), deliver(event)]);
    const mails = await mailsFor(people);
    expect(subjects(mails)).toEqual({ alex: ['Please confirm your appointment request'], blake: ['Please confirm your appointment request'], therapist: [] });
    const secret = dependencies().config.manageTokenSecret;
    expect(readVerifyGrant(secret, verifyTokenIn(mails.alex![0]!))).toEqual({ bookingId: booking.id, client: 0 });
    expect(readVerifyGrant(secret, verifyTokenIn(mails.blake![0]!))).toEqual({ bookingId: booking.id, client: 1 });
    for (const mail of [...mails.alex!, ...mails.blake!]) {
      expect(calendarOf(mail)).toBeUndefined();
      expect(JSON.stringify(mail)).not.toMatch(new RegExp(`Test Therapist|Alex|Blake|Morgan|Rivers|note-${tag}|#manage=`));
    }
    expect(mails.alex![0]!.body.text).toContain("If this wasn't you, ignore this email: nothing will be booked.");
  });

  test('a partner who verified before the event was handled is not asked again; the other still is', async () => {
    const { booking, people } = await heldCouple();
    const event = eventOf(undefined, booking);
    const halfVerified = await change(booking, { verified: [true, false] });
    expect(eventsForBookingChange(booking, halfVerified)).toEqual([]); // pending → pending: no event of its own
    await deliver(event);
    expect(subjects(await mailsFor(people))).toEqual({ alex: [], blake: ['Please confirm your appointment request'], therapist: [] });
  });

  test('handled after the booking was verified, or after its hold ended (before any sweep wrote it), it sends nothing', async () => {
    const verified = await heldCouple();
    const asked = eventOf(undefined, verified.booking);
    await change(verified.booking, { status: 'confirmed', verified: [true, true], verifiedAt: clock.now().toISOString(), holdUntil: undefined }, 'delete');
    await deliver(asked);

    const lapsed = await heldCouple();
    clock.set(lapsed.booking.holdUntil!); // the hold ends at this instant: bookingAsOf reads it expired
    await deliver(eventOf(undefined, lapsed.booking));
    for (const { people } of [verified, lapsed]) expect(subjects(await mailsFor({ alex: people.alex, blake: people.blake }))).toEqual({ alex: [], blake: [] });
  });

  test('an unverified hold that expires tells no one anything', async () => {
    const { booking, people } = await heldCouple();
    clock.set(booking.holdUntil!);
    const expired = await change(booking, { status: 'expired', expiredAt: booking.holdUntil, holdUntil: undefined }, 'delete');
    const event = eventOf(booking, expired);
    expect(event).toMatchObject({ type: 'booking.expired', data: { previousStatus: 'pending_verification' } });
    await deliver(event);
    expect(subjects(await mailsFor(people))).toEqual({ alex: [], blake: [], therapist: [] });
  });
});

/** A verified couple's booking of a type that needs approval: pending → requested, as verify writes it. */
async function requestedCouple() {
  const held = await heldCouple(APPROVAL.id);
  clock.set('2026-12-01T06:10:00Z');
  const requested = await change(held.booking, { status: 'requested', verified: [true, true], verifiedAt: clock.now().toISOString(), holdUntil: '2026-12-03T06:10:00.000Z' }, 'put');
  return { ...held, requested };
}

describe('requests', () => {
  test('a request: each partner "received", the therapist "new request" with first names and the console link; approved, the ordinary confirmation with its .ics', async () => {
    const { booking, requested, people, tag } = await requestedCouple();
    const asked = eventOf(booking, requested);
    expect(asked).toMatchObject({ type: 'booking.requested', data: { holdUntil: '2026-12-03T06:10:00.000Z' } });
    await Promise.all([deliver(asked), deliver(asked)]);
    let mails = await mailsFor(people);
    expect(subjects(mails)).toEqual({ alex: ['Appointment request received'], blake: ['Appointment request received'], therapist: ['New appointment request'] });
    const toTherapist = mails.therapist![0]!.body.text!;
    expect(toTherapist).toContain('Alex and Blake');
    expect(toTherapist).toContain('/console/');
    expect(toTherapist).not.toMatch(new RegExp(`Morgan|Rivers|${people.alex}|${people.blake}|note-${tag}`));
    expect(mails.alex![0]!.body.text).toContain('Test Therapist will confirm it');
    expect(mails.alex![0]!.body.text).toContain('#manage=');
    expect(calendarOf(mails.alex![0]!)).toBeUndefined();

    clock.set('2026-12-01T09:00:00Z');
    const approved = await change(requested, { status: 'confirmed', approvedAt: clock.now().toISOString(), holdUntil: undefined }, 'delete');
    const confirmed = eventOf(requested, approved);
    expect(confirmed.type).toBe('booking.confirmed');
    await deliver(confirmed);
    await deliver(asked); // the request's event again, late: it is no longer the booking's latest change
    mails = await mailsFor(people);
    expect(subjects(mails)).toEqual({
      alex: ['Appointment request received', 'Appointment confirmed'],
      blake: ['Appointment request received', 'Appointment confirmed'],
      therapist: ['New appointment request', 'New appointment'],
    });
    expect(calendarOf(mails.alex!.find((m) => m.subject === 'Appointment confirmed')!)).toContain('STATUS:CONFIRMED');
  });

  test('declined by the therapist: each partner is told it could not be accepted, never the reason; the therapist is not written to', async () => {
    const { requested, people } = await requestedCouple();
    const declined = await change(requested, { status: 'declined', declinedAt: clock.now().toISOString(), declinedBy: 'therapist', declineReason: 'private-decline-reason', holdUntil: undefined }, 'delete');
    const event = eventOf(requested, declined);
    expect(event).toMatchObject({ type: 'booking.declined', data: { declinedBy: 'therapist' } });
    await deliver(event);
    await deliver(event);
    const mails = await mailsFor(people);
    expect(subjects(mails)).toEqual({ alex: ['Appointment request not accepted'], blake: ['Appointment request not accepted'], therapist: [] });
    expect(JSON.stringify(mails)).not.toContain('private-decline-reason');
    expect(mails.blake![0]!.body.text).toContain('could not be accepted');
  });

  test('refused by an audience rule once verified: each partner is told which audience the session is for', async () => {
    const { booking, people } = await heldCouple(NEW_ONLY.id);
    const refused = await change(booking, { status: 'declined', verified: [true, true], verifiedAt: clock.now().toISOString(), declinedAt: clock.now().toISOString(), declinedBy: 'rules', ruleRefusal: 'new_clients_only', holdUntil: undefined }, 'delete');
    await deliver(eventOf(booking, refused));
    const mails = await mailsFor(people);
    expect(subjects(mails)).toEqual({ alex: ['Appointment request not accepted'], blake: ['Appointment request not accepted'], therapist: [] });
    expect(mails.alex![0]!.body.text).toContain('only for new clients');
  });

  test('a request that lapses: each partner is told it could not be confirmed in time, the therapist that it lapsed', async () => {
    const { booking, requested, people } = await requestedCouple();
    const asked = eventOf(booking, requested);
    clock.set(requested.holdUntil!);
    // The request's own event, handled only after the hold ended (the sweep has not run): nothing.
    await deliver(asked);
    expect(subjects(await mailsFor(people))).toEqual({ alex: [], blake: [], therapist: [] });
    const expired = await change(requested, { status: 'expired', expiredAt: requested.holdUntil, holdUntil: undefined }, 'delete');
    const event = eventOf(requested, expired);
    expect(event).toMatchObject({ type: 'booking.expired', data: { previousStatus: 'requested' } });
    await deliver(event);
    await deliver(asked);
    const mails = await mailsFor(people);
    expect(subjects(mails)).toEqual({ alex: ['Appointment request not confirmed'], blake: ['Appointment request not confirmed'], therapist: ['Appointment request lapsed'] });
  });

  test('a request withdrawn with a manage link: each partner and the therapist are told it was withdrawn, with no calendar cancellation', async () => {
    const { requested, people } = await requestedCouple();
    const cancelled = await change(requested, { status: 'cancelled', cancelledAt: clock.now().toISOString(), cancelledBy: 'client', cancelledByClient: 0, holdUntil: undefined }, 'delete');
    const event = eventOf(requested, cancelled);
    expect(event).toMatchObject({ type: 'booking.cancelled', data: { previousStatus: 'requested' } });
    await deliver(event);
    const mails = await mailsFor(people);
    expect(subjects(mails)).toEqual({ alex: ['Appointment request withdrawn'], blake: ['Appointment request withdrawn'], therapist: ['Appointment request withdrawn'] });
    expect(calendarOf(mails.alex![0]!)).toBeUndefined();
  });
});
