import { DateTime } from 'luxon';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { COUPLES, createTherapist, INDIVIDUAL, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

/*
 * GET /v1/therapists/{id}/series-preview (decision 65): what a client's series would book and skip,
 * judged as createSeries judges it, read only. Over the route table's handler, against DynamoDB Local.
 */
const clock = new TestClock(new Date('2027-01-04T06:00:00Z')); // a Monday
beforeAll(() => overrideDependencies({ clock }));
beforeEach(() => clock.set('2027-01-04T06:00:00Z'));
afterAll(() => resetDependencies());

const REPEAT = { everyWeeks: [1, 2], maxCount: 12 };
const repeating = () => createTherapist({}, [{ ...INDIVIDUAL, repeat: REPEAT }, { ...COUPLES, id: 'single-only' }]);
/** Tuesdays at 10:00 in Berlin (the therapist's zone), from 2027-01-05. */
const tuesday = (week: number) => DateTime.fromISO('2027-01-05T10:00', { zone: 'Europe/Berlin' }).plus({ weeks: week }).toUTC().toISO()!;
const itemsOf = async (therapistId: string) => (await tableItems()).filter((i) => JSON.stringify(i).includes(therapistId));
let seq = 0;

function preview(therapistId: string, query: Record<string, string> = {}) {
  return call('previewSeries', {
    pathParameters: { therapistId },
    query: { sessionTypeId: 'individual-50', start: tuesday(0), everyWeeks: '1', count: '6', timeZone: 'America/New_York', ...query },
  });
}

test('a week on time off is skipped with its reason, a taken week is busy, the rest free; times in the client zone; nothing written', async () => {
  const therapistId = await repeating();
  // Week 2 (2027-01-19) on time off; week 4 (2027-02-02) taken by another client's booking.
  await dependencies().therapists.putTimeOff(therapistId, { id: 'off-1', start: '2027-01-18T00:00:00.000Z', end: '2027-01-20T00:00:00.000Z' } as any);
  const taken = await call('createBooking', {
    body: { therapistId, sessionTypeId: 'individual-50', start: tuesday(4), timeZone: 'Europe/Berlin', clients: [{ name: 'Other Client', email: `o-${++seq}@example.test` }], policyAccepted: true },
  });
  expect(taken.status).toBe(201);
  const before = await itemsOf(therapistId);

  const r = await preview(therapistId);
  expect(r.status).toBe(200);
  expect(r.json.occurrences).toEqual([
    { start: '2027-01-05T04:00:00-05:00', end: '2027-01-05T04:50:00-05:00', status: 'free' },
    { start: '2027-01-12T04:00:00-05:00', end: '2027-01-12T04:50:00-05:00', status: 'free' },
    { start: '2027-01-19T04:00:00-05:00', end: '2027-01-19T04:50:00-05:00', status: 'skipped', reason: 'time_off' },
    { start: '2027-01-26T04:00:00-05:00', end: '2027-01-26T04:50:00-05:00', status: 'free' },
    { start: '2027-02-02T04:00:00-05:00', end: '2027-02-02T04:50:00-05:00', status: 'skipped', reason: 'busy' },
    { start: '2027-02-09T04:00:00-05:00', end: '2027-02-09T04:50:00-05:00', status: 'free' },
  ]);
  expect(await itemsOf(therapistId)).toEqual(before);

  // What the preview said is what the booking does.
  const booked = await call('createBooking', {
    body: { therapistId, sessionTypeId: 'individual-50', start: tuesday(0), timeZone: 'America/New_York', clients: [{ name: 'Alex Morgan', email: `a-${++seq}@example.test` }], policyAccepted: true, repeat: { everyWeeks: 1, count: 6 } },
  });
  expect(booked.status).toBe(201);
  expect(booked.json.series.occurrences.map((o: { start: string; status: string; reason?: string }) => [o.start, o.status === 'booked' ? 'free' : o.status, o.reason]))
    .toEqual(r.json.occurrences.map((o: { start: string; status: string; reason?: string }) => [o.start, o.status, o.reason]));
});

test('later weeks are not bound by the horizon, the first is; an override day off is named; the therapist zone by default', async () => {
  const therapistId = await repeating();
  await dependencies().therapists.putOverride(therapistId, { date: '2027-01-19', intervals: [] });
  const r = await preview(therapistId, { everyWeeks: '2', count: '12', timeZone: '' }).catch(() => undefined);
  // An empty zone is not a zone: 400 at timeZone.
  expect(r?.status).toBe(400);
  const fortnightly = await call('previewSeries', {
    pathParameters: { therapistId },
    query: { sessionTypeId: 'individual-50', start: tuesday(0), everyWeeks: '2', count: '12' },
  });
  expect(fortnightly.status).toBe(200);
  const occurrences = fortnightly.json.occurrences as { start: string; status: string; reason?: string }[];
  expect(occurrences).toHaveLength(12);
  expect(occurrences[0]!.start).toBe('2027-01-05T10:00:00+01:00');
  expect(occurrences[1]).toMatchObject({ start: '2027-01-19T10:00:00+01:00', status: 'skipped', reason: 'override' });
  // 2027-04-13 onwards is past the 60-day horizon, yet free: a series' later occurrences obey hours, not horizon.
  expect(occurrences.slice(2).every((o) => o.status === 'free')).toBe(true);
  expect(occurrences.at(-1)!.start).toBe('2027-06-08T10:00:00+02:00'); // 22 weeks on, after the change to summer time

  const beyond = await preview(therapistId, { start: DateTime.fromISO(tuesday(0)).plus({ days: 70 }).toUTC().toISO()! });
  expect(beyond.json.occurrences[0]).toMatchObject({ status: 'skipped', reason: 'beyond_horizon' });
  clock.set('2027-01-05T09:30:00Z'); // inside the 60 minutes' notice of the first
  expect((await preview(therapistId)).json.occurrences[0]).toMatchObject({ status: 'skipped', reason: 'too_soon' });
});

test("400 with field paths for values the schema or the type's repeat refuse; 404 as availability's", async () => {
  const therapistId = await repeating();
  const before = await itemsOf(therapistId);
  for (const [query, path] of [
    [{ everyWeeks: '3' }, 'repeat.everyWeeks'],
    [{ count: '13' }, 'repeat.count'],
    [{ everyWeeks: '5' }, 'everyWeeks'],
    [{ count: '1' }, 'count'],
    [{ count: 'six' }, 'count'],
    [{ start: 'tomorrow' }, 'start'],
    [{ start: '2027-01-05T09:00:30Z' }, 'start'],
    [{ sessionTypeId: 'single-only' }, 'repeat'],
  ] as const) {
    const r = await preview(therapistId, query);
    expect([query, r.status]).toEqual([query, 400]);
    expect(r.json.error).toMatchObject({ code: 'validation_failed', fields: [expect.objectContaining({ path })] });
  }
  const missingCount = await call('previewSeries', { pathParameters: { therapistId }, query: { sessionTypeId: 'individual-50', start: tuesday(0), everyWeeks: '1' } });
  expect(missingCount.status).toBe(400);
  expect(missingCount.json.error.fields).toEqual([expect.objectContaining({ path: 'count' })]);

  const noType = await preview(therapistId, { sessionTypeId: 'nope' });
  const noTherapist = await preview('t-nobody');
  const availability = await call('getAvailability', { pathParameters: { therapistId }, query: { sessionTypeId: 'nope', from: '2027-01-05', to: '2027-01-05' } });
  expect([noType.status, noTherapist.status]).toEqual([404, 404]);
  expect(noType.json).toEqual(availability.json);
  expect(await itemsOf(therapistId)).toEqual(before);
});
