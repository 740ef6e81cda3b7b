import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { keys } from '../../shared/store/table-schema';
import { claimsFor } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

/*
 * Issue 14's API surface around the rules: a session type's audience and approval through the
 * therapist API (the public listing shows the audience, never the approval), the verification
 * settings through the admin API, and the therapist's list filtered by status as bookings stand now.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));
beforeEach(() => clock.set('2026-12-01T06:00:00Z'));
afterEach(backToSharedPractice);

const TYPE = { name: 'Consultation', kind: 'individual', durationMinutes: 15, modality: 'telehealth' } as const;
const publicTypes = async (therapistId: string) =>
  ((await call('listTherapists')).json.therapists as Array<{ id: string; sessionTypes: Array<Record<string, unknown>> }>).find((t) => t.id === therapistId)!.sessionTypes;

describe('session types: audience and approval', () => {
  test('created, listed, changed and cleared; the public listing shows the audience and not the approval', async () => {
    const id = await createTherapist();
    const me = claimsFor(id);
    const created = await call('createSessionType', { claims: me, body: { ...TYPE, id: 'consult-15', audience: 'new_clients', approval: 'none' } });
    expect(created.status).toBe(201);
    expect(created.json.sessionType).toMatchObject({ id: 'consult-15', audience: 'new_clients', approval: 'none' });
    const mine = async () => ((await call('listSessionTypes', { claims: me })).json.sessionTypes as Array<Record<string, unknown>>).find((s) => s.id === 'consult-15')!;
    expect(await mine()).toMatchObject({ audience: 'new_clients' });
    expect((await publicTypes(id)).find((s) => s.id === 'consult-15')).toEqual({ ...TYPE, id: 'consult-15', audience: 'new_clients' });

    const changed = await call('updateSessionType', { claims: me, pathParameters: { id: 'consult-15' }, body: { ...TYPE, audience: 'existing_clients', approval: 'always' } });
    expect(changed.status).toBe(200);
    expect(await mine()).toMatchObject({ audience: 'existing_clients', approval: 'always' });
    const listed = (await publicTypes(id)).find((s) => s.id === 'consult-15')!;
    expect(listed.audience).toBe('existing_clients');
    expect(listed).not.toHaveProperty('approval');
    // The rules as the booking path reads them (the therapist's configuration).
    const stored = (await dependencies().therapists.loadConfiguration(id)).sessionTypes.find((s) => s.id === 'consult-15');
    expect(stored).toMatchObject({ audience: 'existing_clients', approval: 'always' });

    // A PUT is the whole type: without them, everyone may book and nobody approves.
    await call('updateSessionType', { claims: me, pathParameters: { id: 'consult-15' }, body: TYPE });
    const cleared = await mine();
    expect(cleared).not.toHaveProperty('audience');
    expect(cleared).not.toHaveProperty('approval');
    // Types from before the feature (the fixture's) have neither.
    expect((await publicTypes(id)).find((s) => s.id === 'individual-50')).not.toHaveProperty('audience');
  });

  test.each([
    [{ audience: 'friends' }, ['audience']],
    [{ approval: 'sometimes' }, ['approval']],
    [{ audience: true, approval: 1 }, ['audience', 'approval']],
  ])('an unknown audience or approval is a 400 naming the field, and changes nothing: %j', async (change, fields) => {
    const id = await createTherapist();
    const me = claimsFor(id);
    const before = await tableItems();
    const created = await call('createSessionType', { claims: me, body: { ...TYPE, id: 'consult-15', ...change } });
    expect(created.status).toBe(400);
    expect(created.json.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(fields));
    const updated = await call('updateSessionType', { claims: me, pathParameters: { id: 'individual-50' }, body: { ...TYPE, ...change } });
    expect(updated.status).toBe(400);
    expect((await tableItems()).filter((i) => i.PK === keys.therapist(id).PK)).toEqual(before.filter((i) => i.PK === keys.therapist(id).PK));
  });
});

describe('practice settings: verification and requests', () => {
  const admin = claimsFor('the-admin', 'admin');

  test('an admin reads and changes them; a partial PUT keeps the rest', async () => {
    await useOwnPractice();
    const before = (await call('getSettings', { claims: admin })).json.settings;
    expect(before).toMatchObject({ verifyClientEmail: 'off', verificationMinutes: 30, requestHoldHours: 48 }); // the tests' deployed defaults
    const put = await call('putSettings', { claims: admin, body: { verifyClientEmail: 'always', verificationMinutes: 45 } });
    expect(put.status).toBe(200);
    expect(put.json.settings).toEqual({ ...before, verifyClientEmail: 'always', verificationMinutes: 45 });
    const more = await call('putSettings', { claims: admin, body: { requestHoldHours: 720, verificationMinutes: 5 } });
    expect(more.json.settings).toEqual({ ...before, verifyClientEmail: 'always', verificationMinutes: 5, requestHoldHours: 720 });
    expect((await call('getSettings', { claims: admin })).json.settings).toEqual(more.json.settings);
  });

  test.each([
    [{ verifyClientEmail: 'sometimes' }, ['verifyClientEmail']],
    [{ verifyClientEmail: false }, ['verifyClientEmail']],
    [{ verificationMinutes: 4 }, ['verificationMinutes']],
    [{ verificationMinutes: 1441 }, ['verificationMinutes']],
    [{ verificationMinutes: 12.5 }, ['verificationMinutes']],
    [{ verificationMinutes: '30' }, ['verificationMinutes']],
    [{ requestHoldHours: 0 }, ['requestHoldHours']],
    [{ requestHoldHours: 721 }, ['requestHoldHours']],
    [{ verificationMinutes: 0, requestHoldHours: -1 }, ['verificationMinutes', 'requestHoldHours']],
  ])('an invalid value is a 400 naming the field, and nothing changes: %j', async (change, fields) => {
    await useOwnPractice();
    const before = (await call('getSettings', { claims: admin })).json.settings;
    const bad = await call('putSettings', { claims: admin, body: { ...change, practiceName: 'Not saved' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(fields));
    expect((await call('getSettings', { claims: admin })).json.settings).toEqual(before);
  });

  test('a therapist may not change them', async () => {
    await useOwnPractice();
    const r = await call('putSettings', { claims: claimsFor(await createTherapist()), body: { verifyClientEmail: 'off' } });
    expect(r.status).toBe(403);
  });
});

describe("the therapist's bookings by status", () => {
  /** A booking made through the API, then stored as a held booking is (the write path of issue 14 builds these). */
  async function booked(therapistId: string, start: string, held?: { status: 'requested' | 'pending_verification'; holdUntil: string }) {
    const r = await call('createBooking', { body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true } });
    expect(r.status).toBe(201);
    const id = r.json.booking.id as string;
    if (held) {
      await dependencies().db.send(new UpdateCommand({
        TableName: dependencies().config.tableName, Key: keys.booking(id),
        UpdateExpression: 'SET #status = :status, holdUntil = :until, verified = :verified',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': held.status, ':until': held.holdUntil, ':verified': [held.status === 'requested'] },
      }));
    }
    return id;
  }

  test('one status or several, as each booking stands now: a hold past its end is expired', async () => {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    const confirmed = await booked(therapistId, '2026-12-02T09:00:00+01:00');
    const cancelled = await booked(therapistId, '2026-12-02T10:00:00+01:00');
    expect((await call('cancelMyBooking', { claims: me, pathParameters: { bookingId: cancelled }, body: {} })).status).toBe(200);
    const requested = await booked(therapistId, '2026-12-02T11:00:00+01:00', { status: 'requested', holdUntil: '2026-12-03T06:00:00.000Z' });
    const lapsed = await booked(therapistId, '2026-12-02T12:00:00+01:00', { status: 'requested', holdUntil: '2026-12-01T06:00:00.000Z' });
    const pending = await booked(therapistId, '2026-12-02T13:00:00+01:00', { status: 'pending_verification', holdUntil: '2026-12-01T06:30:00.000Z' });
    const list = async (status?: string) => {
      const r = await call('listMyBookings', { claims: me, query: status === undefined ? {} : { status } });
      expect(r.status).toBe(200);
      return (r.json.bookings as Array<{ id: string; status: string }>).map((b) => [b.id, b.status]);
    };
    expect(await list('requested')).toEqual([[requested, 'requested']]);
    expect(await list('pending_verification,requested')).toEqual([[requested, 'requested'], [pending, 'pending_verification']]);
    expect(await list('expired')).toEqual([[lapsed, 'expired']]);
    expect(await list('confirmed,cancelled')).toEqual([[confirmed, 'confirmed'], [cancelled, 'cancelled']]);
    expect(await list('declined')).toEqual([]);
    expect(await list()).toEqual([[confirmed, 'confirmed'], [cancelled, 'cancelled'], [requested, 'requested'], [lapsed, 'expired'], [pending, 'pending_verification']]);
    // The exact minute: at its holdUntil the pending hold reads expired.
    clock.set('2026-12-01T06:30:00Z');
    expect(await list('pending_verification')).toEqual([]);
    expect(await list('expired')).toEqual([[lapsed, 'expired'], [pending, 'expired']]);
  });

  test('asked by status, the list reaches a year ahead: a request two months out is still waiting', async () => {
    const therapistId = await createTherapist({ horizonDays: 90 });
    const me = claimsFor(therapistId);
    const far = await booked(therapistId, '2027-01-28T09:00:00+01:00', { status: 'requested', holdUntil: '2026-12-03T06:00:00.000Z' });
    const ids = async (query: Record<string, string>) => ((await call('listMyBookings', { claims: me, query })).json.bookings as Array<{ id: string }>).map((b) => b.id);
    expect(await ids({ status: 'requested' })).toEqual([far]);
    expect(await ids({})).toEqual([]); // the week view's default: 30 days
    expect(await ids({ status: 'requested', to: '2026-12-31' })).toEqual([]);
  });

  test.each(['bogus', 'requested,', ',requested', 'REQUESTED', 'requested;confirmed', 'requested, confirmed', ''])('status=%j is a 400 naming the field', async (status) => {
    const r = await call('listMyBookings', { claims: claimsFor(await createTherapist()), query: { status } });
    expect(r.status).toBe(400);
    expect(r.json.error.fields.map((f: { path: string }) => f.path)).toEqual(['status']);
  });
});
