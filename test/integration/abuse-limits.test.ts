import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as cancelHandler } from '../../functions/http/cancel-booking';
import { handler as declineHandler } from '../../functions/http/decline-my-booking';
import { handler as putSettingsHandler } from '../../functions/http/put-settings';
import { handler as rescheduleHandler } from '../../functions/http/reschedule-booking';
import { handler as verifyHandler } from '../../functions/http/verify-booking';
import { issueVerifyToken } from '../../shared/tokens/verify-token';
import { dependencies } from '../../shared/runtime/dependencies';
import { claimsFor, invoke } from '../support/lambda-invoke';
import { client, createTherapist, ownPracticeForFile, putSettings, tableItems, TestClock } from '../support/practice-fixture';

/**
 * Issue 17's abuse limits against DynamoDB Local, in a practice of this file's own with low limits:
 * 3 bookings per source per hour, 2 active bookings per client per therapist, 2 verification emails
 * per address per day. The clock is the test's, so windows pass when the test moves it.
 */
const NOW = '2026-12-01T06:20:00Z';
const clock = new TestClock(new Date(NOW));
const LIMITS = { bookingsPerSourcePerHour: 3, activeBookingsPerClient: 2, verificationEmailsPerAddressPerDay: 2 };
ownPracticeForFile(clock, NOW, { verifyClientEmail: 'off', limits: LIMITS });
afterEach(async () => {
  await putSettings({ verifyClientEmail: 'off', limits: LIMITS });
});

let ip = 0;
/** Each test books from addresses of its own, so their hourly counts never meet. */
const freshIp = () => `203.0.113.${++ip}`;

/** 09:00, 10:00, … on 2 December in Berlin: slots of the fixture's schedule (50 minutes + 10 of buffer). */
const at = (hour: number, day = 2) => `2026-12-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+01:00`;

const book = (therapistId: string, start: string, c: { name: string; email: string }, sourceIp: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'Europe/Berlin', clients: [c], policyAccepted: true, ...extra },
    headers,
    sourceIp,
  });

/** Every item but the counters' own: a refused booking must leave these exactly as they were. */
const snapshot = async () => JSON.stringify((await tableItems()).sort((a, b) => `${a.PK}${a.SK}`.localeCompare(`${b.PK}${b.SK}`)));

function expectLimited(r: { status: number; json: any; headers: Record<string, string | string[]> }, retryAfter: number) {
  expect(r.status).toBe(429);
  expect(r.json).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  expect(r.headers['retry-after']).toBe(String(retryAfter));
}

