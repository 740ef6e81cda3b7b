import { handler as availabilityHandler } from '../../functions/http/get-availability';
import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as getHandler } from '../../functions/http/get-booking';
import type { SessionType } from '../../shared/domain/therapist';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { invoke } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, COUPLES, createTherapist, INDIVIDUAL, putSettings, tableItems, TestClock } from '../support/practice-fixture';

// Verification is a practice setting: this file's practices live in tables of their own.
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
afterAll(() => resetDependencies());

const START = '2026-12-02T09:00:00+01:00';
const book = (therapistId: string, start = START, i = 1, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'Europe/Berlin', clients: [client(i)], policyAccepted: true, ...extra },
    headers,
  });

async function offered(therapistId: string, date = '2026-12-02', sessionTypeId = 'individual-50'): Promise<string[]> {
  const r = await invoke('getAvailability', availabilityHandler, {
    pathParameters: { therapistId },
    query: { sessionTypeId, from: date, to: date, timeZone: 'UTC' },
  });
  expect(r.status).toBe(200);
  return (r.json.days as { slots: { start: string }[] }[]).flatMap((d) => d.slots.map((s) => new Date(s.start).toISOString()));
}

const NINE_UTC = '2026-12-02T08:00:00.000Z';

describe('holds while addresses are verified', () => {
  beforeAll(async () => {
    await useOwnPractice();
    overrideDependencies({ clock });
    await putSettings({ verifyClientEmail: 'always', verificationMinutes: 30 });
  });
  afterAll(() => backToSharedPractice());
  beforeEach(() => clock.set('2026-12-01T06:00:00Z'));

  test('POST answers 201 pending_verification with the hold; the booking, its ledger entry and its hold item carry holdUntil', async () => {
    const therapistId = await createTherapist();
    const r = await book(therapistId);
    expect(r.status).toBe(201);
    expect(r.json.booking).toMatchObject({ status: 'pending_verification', holdUntil: '2026-12-01T06:30:00.000Z', awaitingVerification: 1 });
    expect(r.json.manageTokens).toHaveLength(1);
    const items = await tableItems();
    const id = r.json.booking.id as string;
    const stored = items.find((i) => i.type === 'booking' && i.id === id)!;
    expect(stored).toMatchObject({ status: 'pending_verification', holdUntil: '2026-12-01T06:30:00.000Z', verified: [false] });
    const entries = items.filter((i) => i.type === 'day' && i.PK === `THERAPIST#${therapistId}`).flatMap((d) => d.entries);
    expect(entries).toEqual([expect.objectContaining({ bookingId: id, holdUntil: '2026-12-01T06:30:00.000Z' })]);
    const hold = items.find((i) => i.type === 'hold' && i.bookingId === id)!;
    expect(hold).toMatchObject({ PK: `BOOKING#${id}`, SK: 'HOLD', GSI1PK: 'HOLDS#2026-12-01', GSI1SK: `2026-12-01T06:30:00.000Z#${id}`, therapistId });
  });

  test('a hold blocks a competing booking and is not offered', async () => {
    const therapistId = await createTherapist();
    expect((await book(therapistId, START, 1)).status).toBe(201);
    const competing = await book(therapistId, START, 2);
    expect(competing.status).toBe(409);
    expect(competing.json.error.code).toBe('slot_unavailable');
    expect(await offered(therapistId)).not.toContain(NINE_UTC);
  });

  test('the hold ends at the exact minute on the clock, before any sweep: offered and bookable at holdUntil, not a minute before', async () => {
    const therapistId = await createTherapist();
    const first = await book(therapistId, START, 1);
    const token = first.json.manageToken as string;
    clock.set('2026-12-01T06:29:00Z');
    expect(await offered(therapistId)).not.toContain(NINE_UTC);
    expect((await book(therapistId, START, 2)).status).toBe(409);
    const before = await invoke('getBooking', getHandler, { pathParameters: { bookingId: first.json.booking.id }, headers: { authorization: `Bearer ${token}` } });
    expect(before.json.booking.status).toBe('pending_verification');

    clock.set('2026-12-01T06:30:00Z');
    expect(await offered(therapistId)).toContain(NINE_UTC);
    const read = await invoke('getBooking', getHandler, { pathParameters: { bookingId: first.json.booking.id }, headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    expect(read.json.booking.status).toBe('expired');
    expect(read.json.booking.holdUntil).toBeUndefined();
    const second = await book(therapistId, START, 2);
    expect(second.status).toBe(201);
    expect(second.json.booking.status).toBe('pending_verification');
  });

  test('a hold counts toward maxSessionsPerDay', async () => {
    const therapistId = await createTherapist({ maxSessionsPerDay: 1 });
    expect((await book(therapistId, START, 1)).status).toBe(201);
    const later = await book(therapistId, '2026-12-02T14:00:00+01:00', 2);
    expect(later.status).toBe(409);
    expect(later.json.error.code).toBe('slot_unavailable');
    expect(await offered(therapistId)).toEqual([]);
  });

  test('a couples booking waits for both partners', async () => {
    const therapistId = await createTherapist();
    const r = await invoke('createBooking', createHandler, {
      body: { therapistId, sessionTypeId: COUPLES.id, start: START, timeZone: 'Europe/Berlin', clients: [client(1), client(2)], policyAccepted: true },
    });
    expect(r.status).toBe(201);
    expect(r.json.booking).toMatchObject({ status: 'pending_verification', awaitingVerification: 2 });
  });
});

describe('rules at booking time, when the practice does not verify', () => {
  const consultation: SessionType = { ...INDIVIDUAL, id: 'consultation-15', name: 'Consultation', durationMinutes: 15, audience: 'new_clients' };
  const byApproval: SessionType = { ...INDIVIDUAL, id: 'approved-50', name: 'By approval', approval: 'always' };
  beforeAll(async () => {
    await useOwnPractice();
    overrideDependencies({ clock });
    await putSettings({ verifyClientEmail: 'off', requestHoldHours: 48 });
  });
  afterAll(() => backToSharedPractice());
  beforeEach(() => clock.set('2026-12-01T06:00:00Z'));

  test('approval needed: 201 requested, held for requestHoldHours', async () => {
    const therapistId = await createTherapist({}, [INDIVIDUAL, byApproval]);
    const r = await book(therapistId, START, 1, { sessionTypeId: byApproval.id });
    expect(r.status).toBe(201);
    expect(r.json.booking).toMatchObject({ status: 'requested', holdUntil: '2026-12-03T06:00:00.000Z' });
    expect(r.json.booking.awaitingVerification).toBeUndefined();
    expect(await offered(therapistId)).not.toContain(NINE_UTC);
  });

  test('audience refused: 409 conflict that says who the type is for, and nothing is written', async () => {
    const therapistId = await createTherapist({}, [INDIVIDUAL, consultation]);
    await dependencies().clientHistory.record(therapistId, 'CLIENT1@example.test', 'earlier-booking', '2026-11-20T10:00:00.000Z');
    const before = await tableItems();
    const r = await book(therapistId, START, 1, { sessionTypeId: consultation.id });
    expect(r.status).toBe(409);
    expect(r.json.error).toEqual({ code: 'conflict', message: expect.stringContaining('new clients only') });
    expect(await tableItems()).toEqual(before);
    // A new address is welcome.
    const fresh = await book(therapistId, START, 2, { sessionTypeId: consultation.id });
    expect(fresh.status).toBe(201);
    expect(fresh.json.booking.status).toBe('confirmed');
  });

  test('no rules: confirmed at once, nothing held', async () => {
    const therapistId = await createTherapist();
    const r = await book(therapistId);
    expect(r.status).toBe(201);
    expect(r.json.booking.status).toBe('confirmed');
    expect(r.json.booking.holdUntil).toBeUndefined();
    const items = await tableItems();
    expect(items.some((i) => i.type === 'hold' && i.bookingId === r.json.booking.id)).toBe(false);
    expect(items.find((i) => i.type === 'booking' && i.id === r.json.booking.id)!.verified).toBeUndefined();
  });
});
