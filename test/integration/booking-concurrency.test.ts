import { handler as cancelHandler } from '../../functions/http/cancel-booking';
import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as rescheduleHandler } from '../../functions/http/reschedule-booking';
import { overrideDependencies } from '../../shared/runtime/dependencies';
import { invoke } from '../support/lambda-invoke';
import { client, COUPLES, createTherapist, tableItems, TestClock } from '../support/practice-fixture';

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));

const book = (therapistId: string, start: string, i = 1, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'Europe/Berlin', clients: [client(i)], policyAccepted: true, ...extra },
    headers,
  });

/** The invariant all of this protects: no two confirmed bookings of a therapist overlap, buffers included. */
async function expectNoOverlaps(therapistId: string) {
  const bookings = (await tableItems())
    .filter((i) => i.type === 'booking' && i.therapistId === therapistId && i.status === 'confirmed')
    .map((b) => [Date.parse(b.start), Date.parse(b.blockedUntil)] as const)
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < bookings.length; i++) expect(bookings[i]![0]).toBeGreaterThanOrEqual(bookings[i - 1]![1]);
  return bookings.length;
}

const statuses = (results: { status: number }[]) =>
  results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

describe('booking under concurrency (DynamoDB Local)', () => {
  test('50 concurrent POSTs for one slot: exactly one 201 and 49 409 slot_unavailable', async () => {
    const therapistId = await createTherapist();
    const start = '2026-12-02T09:00:00+01:00';
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => book(therapistId, start, i)));
    expect(statuses(results)).toEqual({ 201: 1, 409: 49 });
    expect(results.filter((r) => r.status === 409).every((r) => r.json.error.code === 'slot_unavailable')).toBe(true);
    expect(await expectNoOverlaps(therapistId)).toBe(1);
  });

  test('overlapping bookings with different starts cannot both succeed', async () => {
    const therapistId = await createTherapist({ slotIntervalMinutes: 5 });
    // Ten starts 5 minutes apart: every pair overlaps a 50-minute session, so at most one may win.
    const starts = Array.from({ length: 10 }, (_, i) => `2026-12-03T10:${String(i * 5).padStart(2, '0')}:00+01:00`);
    const results = await Promise.all(starts.map((s, i) => book(therapistId, s, i)));
    expect(statuses(results)).toEqual({ 201: 1, 409: 9 });
    expect(await expectNoOverlaps(therapistId)).toBe(1);
  });

  test('the buffer separates concurrent neighbours: a session ending inside the other one\'s buffer loses', async () => {
    const therapistId = await createTherapist({ slotIntervalMinutes: 5, bufferMinutes: 15 });
    // 10:00-10:50 blocks until 11:05; 11:00 starts inside that buffer; 11:05 is exactly at its end.
    const [a, b] = await Promise.all([book(therapistId, '2026-12-04T10:00:00+01:00', 1), book(therapistId, '2026-12-04T11:00:00+01:00', 2)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const c = await book(therapistId, '2026-12-04T11:05:00+01:00', 3);
    const winnerAt10 = a.status === 201;
    expect(c.status).toBe(winnerAt10 ? 201 : 409);
    await expectNoOverlaps(therapistId);
  });

  test('bookings that cross midnight contend on the shared day and cannot overlap', async () => {
    const therapistId = await createTherapist({
      slotIntervalMinutes: 10,
      bufferMinutes: 30,
      weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '02:00' }, { start: '22:00', end: '24:00' }]])),
    });
    // 23:00-23:50 plus its buffer blocks until 00:20 of the next date, where 00:10-01:00 wants to be.
    const results = await Promise.all([
      book(therapistId, '2026-12-05T23:00:00+01:00', 1),
      book(therapistId, '2026-12-06T00:10:00+01:00', 2),
      book(therapistId, '2026-12-05T23:00:00+01:00', 3),
    ]);
    expect(statuses(results)).toEqual({ 201: 1, 409: 2 });
    expect(await expectNoOverlaps(therapistId)).toBe(1);
  });

  test('a reschedule race cannot leave two bookings on one slot', async () => {
    const therapistId = await createTherapist();
    const a = await book(therapistId, '2026-12-07T09:00:00+01:00', 1);
    const b = await book(therapistId, '2026-12-07T11:00:00+01:00', 2);
    expect([a.status, b.status]).toEqual([201, 201]);
    const target = '2026-12-07T14:00:00+01:00';
    const move = (r: typeof a) =>
      invoke('rescheduleBooking', rescheduleHandler, {
        pathParameters: { bookingId: r.json.booking.id },
        body: { start: target },
        headers: { authorization: `Bearer ${r.json.manageToken}` },
      });
    // Both move to one slot while a third client books it.
    const results = await Promise.all([move(a), move(b), book(therapistId, target, 3)]);
    expect(results.filter((r) => r.status === 200 || r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    // A won reschedule leaves two bookings; a won new booking, three. Never an overlap.
    expect(await expectNoOverlaps(therapistId)).toBe(results[2]!.status === 201 ? 3 : 2);
  });

  test('rescheduling releases the old time and claims the new one in one step', async () => {
    const therapistId = await createTherapist();
    const a = await book(therapistId, '2026-12-08T09:00:00+01:00', 1);
    const moved = await invoke('rescheduleBooking', rescheduleHandler, {
      pathParameters: { bookingId: a.json.booking.id },
      body: { start: '2026-12-08T09:30:00+01:00' }, // overlaps its own old time: allowed
      headers: { authorization: `Bearer ${a.json.manageToken}` },
    });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.json.booking.start)).toBe(Date.parse('2026-12-08T09:30:00+01:00'));
    expect((await book(therapistId, '2026-12-08T09:00:00+01:00', 2)).status).toBe(409); // 9:00-9:50 overlaps 9:30
    expect((await book(therapistId, '2026-12-08T10:30:00+01:00', 3)).status).toBe(201); // after 10:20 + buffer
    await expectNoOverlaps(therapistId);
  });

  test('a cancelled slot becomes bookable again', async () => {
    const therapistId = await createTherapist();
    const start = '2026-12-09T13:00:00+01:00';
    const first = await book(therapistId, start, 1);
    expect((await book(therapistId, start, 2)).status).toBe(409);
    const cancelled = await invoke('cancelBooking', cancelHandler, {
      pathParameters: { bookingId: first.json.booking.id },
      body: {},
      headers: { authorization: `Bearer ${first.json.manageToken}` },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.booking.status).toBe('cancelled');
    expect((await book(therapistId, start, 3)).status).toBe(201);
    expect(await expectNoOverlaps(therapistId)).toBe(1);
  });

  test('couples sessions take exactly two clients', async () => {
    const therapistId = await createTherapist({}, [COUPLES]);
    const body = { therapistId, sessionTypeId: 'couples-80', start: '2026-12-10T10:00:00+01:00', timeZone: 'America/Chicago', policyAccepted: true };
    const before = await tableItems();
    for (const clients of [[client(1)], [client(1), client(2), client(3)]]) {
      const r = await invoke('createBooking', createHandler, { body: { ...body, clients } });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('validation_failed');
      expect(r.json.error.fields[0].path).toBe('clients');
    }
    expect(await tableItems()).toEqual(before);
    const ok = await invoke('createBooking', createHandler, { body: { ...body, clients: [client(1), client(2)] } });
    expect(ok.status).toBe(201);
    expect(ok.json.booking.clients).toHaveLength(2);
    expect(ok.json.booking.start).toBe('2026-12-10T03:00:00-06:00'); // in the client's zone
  });
});

