import { handler as approveHandler } from '../../functions/http/approve-my-booking';
import { handler as cancelHandler } from '../../functions/http/cancel-booking';
import { handler as rescheduleHandler } from '../../functions/http/reschedule-booking';
import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as declineHandler } from '../../functions/http/decline-my-booking';
import { handler as getHandler } from '../../functions/http/get-booking';
import { handler as verifyHandler } from '../../functions/http/verify-booking';
import { handler as expireHolds } from '../../functions/scheduled/expire-holds';
import { approveRequest, expireHold } from '../../shared/booking/hold-service';
import type { SessionType, Therapist } from '../../shared/domain/therapist';
import { dependencies } from '../../shared/runtime/dependencies';
import { issueClientManageToken } from '../../shared/tokens/manage-token';
import { issueVerifyToken } from '../../shared/tokens/verify-token';
import { claimsFor, invoke } from '../support/lambda-invoke';
import { client, COUPLES, createTherapist, INDIVIDUAL, ownPracticeForFile, putSettings, tableItems, TestClock } from '../support/practice-fixture';
import { bookingStreamChanges } from '../support/stream-records';

// Verification is a practice setting: this file's practice lives in a table of its own.
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
ownPracticeForFile(clock, '2026-12-01T06:00:00Z', { verifyClientEmail: 'always', verificationMinutes: 30, requestHoldHours: 48 });

const START = '2026-12-02T09:00:00+01:00';
const consultation: SessionType = { ...INDIVIDUAL, id: 'consultation-15', name: 'Consultation', durationMinutes: 15, audience: 'new_clients' };
const existingOnly: SessionType = { ...INDIVIDUAL, id: 'ongoing-50', name: 'Ongoing', audience: 'existing_clients' };
const approvalForNew: SessionType = { ...INDIVIDUAL, id: 'first-50', name: 'First session', approval: 'new_clients' };
const byApproval: SessionType = { ...COUPLES, id: 'couples-approved', name: 'Couples by approval', approval: 'always' };
const TYPES = [INDIVIDUAL, COUPLES, consultation, existingOnly, approvalForNew, byApproval];

const LATER = '2026-12-02T11:00:00+01:00';
async function book(therapistId: string, options: { sessionTypeId?: string; clients?: ReturnType<typeof client>[]; headers?: Record<string, string>; start?: string } = {}) {
  const r = await invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: options.sessionTypeId ?? 'individual-50', start: options.start ?? START, timeZone: 'Europe/Berlin', clients: options.clients ?? [client(1)], policyAccepted: true },
    headers: options.headers ?? {},
  });
  expect(r.status).toBe(201);
  return r.json as { booking: { id: string; status: string }; manageToken: string; manageTokens: string[] };
}

const ownToken = (bookingId: string, i = 0) => issueClientManageToken(dependencies().config.manageTokenSecret, bookingId, i);
const verifyToken = (bookingId: string, i = 0) => issueVerifyToken(dependencies().config.manageTokenSecret, bookingId, i);
const verify = (bookingId: string, token: string, how: 'bearer' | 'query' = 'bearer') =>
  invoke('verifyBooking', verifyHandler, {
    pathParameters: { bookingId },
    ...(how === 'bearer' ? { headers: { authorization: `Bearer ${token}` } } : { query: { token } }),
  });
const approve = (therapistId: string, bookingId: string) => invoke('approveMyBooking', approveHandler, { pathParameters: { bookingId }, claims: claimsFor(therapistId) });
const decline = (therapistId: string, bookingId: string, reason?: string) =>
  invoke('declineMyBooking', declineHandler, { pathParameters: { bookingId }, claims: claimsFor(therapistId), body: reason ? { reason } : {} });

const stored = async (id: string) => (await tableItems()).find((i) => i.type === 'booking' && i.id === id)!;
const holdOf = async (id: string) => (await tableItems()).find((i) => i.type === 'hold' && i.bookingId === id);
const entriesOf = async (therapistId: string) => (await tableItems()).filter((i) => i.type === 'day' && i.PK === `THERAPIST#${therapistId}`).flatMap((d) => d.entries);

