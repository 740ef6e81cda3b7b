import { handler as availabilityHandler } from '../../functions/http/get-availability';
import { handler as cancelHandler } from '../../functions/http/cancel-booking';
import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as getHandler } from '../../functions/http/get-booking';
import { handler as rescheduleHandler } from '../../functions/http/reschedule-booking';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { issueManageToken } from '../../shared/tokens/manage-token';
import type { PracticeSettings } from '../../shared/domain/practice-settings';
import { claimsFor, invoke } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, createTherapist, INDIVIDUAL, putSettings, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));
beforeEach(() => clock.set('2026-12-01T06:00:00Z'));
afterEach(backToSharedPractice);

async function booked(therapistId: string, start: string) {
  const r = await invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'Europe/Berlin', clients: [client(1)], note: 'private words', policyAccepted: true },
  });
  expect(r.status).toBe(201);
  return r.json as { booking: { id: string; start: string }; manageToken: string };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const move = (b: { booking: { id: string }; manageToken: string }, start: string) =>
  invoke('rescheduleBooking', rescheduleHandler, { pathParameters: { bookingId: b.booking.id }, body: { start }, headers: bearer(b.manageToken) });

/**
 * Runs `body` under the given late-cancellation settings and puts the previous ones back, so no test
 * depends on another's settings or on the order tests run in.
 */
async function withLateWindow(window: Pick<PracticeSettings, 'lateCancellationHours' | 'lateCancellationMode'>, body: () => Promise<void>) {
  const { lateCancellationHours, lateCancellationMode } = await dependencies().settings.get();
  await putSettings(window);
  try {
    await body();
  } finally {
    await putSettings({ lateCancellationHours, lateCancellationMode });
  }
}

describe('manage tokens', () => {
  test('the token opens its booking by header or query, and nothing else', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-02T09:00:00+01:00');
    const b = await booked(therapistId, '2026-12-02T11:00:00+01:00');
    const viaHeader = await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id }, headers: bearer(a.manageToken) });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.json.booking).toMatchObject({ id: a.booking.id, status: 'confirmed', start: '2026-12-02T09:00:00+01:00' });
    expect(viaHeader.json.booking.note).toBeUndefined(); // the note is for the therapist only
    const viaQuery = await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id }, query: { token: a.manageToken } });
    expect(viaQuery.status).toBe(200);
    const foreign = await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id }, headers: bearer(b.manageToken) });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('forbidden');
    const none = await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id } });
    expect(none.status).toBe(403);
  });

  test('every single-character change of a token is refused', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-02T13:00:00+01:00');
    const t = a.manageToken;
    for (let i = 0; i < t.length; i += 3) {
      const tampered = t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
      const r = await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id }, headers: bearer(tampered) });
      expect(r.status).toBe(403);
    }
  });

  test('a token signed with another secret is refused', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-02T15:00:00+01:00');
    const forged = issueManageToken('another-secret-another-secret-another', a.booking.id);
    const r = await invoke('cancelBooking', cancelHandler, { pathParameters: { bookingId: a.booking.id }, body: {}, headers: bearer(forged) });
    expect(r.status).toBe(403);
    expect((await dependencies().bookings.get(a.booking.id))?.status).toBe('confirmed');
  });

  test('the token expires a grace period after the session, and survives a reschedule', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-03T09:00:00+01:00');
    const moved = await invoke('rescheduleBooking', rescheduleHandler, {
      pathParameters: { bookingId: a.booking.id }, body: { start: '2026-12-04T09:00:00+01:00' }, headers: bearer(a.manageToken),
    });
    expect(moved.status).toBe(200);
    clock.set('2026-12-05T08:49:00Z'); // session ended 08:50Z on the 4th; grace is 24 h
    expect((await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id }, headers: bearer(a.manageToken) })).status).toBe(200);
    clock.set('2026-12-05T08:51:00Z');
    const expired = await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id }, headers: bearer(a.manageToken) });
    expect(expired.status).toBe(403);
    expect(expired.json.error.message).toMatch(/expired/);
  });

  test('cancel is idempotent and a cancelled booking cannot be moved', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-05T09:00:00+01:00');
    const cancel = () => invoke('cancelBooking', cancelHandler, { pathParameters: { bookingId: a.booking.id }, body: { reason: 'travel' }, headers: bearer(a.manageToken) });
    const first = await cancel();
    const second = await cancel();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json.booking).toEqual(first.json.booking);
    const move = await invoke('rescheduleBooking', rescheduleHandler, {
      pathParameters: { bookingId: a.booking.id }, body: { start: '2026-12-05T11:00:00+01:00' }, headers: bearer(a.manageToken),
    });
    expect(move.status).toBe(409);
    expect(move.json.error.code).toBe('conflict');
  });

  test('late cancellation is flagged or refused as the practice configures', async () => {
    await useOwnPractice(); // it changes the practice settings
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-01T16:00:00+01:00'); // 9 hours ahead of the clock
    await withLateWindow({ lateCancellationHours: 24, lateCancellationMode: 'refuse' }, async () => {
      const refused = await invoke('cancelBooking', cancelHandler, { pathParameters: { bookingId: a.booking.id }, body: {}, headers: bearer(a.manageToken) });
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('cancellation_window_passed');
      expect((await dependencies().bookings.get(a.booking.id))?.status).toBe('confirmed');
    });
    await withLateWindow({ lateCancellationHours: 24, lateCancellationMode: 'flag' }, async () => {
      const flagged = await invoke('cancelBooking', cancelHandler, { pathParameters: { bookingId: a.booking.id }, body: {}, headers: bearer(a.manageToken) });
      expect(flagged.status).toBe(200);
      expect(flagged.json.booking).toMatchObject({ status: 'cancelled', lateCancellation: true });
    });
  });
});