describe('bookings per source address per hour', () => {
  test('the fourth booking of an hour from one address is 429 with Retry-After to the end of the hour, writes nothing, and the next hour is open again', async () => {
    const therapistId = await createTherapist();
    const source = freshIp();
    for (const [i, hour] of [9, 10, 11].entries()) expect((await book(therapistId, at(hour), client(100 + i), source)).status).toBe(201);
    const before = await snapshot();
    // 06:20 UTC: the window ends at 07:00, 40 minutes on.
    expectLimited(await book(therapistId, at(12), client(103), source), 40 * 60);
    expect(await snapshot()).toBe(before);
    // Another address is not held back by this one.
    expect((await book(therapistId, at(12), client(103), freshIp())).status).toBe(201);
    clock.set('2026-12-01T07:00:00Z');
    expect((await book(therapistId, at(13), client(104), source)).status).toBe(201);
  });

  test('the table holds no source address: the counter is keyed by a keyed hash', async () => {
    const therapistId = await createTherapist();
    const source = freshIp();
    expect((await book(therapistId, at(9), client(110), source)).status).toBe(201);
    const text = JSON.stringify(await tableItems());
    expect(text).not.toContain(source);
    const counters = (await tableItems()).filter((i) => i.type === 'rateCounter');
    expect(counters.length).toBeGreaterThan(0);
    for (const c of counters) expect(c.PK).toMatch(/^RATE#source#[0-9a-f]{64}$/);
  });

  test('a retry with the same Idempotency-Key, repeated past the limit, answers the first booking and counts once', async () => {
    const therapistId = await createTherapist();
    const source = freshIp();
    const first = await book(therapistId, at(9), client(120), source, {}, { 'Idempotency-Key': 'retry-key-1' });
    expect(first.status).toBe(201);
    for (let n = 0; n < 5; n++) {
      const again = await book(therapistId, at(9), client(120), source, {}, { 'Idempotency-Key': 'retry-key-1' });
      expect(again.status).toBe(201);
      expect(again.json.booking.id).toBe(first.json.booking.id);
    }
    // Counted once: two more fit in the hour, a third does not.
    expect((await book(therapistId, at(10), client(121), source)).status).toBe(201);
    expect((await book(therapistId, at(11), client(122), source)).status).toBe(201);
    expect((await book(therapistId, at(12), client(123), source)).status).toBe(429);
  });

  test("a client's series request counts once against its source, however many weeks it books", async () => {
    const therapistId = await createTherapist({}, [{ id: 'individual-50', name: 'Individual', kind: 'individual', durationMinutes: 50, modality: 'telehealth', repeat: { everyWeeks: [1], maxCount: 6 } }]);
    const source = freshIp();
    const series = await book(therapistId, at(9), client(140), source, { repeat: { everyWeeks: 1, count: 4 } });
    expect(series.status).toBe(201);
    expect(series.json.series.occurrences.filter((o: { status: string }) => o.status === 'booked')).toHaveLength(4);
    expect((await book(therapistId, at(10), client(141), source)).status).toBe(201);
    expect((await book(therapistId, at(11), client(142), source)).status).toBe(201);
    expect((await book(therapistId, at(12), client(143), source)).status).toBe(429);
  });

  test('a refused booking (slot taken) counts nothing', async () => {
    const therapistId = await createTherapist();
    const source = freshIp();
    expect((await book(therapistId, at(9), client(130), freshIp())).status).toBe(201);
    for (let n = 0; n < 4; n++) expect((await book(therapistId, at(9), client(131), source)).status).toBe(409);
    for (const hour of [10, 11, 12]) expect((await book(therapistId, at(hour), client(131 + hour), source)).status).toBe(201);
  });
});

describe('active future bookings per client address per therapist', () => {
  test('a third upcoming booking of one address is 429 until one is cancelled; another therapist is counted apart', async () => {
    const therapistId = await createTherapist();
    const me = client(200);
    const a = await book(therapistId, at(9), me, freshIp());
    expect((await book(therapistId, at(10), { ...me, email: me.email.toUpperCase() }, freshIp())).status).toBe(201);
    const before = await snapshot();
    // Retry-After: until the first of them begins (09:00 Berlin on the 2nd is 08:00 UTC, 25 h 40 min on).
    expectLimited(await book(therapistId, at(11), me, freshIp()), (25 * 60 + 40) * 60);
    expect(await snapshot()).toBe(before);
    expect((await book(await createTherapist(), at(11), me, freshIp())).status).toBe(201);

    const cancel = await invoke('cancelBooking', cancelHandler, { pathParameters: { bookingId: a.json.booking.id }, headers: { authorization: `Bearer ${a.json.manageToken}` }, body: {} });
    expect(cancel.status).toBe(200);
    expect((await book(therapistId, at(11), me, freshIp())).status).toBe(201);
    // The item keeps ids and times only: no address, no name.
    const item = (await tableItems()).filter((i) => i.type === 'activeBookings');
    expect(JSON.stringify(item)).not.toMatch(/client200|Client 200/i);
  });

  test('two bookings racing for the last place of one address: exactly one is booked, the other is 429', async () => {
    const therapistId = await createTherapist();
    const me = client(205);
    expect((await book(therapistId, at(9), me, freshIp())).status).toBe(201);
    const answers = await Promise.all([10, 11, 12, 13].map((hour) => book(therapistId, at(hour), me, freshIp())));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 429, 429, 429]);
    const mine = (await tableItems()).filter((i) => i.type === 'booking' && i.therapistId === therapistId);
    expect(mine).toHaveLength(2);
  });

  test('a booking whose start has passed no longer counts', async () => {
    const therapistId = await createTherapist();
    const me = client(210);
    expect((await book(therapistId, at(9), me, freshIp())).status).toBe(201);
    expect((await book(therapistId, at(9, 3), me, freshIp())).status).toBe(201);
    expect((await book(therapistId, at(10, 3), me, freshIp())).status).toBe(429);
    clock.set('2026-12-02T08:00:00Z'); // the first one begins
    expect((await book(therapistId, at(10, 3), me, freshIp())).status).toBe(201);
  });

  test('a declined request frees its place', async () => {
    await putSettings({ verifyClientEmail: 'off' });
    const therapistId = await createTherapist({}, [{ id: 'individual-50', name: 'Individual', kind: 'individual', durationMinutes: 50, modality: 'telehealth', approval: 'always' }]);
    const me = client(220);
    const first = await book(therapistId, at(9), me, freshIp());
    expect(first.json.booking.status).toBe('requested');
    expect((await book(therapistId, at(10), me, freshIp())).status).toBe(201);
    expect((await book(therapistId, at(11), me, freshIp())).status).toBe(429);
    const declined = await invoke('declineMyBooking', declineHandler, { pathParameters: { bookingId: first.json.booking.id }, claims: claimsFor(therapistId), body: {} });
    expect(declined.status).toBe(200);
    expect((await book(therapistId, at(11), me, freshIp())).status).toBe(201);
  });
});