describe('POST /v1/bookings/{id}/verify', () => {
  test('the emailed token confirms the booking: the hold becomes a plain booking and the answer carries the verifier\'s manage token', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking, manageTokens } = await book(therapistId);
    const r = await verify(booking.id, verifyToken(booking.id));
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ booking: expect.objectContaining({ id: booking.id, status: 'confirmed' }), manageToken: ownToken(booking.id), alreadyVerified: false });
    // The POST answer's token was provisional: never the client's own link (decision 91).
    expect(manageTokens[0]).toMatch(/^p1\./);
    expect(r.json.booking.holdUntil).toBeUndefined();
    expect(await stored(booking.id)).toMatchObject({ status: 'confirmed', verified: [true], verifiedAt: '2026-12-01T06:00:00.000Z', sequence: 1 });
    expect((await stored(booking.id)).holdUntil).toBeUndefined();
    expect(await entriesOf(therapistId)).toEqual([{ bookingId: booking.id, start: expect.any(String), end: expect.any(String) }]);
    expect(await holdOf(booking.id)).toBeUndefined();
    // Confirmed: it no longer ends with the hold.
    clock.set('2026-12-01T07:00:00Z');
    const read = await invoke('getBooking', getHandler, { pathParameters: { bookingId: booking.id }, headers: { authorization: `Bearer ${r.json.manageToken}` } });
    expect(read.json.booking.status).toBe('confirmed');

    const again = await verify(booking.id, verifyToken(booking.id), 'query');
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ alreadyVerified: true, booking: { status: 'confirmed' } });
    expect((await stored(booking.id)).sequence).toBe(1);
  });

  test('a couples booking waits for both partners, each with their own link', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking, manageTokens } = await book(therapistId, { sessionTypeId: COUPLES.id, clients: [client(1), client(2)] });
    const first = await verify(booking.id, verifyToken(booking.id, 1));
    expect(first.status).toBe(200);
    expect(first.json.booking).toMatchObject({ status: 'pending_verification', awaitingVerification: 1, holdUntil: '2026-12-01T06:30:00.000Z' });
    expect(first.json.manageToken).toBe(ownToken(booking.id, 1));
    expect(manageTokens.every((t) => t.startsWith('p1.'))).toBe(true);
    expect(first.json.alreadyVerified).toBe(false);
    // The verifier sees their own details, the partner by first name only.
    expect(first.json.booking.clients).toEqual([{ name: 'Client' }, { name: 'Client 2', email: 'client2@example.test' }]);
    expect(await stored(booking.id)).toMatchObject({ status: 'pending_verification', verified: [false, true], sequence: 1 });
    const twice = await verify(booking.id, verifyToken(booking.id, 1));
    expect(twice.json).toMatchObject({ alreadyVerified: true, booking: { status: 'pending_verification', awaitingVerification: 1 } });

    const second = await verify(booking.id, verifyToken(booking.id, 0));
    expect(second.json).toMatchObject({ alreadyVerified: false, booking: { status: 'confirmed' } });
    expect(await stored(booking.id)).toMatchObject({ status: 'confirmed', verified: [true, true], sequence: 2 });
  });

  test('a verify after the hold ended (the sweep not yet run) is 409 request_expired and changes nothing', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking } = await book(therapistId);
    clock.set('2026-12-01T06:30:00Z');
    const before = await tableItems();
    const r = await verify(booking.id, verifyToken(booking.id));
    expect(r.status).toBe(409);
    expect(r.json.error).toEqual({ code: 'request_expired', message: 'This request has expired and the time is free again. Please book again.' });
    expect(await tableItems()).toEqual(before);
  });

  test('a bad, foreign or tampered token is 403 and changes nothing; a manage token is no verify token', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking, manageToken } = await book(therapistId);
    const other = await book(await createTherapist({}, TYPES), { clients: [client(5)] });
    const before = await tableItems();
    const token = verifyToken(booking.id);
    for (const bad of [manageToken, 'v1.nonsense.x', `${token.slice(0, -2)}AA`, verifyToken(other.booking.id), verifyToken(booking.id, 1)]) {
      const r = await verify(booking.id, bad);
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('forbidden');
    }
    const none = await invoke('verifyBooking', verifyHandler, { pathParameters: { bookingId: booking.id } });
    expect(none.status).toBe(403);
    expect(await tableItems()).toEqual(before);
  });

  test('20 concurrent verifies of one booking make exactly one transition: one stream change to confirmed', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking } = await book(therapistId);
    const token = verifyToken(booking.id);
    const results = await Promise.all(Array.from({ length: 20 }, () => verify(booking.id, token)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.filter((r) => r.json.alreadyVerified === false)).toHaveLength(1);
    expect(results.every((r) => r.json.booking.status === 'confirmed')).toBe(true);
    expect((await stored(booking.id)).sequence).toBe(1);
    const changes = await bookingStreamChanges(booking.id);
    expect(changes).toEqual([
      { eventName: 'INSERT', oldStatus: undefined, newStatus: 'pending_verification', sequence: 0 },
      { eventName: 'MODIFY', oldStatus: 'pending_verification', newStatus: 'confirmed', sequence: 1 },
    ]);
  });
});

