import { DateTime } from 'luxon';
import { httpClient } from '../support/http-client';

/*
 * Standing appointments over HTTP, as `npm start` serves them: a client books a weekly series of
 * six through POST /v1/bookings with repeat, reads it with the manage token and cancels from the
 * third; the demo therapist creates, lists, ends and moves one. January 2027, at times the other
 * end-to-end files do not book, whichever of their clocks is set.
 */
const http = httpClient(process.env.E2E_API!);
const NY = 'America/New_York';
const weekly = (first: string, week: number) => DateTime.fromISO(first, { zone: NY }).plus({ weeks: week }).toUTC().toISO()!;
const typeId = `weekly-${Date.now().toString(36)}`;
let auth: Record<string, string>;

beforeAll(async () => {
  const token = (await http('POST', '/_local/token', { therapistId: 'demo' })).json.token as string;
  auth = { authorization: `Bearer ${token}` };
  const created = await http(
    'POST', '/v1/me/session-types',
    { id: typeId, name: 'Weekly session', kind: 'individual', durationMinutes: 50, modality: 'telehealth', repeat: { everyWeeks: [1, 2], maxCount: 12 } },
    auth,
  );
  expect(created.status).toBe(201);
});
afterAll(async () => {
  // Hide the type again so the demo practice others read looks as seeded (it has bookings, so it stays).
  await http('PUT', `/v1/me/session-types/${typeId}`, { name: 'Weekly session', kind: 'individual', durationMinutes: 50, modality: 'telehealth', hidden: true }, auth);
});

test('a client books a weekly series of six, opens it with the manage token and cancels from the third', async () => {
  const listed = await http('GET', '/v1/therapists');
  const type = listed.json.therapists.find((t: { id: string }) => t.id === 'demo').sessionTypes.find((s: { id: string }) => s.id === typeId);
  expect(type.repeat).toEqual({ everyWeeks: [1, 2], maxCount: 12 });

  const first = '2027-01-07T16:00'; // Thursdays, 16:00 New York
  const refused = await http('POST', '/v1/bookings', {
    therapistId: 'demo', sessionTypeId: typeId, start: weekly(first, 0), timeZone: NY,
    clients: [{ name: 'Sam Series', email: 'sam.series@example.test' }], policyAccepted: true, repeat: { everyWeeks: 3, count: 6 },
  });
  expect(refused.status).toBe(400);
  expect(refused.json.error.fields).toEqual([expect.objectContaining({ path: 'repeat.everyWeeks' })]);

  const created = await http(
    'POST', '/v1/bookings',
    {
      therapistId: 'demo', sessionTypeId: typeId, start: weekly(first, 0), timeZone: NY,
      clients: [{ name: 'Sam Series', email: 'sam.series@example.test' }], policyAccepted: true, repeat: { everyWeeks: 1, count: 6 },
    },
    { 'idempotency-key': `e2e-series-${typeId}` },
  );
  expect(created.status).toBe(201);
  const { series, manageToken, booking } = created.json;
  expect(series.occurrences.map((o: { status: string }) => o.status)).toEqual(Array(6).fill('booked'));
  expect(series.occurrences.map((o: { start: string }) => Date.parse(o.start))).toEqual([0, 1, 2, 3, 4, 5].map((w) => Date.parse(weekly(first, w))));
  expect(booking).toMatchObject({ id: series.occurrences[0].bookingId, seriesId: series.id });

  const bearer = { authorization: `Bearer ${manageToken}` };
  const read = await http('GET', `/v1/series/${series.id}`, undefined, bearer);
  expect(read.status).toBe(200);
  expect(read.json.series).toEqual(series);
  expect((await http('GET', `/v1/series/${series.id}`)).status).toBe(403);

  const third = DateTime.fromISO(series.occurrences[2].start, { setZone: true }).setZone(NY).toISODate();
  const cancelled = await http('POST', `/v1/series/${series.id}/cancel`, { from: third }, bearer);
  expect(cancelled.status).toBe(200);
  expect(cancelled.json.series.occurrences.map((o: { status: string }) => o.status)).toEqual(['booked', 'booked', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
  const fourth = await http('GET', `/v1/bookings/${series.occurrences[3].bookingId}?token=${encodeURIComponent(manageToken)}`);
  expect(fourth.status).toBe(403); // the first occurrence's token opens the series, not another occurrence's booking
  const firstBooking = await http('GET', `/v1/bookings/${booking.id}`, undefined, bearer);
  expect(firstBooking.json.booking.status).toBe('confirmed');
});

test('the therapist creates a series, lists it, moves it from the second week and ends it from the third', async () => {
  const first = '2027-01-13T15:00'; // Wednesdays, 15:00 New York
  const bad = await http('POST', '/v1/me/series', { sessionTypeId: typeId, start: weekly(first, 0), timeZone: NY, clients: [], everyWeeks: 1, count: 53 }, auth);
  expect(bad.status).toBe(400);
  expect(bad.json.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['clients', 'count']));

  const created = await http(
    'POST', '/v1/me/series',
    { sessionTypeId: typeId, start: weekly(first, 0), timeZone: NY, clients: [{ name: 'Pat Weekly', email: 'pat.weekly@example.test' }], everyWeeks: 1, count: 4, note: 'standing' },
    auth,
  );
  expect(created.status).toBe(201);
  const series = created.json.series;
  expect(series).toMatchObject({ createdBy: 'therapist', count: 4, note: 'standing', status: 'active' });
  expect(series.occurrences.map((o: { status: string }) => o.status)).toEqual(Array(4).fill('booked'));

  const list = await http('GET', '/v1/me/series', undefined, auth);
  expect(list.status).toBe(200);
  expect(list.json.series.map((s: { id: string }) => s.id)).toContain(series.id);
  expect((await http('GET', `/v1/me/series/${series.id}`, undefined, auth)).json.series.id).toBe(series.id);

  const moveTo = '2027-01-21T14:00'; // Thursday of the second week, 14:00
  const moved = await http('POST', `/v1/me/series/${series.id}/reschedule`, { from: '2027-01-20', start: weekly(moveTo, 0) }, auth);
  expect(moved.status).toBe(200);
  expect(moved.json.notMoved).toEqual([]);
  const booked = moved.json.series.occurrences.filter((o: { status: string }) => o.status === 'booked').map((o: { start: string }) => Date.parse(o.start)).sort();
  expect(booked).toEqual([weekly(first, 0), weekly(moveTo, 0), weekly(moveTo, 1), weekly(moveTo, 2)].map((s) => Date.parse(s)));

  const ended = await http('POST', `/v1/me/series/${series.id}/end`, { from: '2027-01-27' }, auth);
  expect(ended.status).toBe(200);
  expect(ended.json.series.status).toBe('ended');
  const left = ended.json.series.occurrences.filter((o: { status: string }) => o.status === 'booked').map((o: { start: string }) => Date.parse(o.start));
  expect(left.sort()).toEqual([weekly(first, 0), weekly(moveTo, 0)].map((s) => Date.parse(s)));
});
