import { DateTime } from 'luxon';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { issueClientManageToken } from '../../shared/tokens/manage-token';
import { claimsFor } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { COUPLES, createTherapist, INDIVIDUAL, putSettings, tableItems, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';

/*
 * The HTTP surface of standing appointments (API.md, "Standing appointments (series)"): a client
 * books a series through POST /v1/bookings with `repeat`, sees and cancels it with a manage token
 * of any of its bookings; a therapist creates, lists, ends and moves series. Over the handlers the
 * route table names, against DynamoDB Local.
 */
const clock = new TestClock(new Date('2027-01-04T06:00:00Z')); // a Monday
beforeAll(() => overrideDependencies({ clock }));
beforeEach(() => clock.set('2027-01-04T06:00:00Z'));
afterAll(() => resetDependencies());

const REPEAT = { everyWeeks: [1, 2], maxCount: 12 };
const repeating = () => createTherapist({}, [{ ...INDIVIDUAL, repeat: REPEAT }, { ...COUPLES, repeat: REPEAT }, { ...INDIVIDUAL, id: 'single-only' }]);
let seq = 0;
const alex = () => ({ name: 'Alex Morgan', email: `alex-${++seq}@example.test`, phone: '+49 30 1111111' });
const blake = () => ({ name: 'Blake Rivers', email: `blake-${++seq}@example.test` });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** Tuesdays at 10:00 in Berlin (the therapist's zone), from 2027-01-05. */
const tuesday = (week: number) => DateTime.fromISO('2027-01-05T10:00', { zone: 'Europe/Berlin' }).plus({ weeks: week }).toUTC().toISO()!;
const itemsOf = async (therapistId: string) => (await tableItems()).filter((i) => JSON.stringify(i).includes(therapistId));

function bookingBody(therapistId: string, extra: Record<string, unknown> = {}) {
  return { therapistId, sessionTypeId: 'individual-50', start: tuesday(0), timeZone: 'Europe/Berlin', clients: [alex()], policyAccepted: true, ...extra };
}
async function bookSeries(therapistId: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const r = await call('createBooking', { body: bookingBody(therapistId, { repeat: { everyWeeks: 1, count: 6 }, ...extra }), headers });
  expect(r.status).toBe(201);
  return r.json as { booking: { id: string; seriesId: string }; manageToken: string; manageTokens: string[]; series: any };
}

describe('session types with repeat', () => {
  test("the therapist sets repeat on a type, the public listing shows it, an invalid one is a 400 that changes nothing", async () => {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    const base = { name: 'Weekly', kind: 'individual', durationMinutes: 50, modality: 'telehealth' };
    const created = await call('createSessionType', { claims: me, body: { ...base, id: 'weekly', repeat: REPEAT } });
    expect(created.status).toBe(201);
    expect(created.json.sessionType.repeat).toEqual(REPEAT);
    const listed = await call('listTherapists');
    const mine = listed.json.therapists.find((t: { id: string }) => t.id === therapistId);
    expect(mine.sessionTypes.find((s: { id: string }) => s.id === 'weekly').repeat).toEqual(REPEAT);

    const before = await itemsOf(therapistId);
    for (const [repeat, path] of [
      [{ everyWeeks: [], maxCount: 12 }, 'repeat.everyWeeks'],
      [{ everyWeeks: [5], maxCount: 12 }, 'repeat.everyWeeks.0'],
      [{ everyWeeks: [1], maxCount: 53 }, 'repeat.maxCount'],
    ] as const) {
      const r = await call('updateSessionType', { claims: me, pathParameters: { id: 'weekly' }, body: { ...base, repeat } });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('validation_failed');
      expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect(await itemsOf(therapistId)).toEqual(before);

    const cleared = await call('updateSessionType', { claims: me, pathParameters: { id: 'weekly' }, body: base });
    expect(cleared.status).toBe(200);
    expect((await call('listSessionTypes', { claims: me })).json.sessionTypes.find((s: { id: string }) => s.id === 'weekly').repeat).toBeUndefined();
  });
});

describe('a client books a series through POST /v1/bookings', () => {
  test('201: the first occurrence as the booking, its tokens, and the series of six weekly occurrences at 10:00 Berlin', async () => {
    const therapistId = await repeating();
    const created = await bookSeries(therapistId);
    const { booking, series } = created;
    expect(series).toMatchObject({ therapistId, sessionTypeId: 'individual-50', everyWeeks: 1, count: 6, status: 'active', timeZone: 'Europe/Berlin' });
    expect(series.occurrences).toHaveLength(6);
    expect(series.occurrences.map((o: { status: string }) => o.status)).toEqual(Array(6).fill('booked'));
    expect(series.occurrences.map((o: { start: string }) => Date.parse(o.start))).toEqual([0, 1, 2, 3, 4, 5].map((w) => Date.parse(tuesday(w))));
    expect(series.occurrences[0].start).toBe('2027-01-05T10:00:00+01:00');
    expect(booking.seriesId).toBe(series.id);
    expect(series.occurrences[0].bookingId).toBe(booking.id);
    expect(created.manageTokens).toHaveLength(1);

    // Every occurrence is an ordinary booking of the series.
    for (const o of series.occurrences) {
      const r = await call('getBooking', { pathParameters: { bookingId: o.bookingId }, headers: bearer(issueClientManageToken(dependencies().config.manageTokenSecret, o.bookingId, 0)) });
      expect(r.status).toBe(200);
      expect(r.json.booking).toMatchObject({ status: 'confirmed', seriesId: series.id });
    }
  });

  test("a value the type does not allow is a 400 with the field's path, and nothing is written", async () => {
    const therapistId = await repeating();
    const before = await itemsOf(therapistId);
    for (const [extra, path] of [
      [{ repeat: { everyWeeks: 3, count: 4 } }, 'repeat.everyWeeks'],
      [{ repeat: { everyWeeks: 1, count: 13 } }, 'repeat.count'],
      [{ repeat: { everyWeeks: 5, count: 4 } }, 'repeat.everyWeeks'],
      [{ repeat: { everyWeeks: 1, count: 1 } }, 'repeat.count'],
      [{ repeat: { everyWeeks: 1 } }, 'repeat.count'],
      [{ sessionTypeId: 'single-only', repeat: { everyWeeks: 1, count: 4 } }, 'repeat'],
    ] as const) {
      const r = await call('createBooking', { body: bookingBody(therapistId, extra) });
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'validation_failed', fields: [expect.objectContaining({ path })] });
    }
    expect(await itemsOf(therapistId)).toEqual(before);
  });

  test('a missing session type is the same 404 as for one booking', async () => {
    const therapistId = await repeating();
    const r = await call('createBooking', { body: bookingBody(therapistId, { sessionTypeId: 'nope', repeat: { everyWeeks: 1, count: 4 } }) });
    expect(r.status).toBe(404);
  });

  test('the first occurrence must be free: 409 slot_unavailable and no series', async () => {
    const therapistId = await repeating();
    expect((await call('createBooking', { body: bookingBody(therapistId) })).status).toBe(201);
    const before = await itemsOf(therapistId);
    const r = await call('createBooking', { body: bookingBody(therapistId, { repeat: { everyWeeks: 1, count: 6 } }) });
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('slot_unavailable');
    expect(await itemsOf(therapistId)).toEqual(before);
  });

  test('a later week that is taken is skipped with its reason, not double-booked', async () => {
    const therapistId = await repeating();
    expect((await call('createBooking', { body: bookingBody(therapistId, { start: tuesday(2) }) })).status).toBe(201);
    const { series } = await bookSeries(therapistId);
    expect(series.occurrences.map((o: { status: string }) => o.status)).toEqual(['booked', 'booked', 'skipped', 'booked', 'booked', 'booked']);
    expect(series.occurrences[2]).toMatchObject({ reason: 'busy' });
    expect(series.occurrences[2].bookingId).toBeUndefined();
  });

  test('the Idempotency-Key covers the whole request: a replay answers the same series, another body with the key is a 409', async () => {
    const therapistId = await repeating();
    const key = `series-${Date.now()}-${++seq}`;
    const body = bookingBody(therapistId, { repeat: { everyWeeks: 2, count: 3 } });
    const first = await call('createBooking', { body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const again = await call('createBooking', { body, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.json.series.id).toBe(first.json.series.id);
    expect(again.json.manageTokens).toEqual(first.json.manageTokens);
    const other = await call('createBooking', { body: { ...body, repeat: { everyWeeks: 2, count: 4 } }, headers: { 'idempotency-key': key } });
    expect(other.status).toBe(409);
    expect((await call('listMySeries', { claims: claimsFor(therapistId) })).json.series).toHaveLength(1);
  });
});

describe("a client's manage token opens the series", () => {
  test('the token of any occurrence opens it; a wrong, foreign or unrelated token and a missing series all answer the same 403', async () => {
    const therapistId = await repeating();
    const { series, manageToken } = await bookSeries(therapistId);
    const single = await call('createBooking', { body: bookingBody(therapistId, { start: tuesday(0).replace('09:00', '13:00') }) });
    expect(single.status).toBe(201);
    const other = await bookSeries(await repeating());

    const third = issueClientManageToken(dependencies().config.manageTokenSecret, series.occurrences[2].bookingId, 0);
    for (const token of [manageToken, third]) {
      const r = await call('getSeries', { pathParameters: { seriesId: series.id }, headers: bearer(token) });
      expect(r.status).toBe(200);
      expect(r.json.series.id).toBe(series.id);
      expect(r.json.series.occurrences).toHaveLength(6);
    }
    const answers = [
      await call('getSeries', { pathParameters: { seriesId: series.id } }),
      await call('getSeries', { pathParameters: { seriesId: series.id }, headers: bearer('m2.bm9wZQ.' + 'A'.repeat(43)) }),
      await call('getSeries', { pathParameters: { seriesId: series.id }, headers: bearer(single.json.manageToken) }),
      await call('getSeries', { pathParameters: { seriesId: series.id }, headers: bearer(other.manageToken) }),
      await call('getSeries', { pathParameters: { seriesId: 'no-such-series' }, headers: bearer(manageToken) }),
      await call('cancelSeries', { pathParameters: { seriesId: series.id }, body: {}, headers: bearer(other.manageToken) }),
    ];
    for (const r of answers) {
      expect(r.status).toBe(403);
      expect(r.json).toEqual(answers[0]!.json);
    }
    // The refused cancel changed nothing.
    const after = await call('getSeries', { pathParameters: { seriesId: series.id }, headers: bearer(manageToken) });
    expect(after.json.series.occurrences.map((o: { status: string }) => o.status)).toEqual(Array(6).fill('booked'));
  });

  test("a couples series shows each partner their own details and the other's first name", async () => {
    const therapistId = await repeating();
    const a = alex();
    const b = blake();
    const created = await call('createBooking', {
      body: { ...bookingBody(therapistId), sessionTypeId: 'couples-80', clients: [a, b], repeat: { everyWeeks: 2, count: 3 } },
    });
    expect(created.status).toBe(201);
    const [alexToken, blakeToken] = created.json.manageTokens as [string, string];
    const seriesId = created.json.series.id;
    const asAlex = await call('getSeries', { pathParameters: { seriesId }, headers: bearer(alexToken) });
    expect(asAlex.json.series.clients).toEqual([a, { name: 'Blake' }]);
    expect(asAlex.text).not.toContain(b.email);
    const asBlake = await call('getSeries', { pathParameters: { seriesId }, headers: bearer(blakeToken) });
    expect(asBlake.json.series.clients).toEqual([{ name: 'Alex' }, b]);
    for (const hidden of [a.email, a.phone, 'Morgan']) expect(asBlake.text).not.toContain(hidden);
  });

  test('cancel from the 3rd occurrence: the first two stay booked, the rest and their bookings are cancelled', async () => {
    const therapistId = await repeating();
    const { series, manageToken } = await bookSeries(therapistId);
    const r = await call('cancelSeries', { pathParameters: { seriesId: series.id }, body: { from: '2027-01-19' }, headers: bearer(manageToken) });
    expect(r.status).toBe(200);
    expect(r.json.series.status).toBe('ended');
    expect(r.json.series.occurrences.map((o: { status: string }) => o.status)).toEqual(['booked', 'booked', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    const secret = dependencies().config.manageTokenSecret;
    const statusOf = async (bookingId: string) =>
      (await call('getBooking', { pathParameters: { bookingId }, headers: bearer(issueClientManageToken(secret, bookingId, 0)) })).json.booking.status;
    expect(await statusOf(series.occurrences[1].bookingId)).toBe('confirmed');
    expect(await statusOf(series.occurrences[2].bookingId)).toBe('cancelled');
    expect(await statusOf(series.occurrences[5].bookingId)).toBe('cancelled');
  });

  test('cancel without a date cancels from the next occurrence on', async () => {
    const therapistId = await repeating();
    const { series, manageToken } = await bookSeries(therapistId);
    clock.set('2027-01-12T12:00:00Z'); // after the second session
    const r = await call('cancelSeries', { pathParameters: { seriesId: series.id }, body: {}, headers: bearer(manageToken) });
    expect(r.status).toBe(200);
    expect(r.json.series.occurrences.map((o: { status: string }) => o.status)).toEqual(['booked', 'booked', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });

  describe('the late window is judged per occurrence', () => {
    afterEach(() => backToSharedPractice());
    const lateness = async (mode: 'flag' | 'refuse') => {
      await useOwnPractice();
      await putSettings({ lateCancellationHours: 24, lateCancellationMode: mode });
      const therapistId = await repeating();
      const { series, manageToken } = await bookSeries(therapistId);
      clock.set('2027-01-04T12:00:00Z'); // 21 hours before the first session
      const r = await call('cancelSeries', { pathParameters: { seriesId: series.id }, body: {}, headers: bearer(manageToken) });
      expect(r.status).toBe(200);
      const secret = dependencies().config.manageTokenSecret;
      const bookings = await Promise.all(
        series.occurrences.map(async (o: { bookingId: string }) =>
          (await call('getBooking', { pathParameters: { bookingId: o.bookingId }, headers: bearer(issueClientManageToken(secret, o.bookingId, 0)) })).json.booking),
      );
      return { answer: r.json.series, bookings };
    };
    test('flag mode: every occurrence is cancelled, only the one inside the window is flagged late', async () => {
      const { answer, bookings } = await lateness('flag');
      expect(answer.occurrences.map((o: { status: string }) => o.status)).toEqual(Array(6).fill('cancelled'));
      expect(bookings.map((b) => b.lateCancellation === true)).toEqual([true, false, false, false, false, false]);
    });
    test('refuse mode: the occurrence inside the window stays booked, the rest are cancelled', async () => {
      const { answer, bookings } = await lateness('refuse');
      expect(answer.occurrences.map((o: { status: string }) => o.status)).toEqual(['booked', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
      expect(bookings.map((b) => b.status)).toEqual(['confirmed', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    });
  });

  test('a bad from is a 400 that changes nothing', async () => {
    const therapistId = await repeating();
    const { series, manageToken } = await bookSeries(therapistId);
    const r = await call('cancelSeries', { pathParameters: { seriesId: series.id }, body: { from: '19.01.2027' }, headers: bearer(manageToken) });
    expect(r.status).toBe(400);
    expect(r.json.error.fields).toEqual([expect.objectContaining({ path: 'from' })]);
    const after = await call('getSeries', { pathParameters: { seriesId: series.id }, headers: bearer(manageToken) });
    expect(after.json.series.status).toBe('active');
  });
});

describe("the therapist's series", () => {
  const clientBody = (extra: Record<string, unknown> = {}) => ({
    sessionTypeId: 'individual-50', start: tuesday(0), timeZone: 'America/New_York', clients: [alex()], everyWeeks: 1, count: 4, note: 'private', ...extra,
  });

  test('create, list, get; another therapist gets 404 for it', async () => {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    const created = await call('createMySeries', { claims: me, body: clientBody() });
    expect(created.status).toBe(201);
    const series = created.json.series;
    expect(series).toMatchObject({ therapistId, everyWeeks: 1, count: 4, status: 'active', note: 'private', createdBy: 'therapist', therapistTimeZone: 'Europe/Berlin' });
    expect(series.occurrences).toHaveLength(4);
    expect(series.occurrences[0].start).toBe('2027-01-05T04:00:00-05:00');

    const listed = await call('listMySeries', { claims: me });
    expect(listed.status).toBe(200);
    expect(listed.json.series.map((s: { id: string }) => s.id)).toEqual([series.id]);
    const got = await call('getMySeries', { claims: me, pathParameters: { id: series.id } });
    expect(got.status).toBe(200);
    expect(got.json.series).toEqual(series);

    const stranger = claimsFor(await createTherapist());
    const theirs = await call('getMySeries', { claims: stranger, pathParameters: { id: series.id } });
    const missing = await call('getMySeries', { claims: stranger, pathParameters: { id: 'no-such-series' } });
    expect(theirs.status).toBe(404);
    expect(theirs.json).toEqual(missing.json);
    for (const [op, body] of [['endMySeries', { from: '2027-01-05' }], ['rescheduleMySeries', { from: '2027-01-05', start: tuesday(0) }]] as const) {
      expect((await call(op, { claims: stranger, pathParameters: { id: series.id }, body })).status).toBe(404);
    }
    expect((await call('listMySeries', { claims: stranger })).json.series).toEqual([]);
  });

  test('an open-ended series (neither count nor until) is booked 12 weeks ahead', async () => {
    const therapistId = await createTherapist({ horizonDays: 30 }); // a therapist's series is not bound by the horizon
    const { count: _count, ...open } = clientBody();
    const created = await call('createMySeries', { claims: claimsFor(therapistId), body: open });
    expect(created.status).toBe(201);
    expect(created.json.series.count).toBeUndefined();
    expect(created.json.series.occurrences.length).toBeGreaterThanOrEqual(12);
  });

  test('bad bodies are 400s with field paths, and nothing is written', async () => {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    const before = await itemsOf(therapistId);
    for (const [extra, path] of [
      [{ count: 53 }, 'count'],
      [{ everyWeeks: 5 }, 'everyWeeks'],
      [{ until: '2027-03-01' }, 'until'], // with count
      [{ until: '2027-13-01', count: undefined }, 'until'],
      [{ clients: [] }, 'clients'],
      [{ timeZone: 'Nowhere/City' }, 'timeZone'],
    ] as const) {
      const r = await call('createMySeries', { claims: me, body: clientBody(extra) });
      expect(r.status).toBe(400);
      expect(r.json.error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect(await itemsOf(therapistId)).toEqual(before);
  });

  test('end from a date cancels the occurrences from it on', async () => {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    const { series } = (await call('createMySeries', { claims: me, body: clientBody() })).json;
    const missingFrom = await call('endMySeries', { claims: me, pathParameters: { id: series.id }, body: {} });
    expect(missingFrom.status).toBe(400);
    expect(missingFrom.json.error.fields).toEqual([expect.objectContaining({ path: 'from' })]);
    const ended = await call('endMySeries', { claims: me, pathParameters: { id: series.id }, body: { from: '2027-01-12' } });
    expect(ended.status).toBe(200);
    expect(ended.json.series.status).toBe('ended');
    expect(ended.json.series.occurrences.map((o: { status: string }) => o.status)).toEqual(['booked', 'cancelled', 'cancelled', 'cancelled']);
  });

  test('reschedule moves the occurrences from a date to a new weekday and time; one that cannot move is reported and keeps its time', async () => {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    const { series } = (await call('createMySeries', { claims: me, body: clientBody() })).json;
    // Wednesday 14:00 Berlin of the third week is taken by someone else.
    const wednesday = (week: number) => DateTime.fromISO('2027-01-06T14:00', { zone: 'Europe/Berlin' }).plus({ weeks: week }).toUTC().toISO()!;
    expect((await call('createBooking', { body: { ...bookingBody(therapistId), start: wednesday(2) } })).status).toBe(201);

    const r = await call('rescheduleMySeries', { claims: me, pathParameters: { id: series.id }, body: { from: '2027-01-12', start: wednesday(1) } });
    expect(r.status).toBe(200);
    const starts = r.json.series.occurrences.filter((o: { status: string }) => o.status === 'booked').map((o: { start: string }) => Date.parse(o.start)).sort();
    expect(starts).toEqual([tuesday(0), wednesday(1), tuesday(2), wednesday(3)].map((s) => Date.parse(s)).sort());
    expect(r.json.notMoved).toEqual([{ bookingId: series.occurrences[2].bookingId, start: '2027-01-19T04:00:00-05:00', reason: expect.any(String) }]);
  });

  test('reschedule with a bad body is a 400 with the path', async () => {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    const { series } = (await call('createMySeries', { claims: me, body: clientBody() })).json;
    const r = await call('rescheduleMySeries', { claims: me, pathParameters: { id: series.id }, body: { from: '2027-01-12', start: 'Wednesday 14:00' } });
    expect(r.status).toBe(400);
    expect(r.json.error.fields).toEqual([expect.objectContaining({ path: 'start' })]);
  });
});

describe('a skipped week placed by hand: POST /v1/me/series/{id}/occurrences/{index}/place (decision 73)', () => {
  const wednesday = (week: number) => DateTime.fromISO('2027-01-06T14:00', { zone: 'Europe/Berlin' }).plus({ weeks: week }).toUTC().toISO()!;
  /** A therapist's series of four Tuesdays whose third (index 2) is taken by a single booking: skipped `busy`. */
  async function skippedWeek() {
    const therapistId = await createTherapist();
    const me = claimsFor(therapistId);
    expect((await call('createBooking', { body: bookingBody(therapistId, { start: tuesday(2) }) })).status).toBe(201);
    const created = await call('createMySeries', {
      claims: me, body: { sessionTypeId: 'individual-50', start: tuesday(0), timeZone: 'Europe/Berlin', clients: [alex()], everyWeeks: 1, count: 4 },
    });
    expect(created.status).toBe(201);
    const series = created.json.series;
    expect(series.occurrences.map((o: { index: number; status: string }) => [o.index, o.status])).toEqual([[0, 'booked'], [1, 'booked'], [2, 'skipped'], [3, 'booked']]);
    return { therapistId, me, series };
  }
  const place = (claims: ReturnType<typeof claimsFor>, id: string, index: string, start: string) =>
    call('placeMySeriesOccurrence', { claims, pathParameters: { id, index }, body: { start } });

  test('placed: the occurrence is booked at the new time in the series record, its booking carries the series id and index; again is a 409', async () => {
    const { me, series } = await skippedWeek();
    const r = await place(me, series.id, '2', wednesday(2));
    expect(r.status).toBe(200);
    const occurrence = r.json.series.occurrences[2];
    expect(occurrence).toMatchObject({ index: 2, status: 'booked', start: '2027-01-20T14:00:00+01:00', bookingId: expect.any(String) });
    expect(occurrence.reason).toBeUndefined();
    expect(r.json.series.occurrences.map((o: { status: string }) => o.status)).toEqual(['booked', 'booked', 'booked', 'booked']);
    const got = await call('getMySeries', { claims: me, pathParameters: { id: series.id } });
    expect(got.json.series).toEqual(r.json.series);

    const booking = (await dependencies().bookings.get(occurrence.bookingId))!;
    expect(booking).toMatchObject({ status: 'confirmed', seriesId: series.id, occurrenceIndex: 2, start: new Date(wednesday(2)).toISOString() });

    const before = await itemsOf(series.therapistId);
    const again = await place(me, series.id, '2', wednesday(2));
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    const booked = await place(me, series.id, '1', wednesday(1));
    expect(booked.status).toBe(409);
    expect(booked.json.error.code).toBe('conflict');
    expect(await itemsOf(series.therapistId)).toEqual(before);
  });

  test('a time outside the skipped week is a 400 at start; a taken time is a 409 slot_unavailable; nothing is written', async () => {
    const { therapistId, me, series } = await skippedWeek();
    const before = await itemsOf(therapistId);
    // Monday 2027-01-25 is the next week; Sunday 2027-01-17 the week before (weeks run Monday to Sunday, Berlin).
    for (const start of ['2027-01-25T10:00:00+01:00', '2027-01-17T10:00:00+01:00']) {
      const r = await place(me, series.id, '2', start);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('validation_failed');
      expect(r.json.error.fields).toEqual([expect.objectContaining({ path: 'start' })]);
    }
    const bad = await place(me, series.id, '2', 'Wednesday 14:00');
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual([expect.objectContaining({ path: 'start' })]);
    const badIndex = await place(me, series.id, 'two', wednesday(2));
    expect(badIndex.status).toBe(400);
    expect(badIndex.json.error.fields).toEqual([expect.objectContaining({ path: 'index' })]);
    // The skipped Tuesday itself is still taken by the single booking.
    const taken = await place(me, series.id, '2', tuesday(2));
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('slot_unavailable');
    const missing = await place(me, series.id, '9', wednesday(2));
    expect(missing.status).toBe(404);
    expect(await itemsOf(therapistId)).toEqual(before);
  });

  test('a skipped week of an ended series is a 409 that changes nothing', async () => {
    const { therapistId, me, series } = await skippedWeek();
    expect((await call('endMySeries', { claims: me, pathParameters: { id: series.id }, body: { from: '2027-01-26' } })).status).toBe(200);
    const before = await itemsOf(therapistId);
    const r = await place(me, series.id, '2', wednesday(2));
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('conflict');
    expect(await itemsOf(therapistId)).toEqual(before);
  });

  test("another therapist's series is the same 404 as a missing one", async () => {
    const { therapistId, series } = await skippedWeek();
    const stranger = claimsFor(await createTherapist());
    const before = await itemsOf(therapistId);
    const theirs = await place(stranger, series.id, '2', wednesday(2));
    const missing = await place(stranger, 'no-such-series', '2', wednesday(2));
    expect(theirs.status).toBe(404);
    expect(theirs.json).toEqual(missing.json);
    expect(await itemsOf(therapistId)).toEqual(before);
  });
});