describe('Idempotency-Key', () => {
  test('a retried POST returns the first result and books once', async () => {
    const therapistId = await createTherapist();
    const headers = { 'Idempotency-Key': 'retry-1-' + therapistId };
    const first = await book(therapistId, '2026-12-11T09:00:00+01:00', 1, {}, headers);
    const again = await book(therapistId, '2026-12-11T09:00:00+01:00', 1, {}, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(await expectNoOverlaps(therapistId)).toBe(1);
  });

  test('concurrent retries with one key create one booking and all answer it', async () => {
    const therapistId = await createTherapist();
    const headers = { 'Idempotency-Key': 'storm-' + therapistId };
    const results = await Promise.all(Array.from({ length: 10 }, () => book(therapistId, '2026-12-11T11:00:00+01:00', 1, {}, headers)));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    expect(new Set(results.map((r) => r.json.booking.id)).size).toBe(1);
    expect(await expectNoOverlaps(therapistId)).toBe(1);
  });

  test('the same key with a different request is a 409 conflict and books nothing', async () => {
    const therapistId = await createTherapist();
    const headers = { 'Idempotency-Key': 'reuse-' + therapistId };
    await book(therapistId, '2026-12-11T13:00:00+01:00', 1, {}, headers);
    const other = await book(therapistId, '2026-12-11T15:00:00+01:00', 1, {}, headers);
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('conflict');
    expect(await expectNoOverlaps(therapistId)).toBe(1);
  });
});

describe('the commit conditions', () => {
  test('a ledger that was read but is not written still guards the commit (time-zone changes)', async () => {
    const { dependencies } = await import('../../shared/runtime/dependencies');
    const { CommitRefused } = await import('../../shared/store/booking-repository');
    const deps = dependencies();
    const therapistId = await createTherapist();
    const read = await deps.bookings.readWriteContext(therapistId, ['2026-12-20', '2026-12-21']);
    // Someone else books on the 21st (say, filed under a new zone's date) after we read.
    await deps.bookings.commit({
      booking: { ...fakeBooking(therapistId, 'other'), ledgerDates: ['2026-12-21'] }, expect: 'new', expiresAt: 2_000_000_000,
      ledgers: [{ date: '2026-12-21', version: 0, entries: [{ bookingId: 'other', start: '2026-12-21T01:00:00.000Z', end: '2026-12-21T02:00:00.000Z' }] }],
    });
    const ours = deps.bookings.commit({
      booking: fakeBooking(therapistId, 'ours'), expect: 'new', expiresAt: 2_000_000_000,
      ledgers: [{ date: '2026-12-20', version: 0, entries: [{ bookingId: 'ours', start: '2026-12-21T01:00:00.000Z', end: '2026-12-21T02:00:00.000Z' }] }],
      unchanged: [...read.ledgers.values()],
    });
    await expect(ours).rejects.toEqual(new CommitRefused('ledger_changed'));
  });
});

function fakeBooking(therapistId: string, id: string) {
  return {
    id, status: 'confirmed' as const, therapistId, sessionTypeId: 'individual-50', start: '2026-12-21T01:00:00.000Z', end: '2026-12-21T01:50:00.000Z',
    timeZone: 'UTC', therapistTimeZone: 'UTC', blockedUntil: '2026-12-21T02:00:00.000Z', ledgerDates: ['2026-12-20'], clients: [client(9)],
    createdAt: '2026-12-01T06:00:00.000Z', updatedAt: '2026-12-01T06:00:00.000Z', sequence: 0,
  };
}
