import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import type { DomainEventEnvelope } from '../../shared/events/event-publisher';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { issueClientManageToken, issueManageToken } from '../../shared/tokens/manage-token';
import { bridgeEvent } from '../support/bridge-event';
import { claimsFor } from '../support/lambda-invoke';
import { createTherapist, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';
import { addressedTo, storedEmails } from '../support/ses-store';

/*
 * Couples: each partner holds their own manage link. It shows them their own name and email and the
 * partner's first name only; either partner may cancel or move; the therapist sees which one did.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));
beforeEach(() => clock.set('2026-12-01T06:00:00Z'));
afterAll(() => resetDependencies());

let seq = 0;
async function couples(start: string, idempotencyKey?: string) {
  const therapistId = await createTherapist();
  const tag = `${therapistId}-${++seq}`;
  const alex = { name: 'Alex Morgan', email: `alex-${tag}@example.test` };
  const blake = { name: 'Blake Rivers', email: `blake-${tag}@example.test`, phone: '+49 30 2222222' };
  const body = { therapistId, sessionTypeId: 'couples-80', start, timeZone: 'Europe/Berlin', clients: [alex, blake], note: 'for the therapist', policyAccepted: true };
  const created = await call('createBooking', { body, ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}) });
  expect(created.status).toBe(201);
  return { therapistId, alex, blake, body, created: created.json as { booking: { id: string }; manageToken: string; manageTokens: string[] } };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const view = (bookingId: string, token: string) => call('getBooking', { pathParameters: { bookingId }, headers: bearer(token) });
const therapistSees = async (therapistId: string, bookingId: string) => {
  const r = await call('listMyBookings', { claims: claimsFor(therapistId), query: { from: '2026-12-01', to: '2026-12-31' } });
  expect(r.status).toBe(200);
  return (r.json.bookings as Record<string, unknown>[]).find((b) => b.id === bookingId)!;
};

test('a couples booking answers one token per partner, in client order, and a replay answers the same ones', async () => {
  const key = `couples-${Date.now()}`;
  const { body, created } = await couples('2026-12-02T09:00:00+01:00', key);
  expect(created.manageTokens).toHaveLength(2);
  expect(created.manageToken).toBe(created.manageTokens[0]);
  expect(created.manageTokens[0]).not.toBe(created.manageTokens[1]);
  const replay = await call('createBooking', { body, headers: { 'idempotency-key': key } });
  expect(replay.status).toBe(201);
  expect(replay.json.manageTokens).toEqual(created.manageTokens);
  expect(replay.json.manageToken).toBe(created.manageToken);
});

test("each partner's token shows their own name and email and the other's first name only", async () => {
  const { alex, blake, created } = await couples('2026-12-02T11:00:00+01:00');
  const [alexToken, blakeToken] = created.manageTokens as [string, string];

  const asAlex = await view(created.booking.id, alexToken);
  expect(asAlex.status).toBe(200);
  expect(asAlex.json.booking.clients).toEqual([{ name: alex.name, email: alex.email }, { name: 'Blake' }]);
  for (const hidden of [blake.email, 'Rivers', blake.phone]) expect(asAlex.text).not.toContain(hidden);

  const asBlake = await view(created.booking.id, blakeToken);
  expect(asBlake.status).toBe(200);
  expect(asBlake.json.booking.clients).toEqual([{ name: 'Alex' }, { name: blake.name, email: blake.email, phone: blake.phone }]);
  for (const hidden of [alex.email, 'Morgan']) expect(asBlake.text).not.toContain(hidden);
});

test("the partner's own token can cancel; the answer is their view and the therapist sees which partner it was", async () => {
  const { therapistId, alex, created } = await couples('2026-12-03T09:00:00+01:00');
  const [alexToken, blakeToken] = created.manageTokens as [string, string];
  const cancelled = await call('cancelBooking', { pathParameters: { bookingId: created.booking.id }, body: {}, headers: bearer(blakeToken) });
  expect(cancelled.status).toBe(200);
  expect(cancelled.json.booking.status).toBe('cancelled');
  expect(cancelled.text).not.toContain(alex.email);
  expect((await view(created.booking.id, alexToken)).json.booking.status).toBe('cancelled');
  expect(await therapistSees(therapistId, created.booking.id)).toMatchObject({ status: 'cancelled', cancelledBy: 'client', cancelledByClient: 1 });
});

test('the therapist sees which partner moved the booking, and the mover sees their own view', async () => {
  const { therapistId, alex, blake, created } = await couples('2026-12-03T13:00:00+01:00');
  const moved = await call('rescheduleBooking', {
    pathParameters: { bookingId: created.booking.id }, body: { start: '2026-12-04T10:00:00+01:00' }, headers: bearer(created.manageTokens[0]!),
  });
  expect(moved.status).toBe(200);
  expect(moved.json.booking.clients).toEqual([{ name: alex.name, email: alex.email }, { name: 'Blake' }]);
  expect(moved.text).not.toContain(blake.email);
  expect(await therapistSees(therapistId, created.booking.id)).toMatchObject({ rescheduledBy: 'client', rescheduledByClient: 0 });
});

test('an old booking-wide m1 token still works; on a couples booking, which both partners were sent, it shows first names only', async () => {
  const { therapistId, alex, blake, created } = await couples('2026-12-07T09:00:00+01:00');
  const old = issueManageToken(dependencies().config.manageTokenSecret, created.booking.id);
  const seen = await view(created.booking.id, old);
  expect(seen.status).toBe(200);
  expect(seen.json.booking.clients).toEqual([{ name: 'Alex' }, { name: 'Blake' }]);
  for (const hidden of [alex.email, blake.email, 'Morgan', 'Rivers']) expect(seen.text).not.toContain(hidden);
  const cancelled = await call('cancelBooking', { pathParameters: { bookingId: created.booking.id }, body: {}, headers: bearer(old) });
  expect(cancelled.status).toBe(200);
  const mine = await therapistSees(therapistId, created.booking.id);
  expect(mine).toMatchObject({ status: 'cancelled', cancelledBy: 'client' });
  expect(mine.cancelledByClient).toBeUndefined();
});

test("an old m1 token of an individual booking is that client's own", async () => {
  const therapistId = await createTherapist();
  const person = { name: 'Casey Jones', email: `casey-${therapistId}@example.test` };
  const created = await call('createBooking', {
    body: { therapistId, sessionTypeId: 'individual-50', start: '2026-12-07T13:00:00+01:00', timeZone: 'Europe/Berlin', clients: [person], policyAccepted: true },
  });
  expect(created.json.manageTokens).toHaveLength(1);
  const old = issueManageToken(dependencies().config.manageTokenSecret, created.json.booking.id);
  expect((await view(created.json.booking.id, old)).json.booking.clients).toEqual([person]);
  // A second client's token cannot exist for a one-client booking: even a correctly signed one is refused.
  const second = issueClientManageToken(dependencies().config.manageTokenSecret, created.json.booking.id, 1);
  const refused = await view(created.json.booking.id, second);
  expect(refused.status).toBe(403);
  expect(refused.json.error.code).toBe('forbidden');
});

describe('emails', () => {
  const deliver = (event: DomainEventEnvelope) => (notificationsHandler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));
  const tokenIn = (text: string | undefined) => {
    const match = /#manage=[^&\s]+&token=([^\s>)"]+)/.exec(text ?? '');
    expect(match).not.toBeNull();
    return decodeURIComponent(match![1]!);
  };

  test("each partner's email carries their own link, which opens the booking as them only", async () => {
    const { therapistId, alex, blake, created } = await couples('2026-12-08T09:00:00+01:00');
    const booking = (await dependencies().bookings.get(created.booking.id)) as Booking;
    await deliver(eventsForBookingChange(undefined, booking)[0]!);
    const all = await storedEmails();
    const [alexMail, blakeMail] = [addressedTo(all, alex.email), addressedTo(all, blake.email)];
    expect([alexMail.length, blakeMail.length]).toEqual([1, 1]);
    const [alexToken, blakeToken] = [tokenIn(alexMail[0]!.body.text), tokenIn(blakeMail[0]!.body.text)];
    expect(alexToken).not.toBe(blakeToken);
    expect([alexToken, blakeToken]).toEqual(created.manageTokens);
    expect((await view(booking.id, alexToken)).json.booking.clients).toEqual([{ name: alex.name, email: alex.email }, { name: 'Blake' }]);
    expect((await view(booking.id, blakeToken)).json.booking.clients).toEqual([{ name: 'Alex' }, { name: blake.name, email: blake.email, phone: blake.phone }]);

    // Blake cancels with Blake's link: the therapist's email says it was Blake, by first name.
    expect((await call('cancelBooking', { pathParameters: { bookingId: booking.id }, body: {}, headers: bearer(blakeToken) })).status).toBe(200);
    const after = (await dependencies().bookings.get(booking.id)) as Booking;
    await deliver(eventsForBookingChange(booking, after)[0]!);
    const toTherapist = addressedTo(await storedEmails(), `${therapistId}@example.test`).filter((e) => e.subject === 'Appointment cancelled');
    expect(toTherapist).toHaveLength(1);
    expect(toTherapist[0]!.body.text).toMatch(/^Cancelled by: Blake$/m);
    expect(toTherapist[0]!.body.text).not.toContain('Rivers');
  });
});
