import { ROUTES } from '../../infra/routes';
import type { OperationId } from '../../shared/http/operations';
import { dependencies, overrideDependencies } from '../../shared/runtime/dependencies';
import { claimsFor } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));
afterEach(backToSharedPractice);

const weekdays = (intervals: { start: string; end: string }[]) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, intervals]));
const schedule = { timeZone: 'Europe/Berlin', weekly: weekdays([{ start: '09:00', end: '12:00' }]), bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 60, slotIntervalMinutes: 60 };

async function book(therapistId: string, start: string, sessionTypeId = 'individual-50') {
  const r = await call('createBooking', { body: { therapistId, sessionTypeId, start, timeZone: 'Europe/Berlin', clients: [client(1)], note: 'for the therapist', policyAccepted: true } });
  expect(r.status).toBe(201);
  return r.json.booking as { id: string };
}
const starts = async (therapistId: string, from: string, to: string) =>
  ((await call('getAvailability', { pathParameters: { therapistId }, query: { sessionTypeId: 'individual-50', from, to, timeZone: 'Europe/Berlin' } })).json.days as { slots: { start: string }[] }[])
    .flatMap((d) => d.slots.map((s) => s.start));

describe('a therapist manages their own availability', () => {
  test('profile: read and update', async () => {
    const id = await createTherapist();
    const me = claimsFor(id);
    expect((await call('getMe', { claims: me })).json.therapist).toMatchObject({ id, active: true });
    const put = await call('putMe', { claims: me, body: { displayName: 'Dr. New Name', email: 'new@example.test', bio: 'Hello' } });
    expect(put.status).toBe(200);
    expect((await call('getMe', { claims: me })).json.therapist).toMatchObject({ displayName: 'Dr. New Name', email: 'new@example.test', bio: 'Hello', timeZone: 'Europe/Berlin' });
  });

  test('photo: an https address is kept, shown publicly, and a PUT without it removes it; http or a long one is 400', async () => {
    const id = await createTherapist();
    const me = claimsFor(id);
    const profile = { displayName: 'Dr. Photo', email: `${id}@example.test` };
    const photoUrl = 'https://practice.example.test/photos/dr-photo.jpg';
    expect((await call('putMe', { claims: me, body: { ...profile, photoUrl } })).json.therapist).toMatchObject({ photoUrl });
    expect((await call('getMe', { claims: me })).json.therapist.photoUrl).toBe(photoUrl);
    const listed = async () => (await call('listTherapists', {})).json.therapists.find((t: { id: string }) => t.id === id);
    expect((await listed()).photoUrl).toBe(photoUrl);
    for (const bad of ['http://practice.example.test/p.jpg', 'javascript:alert(1)', 'not a url', `https://practice.example.test/${'p'.repeat(500)}.jpg`, 'https://x.example.test/\u0007.jpg']) {
      const r = await call('putMe', { claims: me, body: { ...profile, photoUrl: bad } });
      expect(r.status).toBe(400);
      expect([...new Set(r.json.error.fields.map((f: { path: string }) => f.path))]).toEqual(['photoUrl']);
    }
    expect((await call('getMe', { claims: me })).json.therapist.photoUrl).toBe(photoUrl);
    expect((await call('putMe', { claims: me, body: profile })).status).toBe(200);
    expect((await call('getMe', { claims: me })).json.therapist).not.toHaveProperty('photoUrl');
    expect(await listed()).not.toHaveProperty('photoUrl');
  });

  test('a schedule change shows in availability at once and leaves existing bookings alone', async () => {
    const id = await createTherapist();
    const me = claimsFor(id);
    const booked = await book(id, '2026-12-02T15:00:00+01:00'); // inside the old 09:00-17:00 hours
    const put = await call('putSchedule', { claims: me, body: schedule });
    expect(put.status).toBe(200);
    expect((await call('getSchedule', { claims: me })).json.schedule).toEqual(schedule);
    expect(await starts(id, '2026-12-02', '2026-12-02')).toEqual(['2026-12-02T09:00:00+01:00', '2026-12-02T10:00:00+01:00', '2026-12-02T11:00:00+01:00']);
    const mine = await call('listMyBookings', { claims: me, query: { from: '2026-12-02', to: '2026-12-02' } });
    expect(mine.json.bookings).toEqual([expect.objectContaining({ id: booked.id, status: 'confirmed', note: 'for the therapist' })]);
    expect((await dependencies().bookings.get(booked.id))?.status).toBe('confirmed');
  });

  test('overrides replace a date, an empty one is a day off, deleting restores the week', async () => {
    const id = await createTherapist(schedule);
    const me = claimsFor(id);
    expect((await call('putOverride', { claims: me, body: { date: '2026-12-03', intervals: [{ start: '13:00', end: '15:00' }] } })).status).toBe(201);
    expect((await call('putOverride', { claims: me, body: { date: '2026-12-04', intervals: [] } })).status).toBe(201);
    expect(await starts(id, '2026-12-03', '2026-12-04')).toEqual(['2026-12-03T13:00:00+01:00', '2026-12-03T14:00:00+01:00']);
    expect((await call('listOverrides', { claims: me })).json.overrides.map((o: { date: string }) => o.date)).toEqual(['2026-12-03', '2026-12-04']);
    expect((await call('deleteOverride', { claims: me, pathParameters: { date: '2026-12-04' } })).status).toBe(204);
    expect((await call('deleteOverride', { claims: me, pathParameters: { date: '2026-12-04' } })).status).toBe(404);
    expect(await starts(id, '2026-12-04', '2026-12-04')).toHaveLength(3);
  });

  test('time off removes what it covers until deleted', async () => {
    const id = await createTherapist(schedule);
    const me = claimsFor(id);
    const created = await call('createTimeOff', { claims: me, body: { start: '2026-12-02T10:00:00+01:00', end: '2026-12-03T10:30:00+01:00', label: 'conference' } });
    expect(created.status).toBe(201);
    expect(await starts(id, '2026-12-02', '2026-12-03')).toEqual(['2026-12-02T09:00:00+01:00', '2026-12-03T11:00:00+01:00']);
    expect((await call('listTimeOff', { claims: me })).json.timeOff).toEqual([created.json.timeOff]);
    expect((await call('deleteTimeOff', { claims: me, pathParameters: { id: created.json.timeOff.id } })).status).toBe(204);
    expect(await starts(id, '2026-12-02', '2026-12-03')).toHaveLength(6);
  });

  test('session types: create, update, hide; one in use cannot be deleted', async () => {
    const id = await createTherapist(schedule);
    const me = claimsFor(id);
    const created = await call('createSessionType', { claims: me, body: { name: 'Intake call', kind: 'individual', durationMinutes: 30, modality: 'telehealth' } });
    expect(created.status).toBe(201);
    const typeId = created.json.sessionType.id;
    expect(typeId).toMatch(/^intake-call-[0-9a-f]{6}$/);
    expect((await call('createSessionType', { claims: me, body: { id: typeId, name: 'Again', kind: 'individual', durationMinutes: 30, modality: 'telehealth' } })).status).toBe(409);
    await book(id, '2026-12-02T09:00:00+01:00', typeId);
    const del = await call('deleteSessionType', { claims: me, pathParameters: { id: typeId } });
    expect(del.status).toBe(409);
    expect(del.json.error.code).toBe('conflict');
    const hidden = await call('updateSessionType', { claims: me, pathParameters: { id: typeId }, body: { name: 'Intake call', kind: 'individual', durationMinutes: 30, modality: 'telehealth', hidden: true } });
    expect(hidden.json.sessionType.hidden).toBe(true);
    const listing = (await call('listTherapists')).json.therapists.find((t: { id: string }) => t.id === id);
    expect(listing.sessionTypes.map((s: { id: string }) => s.id)).not.toContain(typeId);
    expect((await call('listSessionTypes', { claims: me })).json.sessionTypes.map((s: { id: string }) => s.id)).toContain(typeId);
    expect((await call('deleteSessionType', { claims: me, pathParameters: { id: 'couples-80' } })).status).toBe(204);
    expect((await call('deleteSessionType', { claims: me, pathParameters: { id: 'couples-80' } })).status).toBe(404);
  });

  test("a therapist cancels a client's booking; the slot opens again", async () => {
    const id = await createTherapist(schedule);
    const booked = await book(id, '2026-12-02T10:00:00+01:00');
    const r = await call('cancelMyBooking', { claims: claimsFor(id), pathParameters: { bookingId: booked.id }, body: { reason: 'ill' } });
    expect(r.status).toBe(200);
    expect(r.json.booking).toMatchObject({ status: 'cancelled', cancelReason: 'ill' });
    expect(r.json.booking.lateCancellation).toBeUndefined(); // the therapist cancelled, not the client
    expect(await starts(id, '2026-12-02', '2026-12-02')).toContain('2026-12-02T10:00:00+01:00');
  });

  test('the calendar feed lists upcoming bookings with first names only, and rotating revokes the old URL', async () => {
    const id = await createTherapist(schedule);
    const me = claimsFor(id);
    await book(id, '2026-12-02T10:00:00+01:00');
    const url = (await call('getCalendarFeedUrl', { claims: me })).json.url as string;
    expect((await call('getCalendarFeedUrl', { claims: me })).json.url).toBe(url); // stable until rotated
    const [therapistId, feedToken] = new URL(url).pathname.split('/').slice(-2) as [string, string];
    const feed = await call('getCalendarFeed', { pathParameters: { therapistId, feedToken } });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/text\/calendar/);
    expect(feed.text).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:Appointment: Client[\s\S]*CLASS:PRIVATE/);
    expect(feed.text).not.toMatch(/example\.test|for the therapist/);
    const rotated = (await call('rotateCalendarFeed', { claims: me })).json.url as string;
    expect(rotated).not.toBe(url);
    expect((await call('getCalendarFeed', { pathParameters: { therapistId, feedToken } })).status).toBe(404);
    const other = await createTherapist(schedule);
    expect((await call('getCalendarFeed', { pathParameters: { therapistId: other, feedToken } })).status).toBe(404);
  });
});