describe('the rules, applied once every address is proven', () => {
  const seedHistory = (therapistId: string, email: string) => dependencies().clientHistory.record(therapistId, email, `past-${email}`, '2026-11-20T10:00:00.000Z');

  test('new clients only: a new address is confirmed; an existing one is declined by the rules, with the refusal in the view', async () => {
    const therapistId = await createTherapist({}, TYPES);
    await seedHistory(therapistId, client(2).email);
    const fresh = await book(therapistId, { sessionTypeId: consultation.id, clients: [client(1)] });
    const known = await book(therapistId, { sessionTypeId: consultation.id, clients: [client(2)], start: LATER });
    // Before verification the two answers are the same.
    expect(known.booking.status).toBe(fresh.booking.status);
    expect((await verify(fresh.booking.id, verifyToken(fresh.booking.id))).json.booking.status).toBe('confirmed');
    const refused = await verify(known.booking.id, verifyToken(known.booking.id));
    expect(refused.status).toBe(200);
    expect(refused.json.booking).toMatchObject({ status: 'declined', ruleRefusal: 'new_clients_only' });
    expect(await stored(known.booking.id)).toMatchObject({ status: 'declined', declinedBy: 'rules', ruleRefusal: 'new_clients_only', verified: [true] });
    expect(await holdOf(known.booking.id)).toBeUndefined();
    expect((await entriesOf(therapistId)).map((e) => e.bookingId)).toEqual([fresh.booking.id]);
    // A later click on a declined booking's link: a clear 409.
    const again = await verify(known.booking.id, verifyToken(known.booking.id));
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
  });

  test('existing clients only: the new address is declined, the existing one confirmed', async () => {
    const therapistId = await createTherapist({}, TYPES);
    await seedHistory(therapistId, client(2).email);
    const fresh = await book(therapistId, { sessionTypeId: existingOnly.id, clients: [client(1)] });
    expect((await verify(fresh.booking.id, verifyToken(fresh.booking.id))).json.booking).toMatchObject({ status: 'declined', ruleRefusal: 'existing_clients_only' });
    const known = await book(therapistId, { sessionTypeId: existingOnly.id, clients: [client(2)] });
    expect((await verify(known.booking.id, verifyToken(known.booking.id))).json.booking.status).toBe('confirmed');
  });

  test('approval for new clients: a new address becomes a request held for requestHoldHours, an existing one is confirmed', async () => {
    const therapistId = await createTherapist({}, TYPES);
    await seedHistory(therapistId, client(2).email);
    const fresh = await book(therapistId, { sessionTypeId: approvalForNew.id, clients: [client(1)] });
    clock.set('2026-12-01T06:10:00Z');
    const asked = await verify(fresh.booking.id, verifyToken(fresh.booking.id));
    // The request's hold ends at the session's start at the latest.
    expect(asked.json.booking).toMatchObject({ status: 'requested', holdUntil: '2026-12-02T08:00:00.000Z' });
    expect(await holdOf(fresh.booking.id)).toMatchObject({ GSI1PK: 'HOLDS#2026-12-02', holdUntil: '2026-12-02T08:00:00.000Z' });
    expect(await entriesOf(therapistId)).toEqual([expect.objectContaining({ bookingId: fresh.booking.id, holdUntil: '2026-12-02T08:00:00.000Z' })]);
    const known = await book(therapistId, { sessionTypeId: approvalForNew.id, clients: [client(2)], start: LATER });
    expect((await verify(known.booking.id, verifyToken(known.booking.id))).json.booking.status).toBe('confirmed');
  });
});