describe('late changes: a move inside the late-cancellation window counts as a late cancellation', () => {
  beforeEach(useOwnPractice); // they change the practice settings

  test('refuse mode: the move is refused and changes nothing, so the window cannot be escaped by moving', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-01T16:00:00+01:00'); // 9 hours ahead of the clock
    await withLateWindow({ lateCancellationHours: 24, lateCancellationMode: 'refuse' }, async () => {
      const before = await tableItems();
      const refused = await move(a, '2026-12-21T10:00:00+01:00'); // "next month", then cancel freely
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('cancellation_window_passed');
      expect(refused.json.error.message).toMatch(/24 hours/);
      expect(await tableItems()).toEqual(before);
    });
  });

  test('refuse mode: the window is judged on the current start, so a move into the window is fine, a second one is not', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-03T10:00:00+01:00'); // 51 hours ahead
    await withLateWindow({ lateCancellationHours: 24, lateCancellationMode: 'refuse' }, async () => {
      const closer = await move(a, '2026-12-01T16:00:00+01:00'); // to 9 hours ahead
      expect(closer.status).toBe(200);
      expect(closer.json.booking.lateChange).toBeUndefined();
      const again = await move(a, '2026-12-03T10:00:00+01:00');
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('cancellation_window_passed');
    });
  });

  test('flag mode: the move is accepted with lateChange, the therapist sees it, and later moves keep it', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-01T16:00:00+01:00'); // 9 hours ahead
    const b = await booked(therapistId, '2026-12-04T10:00:00+01:00'); // outside the window
    await withLateWindow({ lateCancellationHours: 24, lateCancellationMode: 'flag' }, async () => {
      const late = await move(a, '2026-12-07T10:00:00+01:00');
      expect(late.status).toBe(200);
      expect(late.json.booking).toMatchObject({ status: 'confirmed', start: '2026-12-07T10:00:00+01:00', lateChange: true });
      const early = await move(b, '2026-12-08T10:00:00+01:00');
      expect(early.status).toBe(200);
      expect(early.json.booking.lateChange).toBeUndefined();
      const viewed = await invoke('getBooking', getHandler, { pathParameters: { bookingId: a.booking.id }, headers: bearer(a.manageToken) });
      expect(viewed.json.booking.lateChange).toBe(true);

      const mine = await call('listMyBookings', { claims: claimsFor(therapistId), query: { from: '2026-12-07', to: '2026-12-08' } });
      expect(mine.status).toBe(200);
      const byId = Object.fromEntries((mine.json.bookings as { id: string; lateChange?: boolean }[]).map((x) => [x.id, x]));
      expect(byId[a.booking.id]).toMatchObject({ lateChange: true });
      expect(byId[b.booking.id]!.lateChange).toBeUndefined();

      // Moved again, now well ahead of the window: the late change that happened stays on record.
      const onward = await move(a, '2026-12-09T10:00:00+01:00');
      expect(onward.status).toBe(200);
      expect(onward.json.booking.lateChange).toBe(true);
    });
  });
});

