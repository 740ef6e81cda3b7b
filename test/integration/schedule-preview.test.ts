import { overrideDependencies } from '../../shared/runtime/dependencies';
import { claimsFor } from '../support/lambda-invoke';
import { client, createTherapist, INDIVIDUAL, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

// A Tuesday morning; the preview looks at the next week, Monday 7 to Sunday 13 December.
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));

const morning = [{ start: '09:00', end: '12:00' }];
const weekdays = (intervals: { start: string; end: string }[]) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, intervals]));
const stored = { timeZone: 'Europe/Berlin', weekly: weekdays(morning), bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 60, slotIntervalMinutes: 60 };
const week = { from: '2026-12-07', to: '2026-12-13' };

type Answer = { timeZone: string; days: { date: string; slots: { start: string }[] }[] };
/** `{ '2026-12-07': ['09:00', …] }`: the wall-clock starts per date, easy to read in a failure. */
const times = (answer: Answer) => Object.fromEntries(answer.days.map((d) => [d.date, d.slots.map((s) => s.start.slice(11, 16))]));

describe('POST /v1/me/schedule/preview', () => {
  test("the new rules' slots beside the current ones, with the stored bookings, overrides and time off honoured, and nothing written", async () => {
    const id = await createTherapist(stored);
    const me = claimsFor(id);
    const booked = await call('createBooking', {
      body: { therapistId: id, sessionTypeId: INDIVIDUAL.id, start: '2026-12-07T10:00:00+01:00', timeZone: 'Europe/Berlin', clients: [client(1)], policyAccepted: true },
    });
    expect(booked.status).toBe(201);
    expect((await call('putOverride', { claims: me, body: { date: '2026-12-09', intervals: [{ start: '13:00', end: '15:00' }] } })).status).toBe(201);
    expect((await call('createTimeOff', { claims: me, body: { start: '2026-12-10T09:00:00+01:00', end: '2026-12-10T10:30:00+01:00' } })).status).toBe(201);
    const before = await tableItems();

    const proposed = { ...stored, weekly: { ...weekdays(morning), tue: [...morning, { start: '14:00', end: '17:00' }], thu: [{ start: '08:00', end: '12:00' }] } };
    const r = await call('previewSchedule', { claims: me, body: { schedule: proposed, sessionTypeId: INDIVIDUAL.id, ...week } });

    expect(r.status).toBe(200);
    expect(r.json.current).toMatchObject({ therapistId: id, sessionTypeId: INDIVIDUAL.id, timeZone: 'Europe/Berlin' });
    expect(times(r.json.current)).toEqual({
      '2026-12-07': ['09:00', '11:00'], // 10:00 is booked
      '2026-12-08': ['09:00', '10:00', '11:00'],
      '2026-12-09': ['13:00', '14:00'], // the override, not the week
      '2026-12-10': ['11:00'], // time off until 10:30
      '2026-12-11': ['09:00', '10:00', '11:00'],
    });
    expect(times(r.json.proposed)).toEqual({
      '2026-12-07': ['09:00', '11:00'],
      '2026-12-08': ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'],
      '2026-12-09': ['13:00', '14:00'],
      '2026-12-10': ['08:00', '11:00'],
      '2026-12-11': ['09:00', '10:00', '11:00'],
    });
    // A preview, not a save: the table is as it was and the stored schedule still reads the same.
    expect(await tableItems()).toEqual(before);
    expect((await call('getSchedule', { claims: me })).json.schedule).toEqual(stored);
  });

  test('the current slots are shown in the proposed zone, so a change of zone compares the same dates', async () => {
    const id = await createTherapist(stored);
    const r = await call('previewSchedule', { claims: claimsFor(id), body: { schedule: { ...stored, timeZone: 'America/New_York' }, sessionTypeId: INDIVIDUAL.id, from: '2026-12-08', to: '2026-12-08' } });
    expect(r.status).toBe(200);
    expect(r.json.current.timeZone).toBe('America/New_York');
    // Berlin's 09:00–12:00 is 03:00–06:00 in New York.
    expect(times(r.json.current)).toEqual({ '2026-12-08': ['03:00', '04:00', '05:00'] });
    expect(times(r.json.proposed)).toEqual({ '2026-12-08': ['09:00', '10:00', '11:00'] });
  });

  test("another therapist's session type is not found, and a hidden one neither", async () => {
    const id = await createTherapist(stored);
    const other = await createTherapist(stored, [{ ...INDIVIDUAL, id: 'someone-elses' }]);
    expect(other).not.toBe(id);
    const foreign = await call('previewSchedule', { claims: claimsFor(id), body: { schedule: stored, sessionTypeId: 'someone-elses', ...week } });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error.code).toBe('not_found');
    const hiddenId = await createTherapist(stored, [{ ...INDIVIDUAL, hidden: true }]);
    expect((await call('previewSchedule', { claims: claimsFor(hiddenId), body: { schedule: stored, sessionTypeId: INDIVIDUAL.id, ...week } })).status).toBe(404);
  });

  test.each([
    ['an interval ending before it starts', { schedule: { ...stored, weekly: { tue: [{ start: '12:00', end: '10:00' }] } } }, 'schedule.weekly.tue.0.end'],
    ['a buffer out of range', { schedule: { ...stored, bufferMinutes: 241 } }, 'schedule.bufferMinutes'],
    ['no schedule', { schedule: undefined }, 'schedule'],
    ['more than 14 dates', { to: '2026-12-21' }, 'to'],
    ['a range ending before it starts', { to: '2026-12-06' }, 'to'],
    ['a date that is not one', { from: '2026-13-01' }, 'from'],
  ])('%s: 400 with the field path, nothing written', async (_name, change, path) => {
    const id = await createTherapist(stored);
    const before = await tableItems();
    const r = await call('previewSchedule', { claims: claimsFor(id), body: { schedule: stored, sessionTypeId: INDIVIDUAL.id, ...week, ...change } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    expect(await tableItems()).toEqual(before);
  });

  test('only a signed-in therapist may ask', async () => {
    expect((await call('previewSchedule', { body: { schedule: stored, sessionTypeId: INDIVIDUAL.id, ...week } })).status).toBe(401);
    expect((await call('previewSchedule', { claims: claimsFor('nobody', 'admin'), body: { schedule: stored, sessionTypeId: INDIVIDUAL.id, ...week } })).status).toBe(403);
  });
});