describe('the therapist approves or declines a request', () => {
  async function request(therapistId: string) {
    const { booking, manageTokens } = await book(therapistId, { sessionTypeId: byApproval.id, clients: [client(1), client(2)] });
    await verify(booking.id, verifyToken(booking.id, 0));
    const r = await verify(booking.id, verifyToken(booking.id, 1));
    expect(r.json.booking.status).toBe('requested');
    return { id: booking.id, manageTokens };
  }

  test('approve: confirmed, approvedAt set, the hold gone; approving again answers the same', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { id } = await request(therapistId);
    clock.set('2026-12-01T09:00:00Z');
    const r = await approve(therapistId, id);
    expect(r.status).toBe(200);
    expect(r.json.booking).toMatchObject({ id, status: 'confirmed' });
    expect(await stored(id)).toMatchObject({ status: 'confirmed', approvedAt: '2026-12-01T09:00:00.000Z', sequence: 3 });
    expect(await holdOf(id)).toBeUndefined();
    const again = await approve(therapistId, id);
    expect(again.status).toBe(200);
    expect(again.json.booking.status).toBe('confirmed');
    expect((await stored(id)).sequence).toBe(3);
    // Declining a confirmed booking is not how it ends: cancel it.
    expect((await decline(therapistId, id)).json.error.code).toBe('conflict');
  });

  test('decline: declined with the reason for the therapist, the time free; declining again answers the same', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { id } = await request(therapistId);
    const r = await decline(therapistId, id, 'Not a fit for my practice');
    expect(r.status).toBe(200);
    expect(r.json.booking).toMatchObject({ status: 'declined', declinedBy: 'therapist', declineReason: 'Not a fit for my practice' });
    expect(await entriesOf(therapistId)).toEqual([]);
    expect(await holdOf(id)).toBeUndefined();
    const again = await decline(therapistId, id);
    expect(again.status).toBe(200);
    expect((await stored(id)).sequence).toBe(3);
    expect((await approve(therapistId, id)).json.error.code).toBe('conflict');
  });

  test('after the request expired: approve and decline are 409 request_expired, before and after the sweep writes it', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { id } = await request(therapistId);
    clock.set('2026-12-02T08:00:00Z');
    for (const r of [await approve(therapistId, id), await decline(therapistId, id)]) {
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('request_expired');
    }
    expect((await stored(id)).status).toBe('requested'); // the sweep writes it; reads already know
    await expireHolds({} as never, {} as never);
    expect(await stored(id)).toMatchObject({ status: 'expired', expiredAt: '2026-12-02T08:00:00.000Z', sequence: 3 });
    expect(await entriesOf(therapistId)).toEqual([]);
    expect(await holdOf(id)).toBeUndefined();
    expect((await approve(therapistId, id)).json.error.code).toBe('request_expired');
  });

  test('the sweep and an approval racing: whichever commits first wins whole, the other decides again on what it wrote', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const me = { id: therapistId } as Therapist;
    const real = dependencies().bookings;
    const early = new TestClock(new Date('2026-12-02T07:59:00Z'));
    const late = new TestClock(new Date('2026-12-02T08:00:00Z'));
    // Between each one's read and its commit, the other one runs to its end.
    const interleaved = (first: () => Promise<unknown>) => {
      let ran = false;
      return Object.assign(Object.create(real) as typeof real, {
        commit: async (change: Parameters<typeof real.commit>[0]) => {
          if (!ran) await ((ran = true), first());
          return real.commit(change);
        },
      });
    };

    const lost = await request(therapistId);
    const approval = approveRequest({ ...dependencies(), clock: early, bookings: interleaved(() => expireHold({ bookings: real, clock: late }, lost.id)) }, me, lost.id, 'sub-approver');
    await expect(approval).rejects.toMatchObject({ code: 'request_expired' });
    expect(await stored(lost.id)).toMatchObject({ status: 'expired', sequence: 3 });
    expect(await entriesOf(therapistId)).toEqual([]);

    const won = await request(therapistId);
    const sweep = expireHold({ bookings: interleaved(() => approveRequest({ ...dependencies(), clock: early }, me, won.id, 'sub-approver')), clock: late }, won.id);
    await expect(sweep).resolves.toBe('not_held');
    expect(await stored(won.id)).toMatchObject({ status: 'confirmed', sequence: 3 });
    expect(await holdOf(won.id)).toBeUndefined();
    expect(await entriesOf(therapistId)).toEqual([expect.objectContaining({ bookingId: won.id })]);
    expect((await entriesOf(therapistId))[0].holdUntil).toBeUndefined();
  });

  test('a booking still pending verification: 409 verification_required; another therapist\'s: 404', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking } = await book(therapistId, { sessionTypeId: byApproval.id, clients: [client(1), client(2)] });
    for (const r of [await approve(therapistId, booking.id), await decline(therapistId, booking.id)]) {
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('verification_required');
    }
    const stranger = await createTherapist({}, TYPES);
    expect((await approve(stranger, booking.id)).status).toBe(404);
    expect((await decline(stranger, booking.id)).status).toBe(404);
  });
});

