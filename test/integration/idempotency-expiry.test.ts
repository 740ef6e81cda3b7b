import { handler as createHandler } from '../../functions/http/create-booking';
import { overrideDependencies } from '../../shared/runtime/dependencies';
import { invoke } from '../support/lambda-invoke';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';

// Years ahead of the real clock, so DynamoDB Local's own TTL deletion (real time) never removes a
// record during the test: the stale record must still be there when the key is used again.
const T0 = '2031-03-03T06:00:00Z';
const clock = new TestClock(new Date(T0));
beforeAll(() => overrideDependencies({ clock }));
beforeEach(() => clock.set(T0));

const HOUR = 3600_000;
const later = (ms: number) => clock.set(new Date(Date.parse(T0) + ms));
const book = (therapistId: string, start: string, key: string) =>
  invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true },
    headers: { 'Idempotency-Key': key },
  });
const records = async (bookingId: string) => (await tableItems()).filter((i) => i.type === 'idempotency' && i.bookingId === bookingId);

describe('Idempotency-Key expiry (virtual clock)', () => {
  test('a key used again after 24 h is free: a different request books anew over the expired record', async () => {
    const therapistId = await createTherapist();
    const key = `expiry-${therapistId}`;
    const first = await book(therapistId, '2031-03-05T09:00:00+01:00', key);
    expect(first.status).toBe(201);

    later(24 * HOUR - 60_000);
    const tooEarly = await book(therapistId, '2031-03-05T11:00:00+01:00', key);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.json.error.code).toBe('conflict');

    later(24 * HOUR + 60_000);
    expect(await records(first.json.booking.id)).toHaveLength(1); // expired, but not yet deleted by TTL
    const fresh = await book(therapistId, '2031-03-05T11:00:00+01:00', key);
    expect(fresh.status).toBe(201);
    expect(fresh.json.booking.id).not.toBe(first.json.booking.id);
    expect(fresh.json.booking.start).toBe('2031-03-05T11:00:00+01:00');

    // The key now belongs to the new request: a retry of it replays, the old request is refused.
    const retry = await book(therapistId, '2031-03-05T11:00:00+01:00', key);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(fresh.json);
    const old = await book(therapistId, '2031-03-05T09:00:00+01:00', key);
    expect(old.status).toBe(409);
    expect(old.json.error.code).toBe('conflict');
    const [record] = await records(fresh.json.booking.id);
    expect(record?.expiresAt).toBe(Math.floor((Date.parse(T0) + 48 * HOUR + 60_000) / 1000));
    expect(await records(first.json.booking.id)).toHaveLength(0);

    const bookings = (await tableItems()).filter((i) => i.type === 'booking' && i.therapistId === therapistId && i.status === 'confirmed');
    expect(bookings.map((b) => b.id).sort()).toEqual([first.json.booking.id, fresh.json.booking.id].sort());
  });

  test('within 24 h the same request still replays the first answer', async () => {
    const therapistId = await createTherapist();
    const key = `within-${therapistId}`;
    const first = await book(therapistId, '2031-03-05T13:00:00+01:00', key);
    later(24 * HOUR - 60_000);
    const again = await book(therapistId, '2031-03-05T13:00:00+01:00', key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json).toEqual(first.json);
  });
});