describe('validation: 400 with field paths, nothing changed', () => {
  test.each([
    ['unknown zone', { ...schedule, timeZone: 'Nope/Zone' }, 'timeZone'],
    ['end before start', { ...schedule, weekly: { mon: [{ start: '12:00', end: '10:00' }] } }, 'weekly.mon.0.end'],
    ['overlapping intervals', { ...schedule, weekly: { tue: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }, 'weekly.tue.1.start'],
    ['slot interval of 0', { ...schedule, slotIntervalMinutes: 0 }, 'slotIntervalMinutes'],
    ['buffer out of range', { ...schedule, bufferMinutes: 241 }, 'bufferMinutes'],
    ['notice out of range', { ...schedule, minimumNoticeMinutes: -1 }, 'minimumNoticeMinutes'],
    ['horizon out of range', { ...schedule, horizonDays: 731 }, 'horizonDays'],
    ['a time that is not one', { ...schedule, weekly: { wed: [{ start: '9:00', end: '25:00' }] } }, 'weekly.wed.0.start'],
    ['an unknown weekday', { ...schedule, weekly: { funday: [] } }, 'weekly'],
  ])('schedule with %s', async (_name, body, path) => {
    const id = await createTherapist(schedule);
    const before = await tableItems();
    const r = await call('putSchedule', { claims: claimsFor(id), body });
    expect(r.status).toBe(400);
    expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect(await tableItems()).toEqual(before);
  });

  test.each([
    ['putOverride', { date: '2026-02-30', intervals: [] }, 'date'],
    ['createTimeOff', { start: '2026-12-03T10:00:00Z', end: '2026-12-02T10:00:00Z' }, 'end'],
    ['createSessionType', { name: 'X', kind: 'group', durationMinutes: 50, modality: 'telehealth' }, 'kind'],
    ['createSessionType', { name: 'X', kind: 'individual', durationMinutes: 4, modality: 'telehealth' }, 'durationMinutes'],
    ['putMe', { displayName: '', email: 'nope' }, 'email'],
  ] as [OperationId, unknown, string][])('%s with a bad field', async (operationId, body, path) => {
    const id = await createTherapist(schedule);
    const r = await call(operationId, { claims: claimsFor(id), body });
    expect(r.status).toBe(400);
    expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(path);
  });
});

describe('authorization', () => {
  const signedIn = ROUTES.filter((r) => r.auth === 'jwt');

  test('every signed-in route refuses a call without claims (401) and a claim naming no therapist (403)', async () => {
    for (const route of signedIn) {
      const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map(([, n]) => [n!, n === 'bookingId' ? '00000000-0000-4000-8000-000000000000' : n === 'date' ? '2026-12-02' : 'x1']));
      const none = await call(route.operationId, { pathParameters: params, body: {} });
      expect([route.operationId, none.status]).toEqual([route.operationId, 401]);
      const nobody = await call(route.operationId, { pathParameters: params, body: {}, claims: { sub: 'someone', 'cognito:groups': '[therapists]' } });
      expect([route.operationId, nobody.status]).toEqual([route.operationId, 403]);
    }
  });

  test("therapist A's token against every one of therapist B's resources: refused, and B's data unchanged", async () => {
    const a = await createTherapist(schedule);
    const b = await createTherapist(schedule);
    const asA = claimsFor(a);
    const asB = claimsFor(b);
    const bBooking = await book(b, '2026-12-02T10:00:00+01:00');
    const bTimeOff = (await call('createTimeOff', { claims: asB, body: { start: '2026-12-03T00:00:00Z', end: '2026-12-04T00:00:00Z' } })).json.timeOff.id;
    await call('putOverride', { claims: asB, body: { date: '2026-12-07', intervals: [] } });
    const bFeed = new URL((await call('getCalendarFeedUrl', { claims: asB })).json.url).pathname.split('/').slice(-2) as [string, string];
    const aFeed = new URL((await call('getCalendarFeedUrl', { claims: asA })).json.url).pathname.split('/').slice(-2) as [string, string];
    const bItems = async () => (await tableItems()).filter((i) => JSON.stringify(i).includes(b));
    const before = await bItems();

    const attempts: [OperationId, Parameters<typeof call>[1]][] = [
      ['cancelMyBooking', { claims: asA, pathParameters: { bookingId: bBooking.id }, body: {} }],
      ['deleteTimeOff', { claims: asA, pathParameters: { id: bTimeOff } }],
      ['updateSessionType', { claims: asA, pathParameters: { id: 'only-b-has-this' }, body: { name: 'X', kind: 'individual', durationMinutes: 30, modality: 'telehealth' } }],
      ['deleteSessionType', { claims: asA, pathParameters: { id: 'only-b-has-this' } }],
      ['createTherapist', { claims: asA, body: { displayName: 'Sneaky', email: 's@example.test', timeZone: 'UTC' } }],
      ['updateTherapist', { claims: asA, pathParameters: { therapistId: b }, body: { displayName: 'Taken over', email: 'x@example.test', timeZone: 'UTC' } }],
      ['deactivateTherapist', { claims: asA, pathParameters: { therapistId: b } }],
      ['listTherapistsAdmin', { claims: asA }],
      ['getSettings', { claims: asA }],
      ['putSettings', { claims: asA, body: { lateCancellationMode: 'refuse' } }],
      ['getCalendarFeed', { pathParameters: { therapistId: b, feedToken: aFeed[1] } }],
      ['eraseClient', { claims: asA, body: { email: client(1).email } }],
      ['exportPractice', { claims: asA }],
    ];
    await call('createSessionType', { claims: asB, body: { id: 'only-b-has-this', name: 'B only', kind: 'individual', durationMinutes: 30, modality: 'telehealth' } });
    const withType = await bItems();
    for (const [operationId, invocation] of attempts) {
      const r = await call(operationId, invocation);
      expect([operationId, [403, 404].includes(r.status)]).toEqual([operationId, true]);
    }
    expect(await bItems()).toEqual(withType);
    // The session type and its audit entry (issue 17: its target names B's id).
    expect(withType.length).toBe(before.length + 2);
    // A's own views never show B's things.
    const aBookings = await call('listMyBookings', { claims: asA, query: { from: '2026-12-01', to: '2026-12-31' } });
    expect(aBookings.json.bookings).toEqual([]);
    expect((await call('listTimeOff', { claims: asA })).json.timeOff).toEqual([]);
    expect((await call('listOverrides', { claims: asA })).json.overrides).toEqual([]);
    expect((await call('getCalendarFeed', { pathParameters: { therapistId: b, feedToken: bFeed[1] } })).status).toBe(200);
  });

  test('a deactivated therapist can no longer use their endpoints, and is not listed for clients', async () => {
    const id = await createTherapist(schedule);
    const admin = claimsFor('the-admin', 'admin');
    expect((await call('deactivateTherapist', { claims: admin, pathParameters: { therapistId: id } })).json.therapist.active).toBe(false);
    expect((await call('getMe', { claims: claimsFor(id) })).status).toBe(403);
    expect((await call('listTherapists')).json.therapists.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await call('listTherapistsAdmin', { claims: admin })).json.therapists.find((t: { id: string }) => t.id === id).active).toBe(false);
  });
});