describe('a move obeys the same rules as a new booking', () => {
  const unbookable: [string, (therapistId: string) => Promise<unknown>][] = [
    ['a deactivated therapist accepts no moves', async (therapistId) => {
      const deactivated = await call('deactivateTherapist', { claims: claimsFor('an-admin', 'admin'), pathParameters: { therapistId } });
      expect(deactivated.status).toBe(200);
    }],
    ['a hidden session type accepts no moves', (therapistId) => dependencies().therapists.putSessionType(therapistId, { ...INDIVIDUAL, hidden: true })],
  ];
  test.each(unbookable)('%s', async (_title, makeUnbookable) => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-04T10:00:00+01:00');
    await makeUnbookable(therapistId);
    const before = await tableItems();
    const r = await move(a, '2026-12-07T10:00:00+01:00');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
    expect(await tableItems()).toEqual(before);
  });

  test('a start in the past is slot_unavailable (409), not a 400, and changes nothing', async () => {
    const therapistId = await createTherapist();
    const a = await booked(therapistId, '2026-12-04T10:00:00+01:00');
    const before = await tableItems();
    for (const start of ['2026-11-30T10:00:00+01:00', '2026-12-01T07:00:00+01:00' /* exactly now */]) {
      const r = await move(a, start);
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('slot_unavailable');
    }
    expect(await tableItems()).toEqual(before);
  });

  test('a retry with the same Idempotency-Key after the start has passed still gets the first answer', async () => {
    const therapistId = await createTherapist();
    const request = {
      headers: { 'idempotency-key': `late-retry-${therapistId}` },
      body: { therapistId, sessionTypeId: 'individual-50', start: '2026-12-01T10:00:00+01:00', timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true },
    };
    const first = await invoke('createBooking', createHandler, request);
    expect(first.status).toBe(201);
    clock.set('2026-12-01T09:30:00Z'); // the session began half an hour ago
    const retry = await invoke('createBooking', createHandler, request);
    expect(retry.status).toBe(201);
    expect(retry.json.booking.id).toBe(first.json.booking.id);
  });
});

describe('bad input changes nothing', () => {
  const valid = (therapistId: string) => ({
    therapistId, sessionTypeId: 'individual-50', start: '2026-12-02T10:00:00+01:00', timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true,
  });
  test.each([
    ['malformed JSON', () => '{"therapistId": ', 400, ''],
    ['wrong types', (t: string) => ({ ...valid(t), clients: 'me' }), 400, 'clients'],
    ['unknown zone', (t: string) => ({ ...valid(t), timeZone: 'Mars/Olympus' }), 400, 'timeZone'],
    ['start without offset', (t: string) => ({ ...valid(t), start: '2026-12-02T10:00:00' }), 400, 'start'],
    ['invalid email', (t: string) => ({ ...valid(t), clients: [{ name: 'A', email: 'nope' }] }), 400, 'clients.0.email'],
    ['policy not accepted', (t: string) => ({ ...valid(t), policyAccepted: false }), 400, 'policyAccepted'],
    ['note too long', (t: string) => ({ ...valid(t), note: 'x'.repeat(1001) }), 400, 'note'],
    ['two clients for an individual session', (t: string) => ({ ...valid(t), clients: [client(1), client(2)] }), 400, 'clients'],
    ['oversized body', (t: string) => ({ ...valid(t), note: 'x'.repeat(70_000) }), 413, undefined],
    ['unknown session type', (t: string) => ({ ...valid(t), sessionTypeId: 'massage-60' }), 404, undefined],
    ['unknown therapist', () => ({ ...valid('nobody-here') }), 404, undefined],
    ['a time that is not a slot', (t: string) => ({ ...valid(t), start: '2026-12-02T10:10:00+01:00' }), 409, undefined],
    ['start in the past', (t: string) => ({ ...valid(t), start: '2026-11-30T10:00:00Z' }), 409, undefined],
    ['start exactly now', (t: string) => ({ ...valid(t), start: '2026-12-01T06:00:00Z' }), 409, undefined],
  ])('%s', async (_name, body, status, fieldPath) => {
    const therapistId = await createTherapist();
    const before = await tableItems();
    const r = await invoke('createBooking', createHandler, { body: body(therapistId) });
    expect(r.status).toBe(status);
    expect(typeof r.json.error.code).toBe('string');
    expect(typeof r.json.error.message).toBe('string');
    if (status === 409) expect(r.json.error.code).toBe('slot_unavailable');
    if (fieldPath !== undefined) expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(fieldPath);
    expect(await tableItems()).toEqual(before);
  });

  test.each([
    ['to before from', { from: '2026-12-09', to: '2026-12-02' }, 'to'],
    ['a range over 62 days', { from: '2026-12-02', to: '2027-02-02' }, 'to'],
    ['unknown zone', { from: '2026-12-02', to: '2026-12-03', timeZone: 'Nowhere/Land' }, 'timeZone'],
    ['not a date', { from: '2026-13-02', to: '2026-12-03' }, 'from'],
  ])('availability: %s is a 400 with its field', async (_name, query, field) => {
    const therapistId = await createTherapist();
    const r = await invoke('getAvailability', availabilityHandler, { pathParameters: { therapistId }, query: { sessionTypeId: 'individual-50', ...query } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  test('a range of exactly 62 days is fine', async () => {
    const therapistId = await createTherapist();
    const r = await invoke('getAvailability', availabilityHandler, { pathParameters: { therapistId }, query: { sessionTypeId: 'individual-50', from: '2026-12-02', to: '2027-02-01' } });
    expect(r.status).toBe(200);
    expect(r.json.days.length).toBeGreaterThan(50);
  });
});