describe('cancel and reschedule of held bookings', () => {
  const cancel = (bookingId: string, token: string) =>
    invoke('cancelBooking', cancelHandler, { pathParameters: { bookingId }, headers: { authorization: `Bearer ${token}` }, body: {} });
  const move = (bookingId: string, token: string, start = LATER) =>
    invoke('rescheduleBooking', rescheduleHandler, { pathParameters: { bookingId }, headers: { authorization: `Bearer ${token}` }, body: { start } });

  test('a pending booking: its manage link views it and cancels it (time and hold released, never late), but cannot move it', async () => {
    const therapistId = await createTherapist({}, TYPES);
    await putSettings({ lateCancellationHours: 48, lateCancellationMode: 'refuse' });
    try {
      const { booking, manageToken } = await book(therapistId);
      const moved = await move(booking.id, manageToken);
      expect(moved.status).toBe(409);
      expect(moved.json.error.code).toBe('verification_required');
      expect((await stored(booking.id)).sequence).toBe(0);
      // Inside the 48-hour window in refuse mode, yet a request that booked nothing may always be withdrawn.
      const r = await cancel(booking.id, manageToken);
      expect(r.status).toBe(200);
      expect(r.json.booking.status).toBe('cancelled');
      expect(await stored(booking.id)).toMatchObject({ status: 'cancelled', sequence: 1 });
      expect((await stored(booking.id)).lateCancellation).toBeUndefined();
      expect(await entriesOf(therapistId)).toEqual([]);
      expect(await holdOf(booking.id)).toBeUndefined();
    } finally {
      await putSettings({ lateCancellationHours: 24, lateCancellationMode: 'flag' });
    }
  });

  test('a request cannot be moved but can be withdrawn', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking } = await book(therapistId, { sessionTypeId: byApproval.id, clients: [client(1), client(2)] });
    await verify(booking.id, verifyToken(booking.id, 0));
    const own = (await verify(booking.id, verifyToken(booking.id, 1))).json.manageToken as string;
    const moved = await move(booking.id, own);
    expect(moved.status).toBe(409);
    expect(moved.json.error.code).toBe('conflict');
    const r = await cancel(booking.id, own);
    expect(r.json.booking.status).toBe('cancelled');
    expect(await holdOf(booking.id)).toBeUndefined();
    expect(await entriesOf(therapistId)).toEqual([]);
  });

  test('an expired hold: cancel and reschedule are 409 request_expired and change nothing', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const { booking, manageToken } = await book(therapistId);
    clock.set('2026-12-01T06:30:00Z');
    const before = await tableItems();
    for (const r of [await cancel(booking.id, manageToken), await move(booking.id, manageToken)]) {
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('request_expired');
    }
    expect(await tableItems()).toEqual(before);
  });
});