describe('active bookings as they change', () => {
  test('a verified booking keeps counting after its hold would have ended; a rescheduled one counts at its new time', async () => {
    await putSettings({ verifyClientEmail: 'always', verificationMinutes: 30 });
    const therapistId = await createTherapist();
    const me = client(230);
    const held = await book(therapistId, at(9), me, freshIp());
    expect(held.json.booking.status).toBe('pending_verification');
    const verify = await invoke('verifyBooking', verifyHandler, {
      pathParameters: { bookingId: held.json.booking.id },
      headers: { authorization: `Bearer ${issueVerifyToken(dependencies().config.manageTokenSecret, held.json.booking.id, 0)}` },
    });
    expect(verify.json.booking.status).toBe('confirmed');
    await putSettings({ verifyClientEmail: 'off' });
    const second = await book(therapistId, at(10), me, freshIp());
    expect(second.status).toBe(201);
    clock.set('2026-12-01T07:00:00Z'); // past the 30-minute hold the first booking had
    expect((await book(therapistId, at(11), me, freshIp())).status).toBe(429);
    // Moved to the 3rd: the refusal now waits for the other booking, on the 2nd at 10:00 Berlin (09:00 UTC, 26 h on).
    const moved = await invoke('rescheduleBooking', rescheduleHandler, {
      pathParameters: { bookingId: held.json.booking.id }, headers: { authorization: `Bearer ${verify.json.manageToken}` }, body: { start: at(9, 3) },
    });
    expect(moved.status).toBe(200);
    expectLimited(await book(therapistId, at(11), me, freshIp()), 26 * 3600);
  });
});

describe('verification emails per address per day', () => {
  test('a third verification email to one address in a UTC day is 429 with Retry-After to midnight, and the next day is open', async () => {
    await putSettings({ verifyClientEmail: 'always', limits: { ...LIMITS, activeBookingsPerClient: 100 } });
    const therapistId = await createTherapist();
    const me = client(300);
    for (const hour of [9, 10]) expect((await book(therapistId, at(hour), me, freshIp())).json.booking.status).toBe('pending_verification');
    const before = await snapshot();
    // 06:20 UTC: 17 h 40 min to midnight.
    expectLimited(await book(therapistId, at(11), me, freshIp()), (17 * 60 + 40) * 60);
    expect(await snapshot()).toBe(before);
    expect((await book(therapistId, at(11), client(301), freshIp())).status).toBe(201);
    clock.set('2026-12-02T00:00:00Z');
    expect((await book(therapistId, at(12, 3), me, freshIp())).status).toBe(201);
  });
});

describe('the honeypot and the time to submit', () => {
  test('a filled honeypot or a form sent in under 2 s is answered like a real unverified booking, and nothing is written', async () => {
    await putSettings({ verifyClientEmail: 'always' });
    const therapistId = await createTherapist();
    const real = await book(therapistId, at(9), client(400), freshIp(), { formMs: 9000, website: '' });
    expect(real.status).toBe(201);
    const before = await snapshot();
    for (const extra of [{ website: 'https://spam.example', formMs: 9000 }, { formMs: 300 }, { website: 'x' }]) {
      const decoy = await book(therapistId, at(10), client(401), freshIp(), extra);
      expect(decoy.status).toBe(201);
      expect(Object.keys(decoy.json).sort()).toEqual(Object.keys(real.json).sort());
      expect(Object.keys(decoy.json.booking).sort()).toEqual(Object.keys(real.json.booking).sort());
      expect(decoy.json.booking).toMatchObject({ status: 'pending_verification', awaitingVerification: 1, holdUntil: real.json.booking.holdUntil, start: at(10) });
      expect(decoy.json.manageToken.length).toBe(real.json.manageToken.length);
      expect(decoy.headers['retry-after']).toBeUndefined();
      expect(await snapshot()).toBe(before);
    }
    // The slot the decoys "booked" is still free.
    expect((await book(therapistId, at(10), client(402), freshIp(), { formMs: 2000 })).status).toBe(201);
  });

  test('a bad formMs is a 400 that changes nothing', async () => {
    const therapistId = await createTherapist();
    const before = await snapshot();
    const r = await book(therapistId, at(9), client(410), freshIp(), { formMs: -1 });
    expect(r.status).toBe(400);
    expect(r.json.error.fields[0].path).toBe('formMs');
    expect(await snapshot()).toBe(before);
  });
});

describe('PUT /v1/admin/settings with some of the limits', () => {
  test('the limits left out keep their values', async () => {
    const r = await invoke('putSettings', putSettingsHandler, { claims: claimsFor('the-admin', 'admin'), body: { limits: { activeBookingsPerClient: 7 } } });
    expect(r.status).toBe(200);
    expect(r.json.settings.limits).toEqual({ ...LIMITS, activeBookingsPerClient: 7 });
    expect((await dependencies().settings.get()).limits).toEqual({ ...LIMITS, activeBookingsPerClient: 7 });
    const bad = await invoke('putSettings', putSettingsHandler, { claims: claimsFor('the-admin', 'admin'), body: { limits: { bookingsPerSourcePerHour: 0 } } });
    expect(bad.status).toBe(400);
    expect((await dependencies().settings.get()).limits).toEqual({ ...LIMITS, activeBookingsPerClient: 7 });
  });
});