describe('practice admin', () => {
  test('creates therapists (an id is made when none is given) and refuses a duplicate', async () => {
    const admin = claimsFor('the-admin', 'admin');
    const r = await call('createTherapist', { claims: admin, body: { displayName: 'Dr. Sam Ortiz', email: 'sam@example.test', timeZone: 'America/Denver' } });
    expect(r.status).toBe(201);
    expect(r.json.therapist.id).toMatch(/^dr-sam-ortiz-[0-9a-f]{6}$/);
    const again = await call('createTherapist', { claims: admin, body: { id: r.json.therapist.id, displayName: 'X', email: 'x@example.test', timeZone: 'UTC' } });
    expect(again.status).toBe(409);
    expect((await call('getMe', { claims: claimsFor(r.json.therapist.id) })).json.therapist.timeZone).toBe('America/Denver');
  });

  test("sets a therapist's photo on create and update; an update without it removes it", async () => {
    const admin = claimsFor('the-admin', 'admin');
    const body = { displayName: 'Dr. Ada Photo', email: 'ada.photo@example.test', timeZone: 'UTC' };
    const photoUrl = 'https://practice.example.test/ada.png';
    const r = await call('createTherapist', { claims: admin, body: { ...body, photoUrl } });
    expect(r.status).toBe(201);
    const therapistId = r.json.therapist.id;
    expect((await call('getMe', { claims: claimsFor(therapistId) })).json.therapist.photoUrl).toBe(photoUrl);
    const http = await call('createTherapist', { claims: admin, body: { ...body, email: 'other.photo@example.test', photoUrl: 'http://practice.example.test/ada.png' } });
    expect(http.status).toBe(400);
    expect(http.json.error.fields.map((f: { path: string }) => f.path)).toEqual(['photoUrl']);
    const changed = 'https://practice.example.test/ada-2.png';
    expect((await call('updateTherapist', { claims: admin, pathParameters: { therapistId }, body: { ...body, photoUrl: changed } })).json.therapist.photoUrl).toBe(changed);
    const listed = (await call('listTherapistsAdmin', { claims: admin })).json.therapists.find((t: { id: string }) => t.id === therapistId);
    expect(listed.photoUrl).toBe(changed);
    const cleared = await call('updateTherapist', { claims: admin, pathParameters: { therapistId }, body });
    expect(cleared.status).toBe(200);
    expect(cleared.json.therapist).not.toHaveProperty('photoUrl');
    expect((await call('getMe', { claims: claimsFor(therapistId) })).json.therapist).not.toHaveProperty('photoUrl');
  });

  test('sets the locale and contact details, and removes them again with null; a non-English locale is 400 at the field', async () => {
    await useOwnPractice(); // other test files read the shared practice's settings
    const admin = claimsFor('the-admin', 'admin');
    const set = await call('putSettings', { claims: admin, body: { locale: 'en-GB-u-hc-h12', contact: { phone: '+44 20 7946 0000', email: 'desk@practice.example' } } });
    expect(set.status).toBe(200);
    expect(set.json.settings).toMatchObject({ locale: 'en-GB-u-hc-h12', contact: { phone: '+44 20 7946 0000', email: 'desk@practice.example' } });
    const bad = await call('putSettings', { claims: admin, body: { locale: 'de-DE', contact: { phone: 'call me', email: 'nope' } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['locale', 'contact.phone', 'contact.email']));
    expect((await call('getSettings', { claims: admin })).json.settings).toEqual(set.json.settings);
    const kept = await call('putSettings', { claims: admin, body: { retentionDays: 40 } });
    expect(kept.json.settings).toMatchObject({ locale: 'en-GB-u-hc-h12', contact: { phone: '+44 20 7946 0000' } });
    const removed = await call('putSettings', { claims: admin, body: { locale: null, contact: null } });
    expect(removed.status).toBe(200);
    expect(removed.json.settings).not.toHaveProperty('locale');
    expect(removed.json.settings).not.toHaveProperty('contact');
    expect((await call('getPractice', {})).json.practice).not.toHaveProperty('locale');
  });

  test('edits practice settings; a partial PUT keeps the rest; invalid values are 400', async () => {
    await useOwnPractice(); // other test files read the shared practice's settings
    const admin = claimsFor('the-admin', 'admin');
    const before = (await call('getSettings', { claims: admin })).json.settings;
    const put = await call('putSettings', { claims: admin, body: { retentionDays: 45, practiceName: 'Renamed Practice' } });
    expect(put.status).toBe(200);
    expect(put.json.settings).toEqual({ ...before, retentionDays: 45, practiceName: 'Renamed Practice' });
    const bad = await call('putSettings', { claims: admin, body: { lateCancellationMode: 'maybe', retentionDays: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['lateCancellationMode', 'retentionDays']));
    expect((await call('getSettings', { claims: admin })).json.settings).toEqual(put.json.settings);
  });
});
