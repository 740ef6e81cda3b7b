import { DateTime } from 'luxon';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { createTherapist, INDIVIDUAL, putSettings, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';
import { addressedTo, storedEmails } from '../support/ses-store';

/*
 * Issue 16: the client books with the widget's locale (and clock); the booking and its series keep
 * it, and that client's emails write dates and times in it; the therapist's follow the practice's
 * locale. Every email carries the practice's contact details at its foot and the manage link as a button.
 */
const clock = new TestClock(new Date('2027-01-04T06:00:00Z')); // a Monday
beforeAll(() => overrideDependencies({ clock }));
beforeEach(() => clock.set('2027-01-04T06:00:00Z'));
afterEach(backToSharedPractice);
afterAll(() => resetDependencies());

let seq = 0;
const client = () => ({ name: 'Alex Morgan', email: `alex-locale-${++seq}-${Date.now()}@example.test` });
/** Tuesdays at 10:00 in Berlin, from 2027-01-05. */
const tuesday = (week: number) => DateTime.fromISO('2027-01-05T10:00', { zone: 'Europe/Berlin' }).plus({ weeks: week }).toUTC().toISO()!;
const body = (therapistId: string, extra: Record<string, unknown> = {}) => ({
  therapistId, sessionTypeId: 'individual-50', start: tuesday(0), timeZone: 'Europe/Berlin', clients: [client()], policyAccepted: true, ...extra,
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const deliver = (booking: Booking, before?: Booking) =>
  (notificationsHandler as LambdaHandler)(bridgeEvent(eventsForBookingChange(before, booking)[0]!), lambdaContext('test', 10_000));

describe('POST /v1/bookings with a locale', () => {
  test('is kept on the booking, answered back, and kept through a reschedule', async () => {
    const therapistId = await createTherapist();
    const r = await call('createBooking', { body: body(therapistId, { locale: 'en-GB-u-hc-h12' }) });
    expect(r.status).toBe(201);
    expect(r.json.booking.locale).toBe('en-GB-u-hc-h12');
    expect((await dependencies().bookings.get(r.json.booking.id))?.locale).toBe('en-GB-u-hc-h12');
    const moved = await call('rescheduleBooking', { pathParameters: { bookingId: r.json.booking.id }, body: { start: tuesday(1) }, headers: bearer(r.json.manageToken) });
    expect(moved.status).toBe(200);
    expect(moved.json.booking.locale).toBe('en-GB-u-hc-h12');
    expect((await dependencies().bookings.get(r.json.booking.id))).toMatchObject({ locale: 'en-GB-u-hc-h12', sequence: 1 });
  });

  test('without one, the booking has none (its emails use the practice default)', async () => {
    const therapistId = await createTherapist();
    const r = await call('createBooking', { body: body(therapistId) });
    expect(r.status).toBe(201);
    expect(r.json.booking).not.toHaveProperty('locale');
    expect(await dependencies().bookings.get(r.json.booking.id)).not.toHaveProperty('locale');
  });

  test.each(['de-DE', 'fr', 'not a tag', 'en-', 'x'.repeat(36), 'en-US-u-hc-h23-' + 'a'.repeat(30)])('%s is a 400 at locale that writes nothing', async (locale) => {
    const therapistId = await createTherapist();
    // Other files write to the shared table meanwhile: compare this therapist's items only.
    const mine = async () => (await tableItems()).filter((i) => JSON.stringify(i).includes(therapistId));
    const before = await mine();
    const r = await call('createBooking', { body: body(therapistId, { locale }) });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect([...new Set(r.json.error.fields.map((f: { path: string }) => f.path))]).toEqual(['locale']);
    expect(await mine()).toEqual(before);
  });

  test('a series keeps it, and so does every booking of the series', async () => {
    const therapistId = await createTherapist({}, [{ ...INDIVIDUAL, repeat: { everyWeeks: [1], maxCount: 12 } }]);
    const r = await call('createBooking', { body: body(therapistId, { locale: 'en-US-u-hc-h23', repeat: { everyWeeks: 1, count: 3 } }) });
    expect(r.status).toBe(201);
    const series = await dependencies().bookings.getSeries(r.json.booking.seriesId);
    expect(series?.series.locale).toBe('en-US-u-hc-h23');
    const bookings = await Promise.all(series!.series.occurrences.filter((o) => o.bookingId).map((o) => dependencies().bookings.get(o.bookingId!)));
    expect(bookings.map((b) => b?.locale)).toEqual(['en-US-u-hc-h23', 'en-US-u-hc-h23', 'en-US-u-hc-h23']);
  });
});

describe("a booking's emails", () => {
  test("the client's in the booking's locale, the therapist's in the practice's; both with the contact footer; the manage link a button", async () => {
    await useOwnPractice();
    await putSettings({ locale: 'en-GB-u-hc-h12', contact: { phone: '+49 30 555 0100', email: 'desk@practice.example' } });
    const therapistId = await createTherapist();
    const who = client();
    const r = await call('createBooking', { body: body(therapistId, { clients: [who], locale: 'en-US-u-hc-h23' }) });
    expect(r.status).toBe(201);
    const booking = (await dependencies().bookings.get(r.json.booking.id))!;
    await deliver(booking);
    const all = await storedEmails();
    const [toClient] = addressedTo(all, who.email);
    const [toTherapist] = addressedTo(all, `${therapistId}@example.test`);
    expect(toClient!.body.text).toContain('When: Tuesday, January 5, 2027, 10:00–10:50 (Europe/Berlin, GMT+1)');
    expect(toTherapist!.body.text).toContain('When: Tuesday, 5 January 2027, 10:00 am–10:50 am (Europe/Berlin, GMT+1)');
    for (const mail of [toClient!, toTherapist!]) {
      expect(mail.body.text).toContain('To contact the practice:\nPhone: +49 30 555 0100\nEmail: desk@practice.example');
      expect(mail.body.html).toContain('href="tel:+49305550100"');
      expect(mail.body.html).toContain('href="mailto:desk@practice.example"');
    }
    expect(toClient!.body.html).toMatch(/<table role="presentation"[^>]*><tr>\s*<td style="[^"]*"><a href="[^"]*#manage=[^"]*" style="[^"]*display:inline-block[^"]*">Reschedule or cancel this appointment<\/a>/);
    expect(toTherapist!.body.text).not.toMatch(/Hello/);
  });
});
