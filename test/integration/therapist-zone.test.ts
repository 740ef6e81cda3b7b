import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { claimsFor } from '../support/lambda-invoke';
import { client, createTherapist, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';
import { addressedTo, storedEmails } from '../support/ses-store';

// Years ahead of the real clock, so DynamoDB Local's real-time TTL never removes a ledger mid-test.
// 5–6 March 2031: Berlin is at +01:00, New York at -05:00, Auckland at +13:00 (no DST change near).
const clock = new TestClock(new Date('2031-03-03T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));

const allWeek = (start: string, end: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start, end }]]));
const rules = { bufferMinutes: 10, minimumNoticeMinutes: 60, horizonDays: 60, slotIntervalMinutes: 30 };
const admin = claimsFor('the-admin', 'admin');

const book = (therapistId: string, start: string) =>
  call('createBooking', { body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true } });
const slots = async (therapistId: string, date: string, timeZone: string) =>
  ((await call('getAvailability', { pathParameters: { therapistId }, query: { sessionTypeId: 'individual-50', from: date, to: date, timeZone } })).json.days as { slots: { start: string }[] }[])
    .flatMap((d) => d.slots.map((s) => s.start));
const myBookingIds = async (therapistId: string, date: string) =>
  ((await call('listMyBookings', { claims: claimsFor(therapistId), query: { from: date, to: date } })).json.bookings as { id: string }[]).map((b) => b.id);

describe('a therapist has one time zone', () => {
  test('a schedule in a new zone moves availability, the booking list and emails to it; existing bookings keep their instants and still block', async () => {
    const id = await createTherapist({ timeZone: 'Europe/Berlin' });
    const me = claimsFor(id);
    // 15:00 in Berlin is 14:00Z: 03:00 the next day in Auckland, so the local dates differ.
    const made = await book(id, '2031-03-05T15:00:00+01:00');
    expect(made.status).toBe(201);
    const before = (await dependencies().bookings.get(made.json.booking.id))!;

    const put = await call('putSchedule', { claims: me, body: { timeZone: 'Pacific/Auckland', weekly: allWeek('00:00', '12:00'), ...rules } });
    expect(put.status).toBe(200);

    // One zone: the profile, the schedule and the admin's list all say it.
    expect((await call('getMe', { claims: me })).json.therapist.timeZone).toBe('Pacific/Auckland');
    expect((await call('getSchedule', { claims: me })).json.schedule.timeZone).toBe('Pacific/Auckland');
    expect((await call('listTherapistsAdmin', { claims: admin })).json.therapists.find((t: { id: string }) => t.id === id).timeZone).toBe('Pacific/Auckland');

    // The booking did not move, and it still blocks its time (03:00–03:50 and the buffer to 04:00
    // in Auckland), although its ledger is filed under the Berlin date.
    const after = (await dependencies().bookings.get(made.json.booking.id))!;
    expect(after).toEqual(before);
    const open = await slots(id, '2031-03-06', 'Pacific/Auckland');
    expect(open).toEqual(expect.arrayContaining(['2031-03-06T02:00:00+13:00', '2031-03-06T04:00:00+13:00']));
    for (const taken of ['2031-03-06T02:30:00+13:00', '2031-03-06T03:00:00+13:00', '2031-03-06T03:30:00+13:00']) expect(open).not.toContain(taken);
    const clash = await book(id, '2031-03-06T03:00:00+13:00');
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('slot_unavailable');

    // The therapist's list reads dates in the same zone: the booking is on 6 March in Auckland.
    expect(await myBookingIds(id, '2031-03-06')).toEqual([made.json.booking.id]);
    expect(await myBookingIds(id, '2031-03-05')).toEqual([]);

    // And so does the therapist's email.
    const event = eventsForBookingChange(undefined, after as Booking)[0]!;
    await (notificationsHandler as (e: unknown, c: unknown) => Promise<unknown>)(bridgeEvent(event), lambdaContext('test', 10_000));
    const [mail] = addressedTo(await storedEmails(), `${id}@example.test`);
    expect(mail?.body.text).toContain('Thursday, March 6, 2031, 3:00 AM–3:50 AM (Pacific/Auckland, GMT+13)');
  });

  test("the admin changing a therapist's zone changes the zone their hours are in", async () => {
    const id = await createTherapist({ timeZone: 'Europe/Berlin', weekly: allWeek('09:00', '10:00'), ...rules });
    const r = await call('updateTherapist', {
      claims: admin, pathParameters: { therapistId: id }, body: { displayName: 'Test Therapist', email: `${id}@example.test`, timeZone: 'America/New_York' },
    });
    expect(r.status).toBe(200);
    expect((await call('getSchedule', { claims: claimsFor(id) })).json.schedule).toMatchObject({ timeZone: 'America/New_York', weekly: allWeek('09:00', '10:00') });
    expect(await slots(id, '2031-03-05', 'America/New_York')).toEqual(['2031-03-05T09:00:00-05:00']);
  });
});