describe('book again, and the repeat gate', () => {
  const weekly = { ...INDIVIDUAL, id: 'weekly-50', name: 'Weekly', repeat: { everyWeeks: [1], maxCount: 8 } } satisfies SessionType;
  const weeklyByApproval = { ...weekly, id: 'weekly-approved', approval: 'always' } satisfies SessionType;
  const weeklyForNew = { ...weekly, id: 'weekly-new', audience: 'new_clients' } satisfies SessionType;
  const series = (therapistId: string, sessionTypeId: string, headers: Record<string, string> = {}, i = 1) =>
    invoke('createBooking', createHandler, {
      body: { therapistId, sessionTypeId, start: '2026-12-03T09:00:00+01:00', timeZone: 'Europe/Berlin', clients: [client(i)], policyAccepted: true, repeat: { everyWeeks: 1, count: 3 } },
      headers,
    });
  async function verifiedToken(therapistId: string, i = 1) {
    const { booking } = await book(therapistId, { clients: [client(i)] });
    const verified = await verify(booking.id, verifyToken(booking.id));
    expect(verified.json.booking.status).toBe('confirmed');
    return verified.json.manageToken as string; // the client's own link, as their confirmation email carries it
  }

  test('the POST answer\'s provisional token: it opens the booking until the client verifies, then neither opens it nor proves the address, and a replay answers it again', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const first = await invoke('createBooking', createHandler, {
      body: { therapistId, sessionTypeId: 'individual-50', start: START, timeZone: 'Europe/Berlin', clients: [client(4)], policyAccepted: true },
      headers: { 'idempotency-key': `provisional-${therapistId}` },
    });
    const { booking, manageToken } = first.json as { booking: { id: string }; manageToken: string };
    const open = (token: string) => invoke('getBooking', getHandler, { pathParameters: { bookingId: booking.id }, headers: { authorization: `Bearer ${token}` } });
    expect((await open(manageToken)).json.booking.status).toBe('pending_verification');
    const verified = await verify(booking.id, verifyToken(booking.id));
    expect(verified.json.booking.status).toBe('confirmed');
    // Whoever typed the address kept this token: from now on it is refused, and proves nothing.
    const refused = await open(manageToken);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('forbidden');
    const withIt = await book(therapistId, { start: LATER, clients: [client(4)], headers: { authorization: `Bearer ${manageToken}` } });
    expect(withIt.booking.status).toBe('pending_verification');
    // The client's own link opens it and proves the address.
    expect((await open(verified.json.manageToken)).json.booking.status).toBe('confirmed');
    // A replay of the first request answers what the first answer said: the provisional token, not the client's own.
    const replay = await invoke('createBooking', createHandler, {
      body: { therapistId, sessionTypeId: 'individual-50', start: START, timeZone: 'Europe/Berlin', clients: [client(4)], policyAccepted: true },
      headers: { 'idempotency-key': `provisional-${therapistId}` },
    });
    expect(replay.json.manageToken).toBe(manageToken);
    expect(replay.json.manageTokens).toEqual([manageToken]);
  });

  test('a verified booking\'s manage token proves the address: booked again, it is confirmed at once with the flag', async () => {
    const therapistId = await createTherapist({}, TYPES);
    const token = await verifiedToken(therapistId);
    const again = await book(therapistId, { start: LATER, headers: { authorization: `Bearer ${token}` } });
    expect(again.booking.status).toBe('confirmed');
    expect(await stored(again.booking.id)).toMatchObject({ verified: [true], status: 'confirmed' });
    // The pending booking's own token proves nothing: booked with it, a booking still waits.
    const pending = await book(therapistId, { start: '2026-12-02T13:00:00+01:00', clients: [client(3)] });
    const withPending = await book(therapistId, { start: '2026-12-02T15:00:00+01:00', clients: [client(3)], headers: { authorization: `Bearer ${pending.manageToken}` } });
    expect(withPending.booking.status).toBe('pending_verification');
  });

  test('no proof: 409 verification_required and nothing written; with proof: the series is booked', async () => {
    const therapistId = await createTherapist({}, [...TYPES, weekly]);
    const before = await tableItems();
    const refused = await series(therapistId, weekly.id);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toEqual({ code: 'verification_required', message: expect.stringContaining('Book one session first') });
    expect(await tableItems()).toEqual(before);
    const token = await verifiedToken(therapistId);
    const booked = await series(therapistId, weekly.id, { authorization: `Bearer ${token}` });
    expect(booked.status).toBe(201);
    expect(booked.json.series.occurrences).toHaveLength(3);
  });

  test('proven, but the type needs approval or is for new clients only: 409 conflict', async () => {
    const therapistId = await createTherapist({}, [...TYPES, weeklyByApproval, weeklyForNew]);
    const token = await verifiedToken(therapistId);
    const approval = await series(therapistId, weeklyByApproval.id, { authorization: `Bearer ${token}` });
    expect(approval.status).toBe(409);
    expect(approval.json.error).toEqual({ code: 'conflict', message: expect.stringContaining("needs the practice's approval") });
    await dependencies().clientHistory.record(therapistId, client(1).email, 'past', '2026-11-20T10:00:00.000Z');
    const audience = await series(therapistId, weeklyForNew.id, { authorization: `Bearer ${token}` });
    expect(audience.status).toBe(409);
    expect(audience.json.error).toEqual({ code: 'conflict', message: expect.stringContaining('new clients only') });
  });
});
