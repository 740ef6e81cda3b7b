import { handler as availabilityHandler } from '../../functions/http/get-availability';
import { handler as createHandler } from '../../functions/http/create-booking';
import { handler as putSettingsHandler } from '../../functions/http/put-settings';
import { loadConfig } from '../../shared/config/config';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createDocumentClient } from '../../shared/store/dynamo-client';
import { claimsFor, invoke } from '../support/lambda-invoke';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, createTherapist, putSettings, TestClock } from '../support/practice-fixture';

/** Every command the handlers send to DynamoDB, by name. */
const sent: string[] = [];
const db = createDocumentClient(loadConfig());
db.middlewareStack.add(
  (next, context) => async (args) => {
    sent.push(String(context.commandName));
    return next(args);
  },
  { step: 'initialize', name: 'countCommands' },
);

beforeAll(() => overrideDependencies({ db, clock: new TestClock(new Date('2026-12-01T06:00:00Z')) }));
afterAll(() => resetDependencies());

// The budget is 2; without an Origin needing the settings, configuration and ledgers are one Query (decision 45).
test('availability costs one DynamoDB round trip, even for 62 days', async () => {
  const therapistId = await createTherapist();
  sent.length = 0;
  const r = await invoke('getAvailability', availabilityHandler, {
    pathParameters: { therapistId },
    query: { sessionTypeId: 'individual-50', from: '2026-12-02', to: '2027-02-01', timeZone: 'Asia/Tokyo' },
  });
  expect(r.status).toBe(200);
  expect(sent).toEqual(['QueryCommand']);
});

// Issue 15: busy time from other calendars lives in the therapist partition, read by that same one query.
test('availability with busy time from other calendars still costs one round trip, and the busy time blocks', async () => {
  const therapistId = await createTherapist({ minimumNoticeMinutes: 0 });
  const deps = dependencies();
  await deps.calendars.replaceBusy(therapistId, 'source-1', [{ start: '2026-12-02T08:00:00Z', end: '2026-12-02T16:00:00Z' }, { start: '2027-01-05T08:00:00Z', end: '2027-01-05T09:00:00Z' }]);
  sent.length = 0;
  const r = await invoke('getAvailability', availabilityHandler, {
    pathParameters: { therapistId },
    query: { sessionTypeId: 'individual-50', from: '2026-12-02', to: '2027-02-01', timeZone: 'Europe/Berlin' },
  });
  expect(r.status).toBe(200);
  expect(sent).toEqual(['QueryCommand']);
  expect(r.json.days.map((d: { date: string }) => d.date)).not.toContain('2026-12-02');
});

test('a booking costs one transaction and at most two reads', async () => {
  const therapistId = await createTherapist();
  sent.length = 0;
  const r = await invoke('createBooking', createHandler, {
    body: { therapistId, sessionTypeId: 'individual-50', start: '2026-12-02T09:00:00+01:00', timeZone: 'UTC', clients: [client(1)], policyAccepted: true },
    headers: { 'idempotency-key': `rt-${therapistId}` },
  });
  expect(r.status).toBe(201);
  expect(sent.filter((c) => c === 'TransactWriteItemsCommand')).toHaveLength(1);
  expect(sent.filter((c) => c !== 'TransactWriteItemsCommand').length).toBeLessThanOrEqual(2);
  expect(sent).toHaveLength(3);
});

/**
 * The same budgets as a browser meets them: an Origin on every request (the widget's), allowed by
 * the practice settings only, so the CORS decision reads them; the settings cache is expired before
 * each request (Date.now moved past its minute), so that read is always counted; and a therapist
 * who already has bookings, so the ledgers read are not empty.
 */
describe('with an Origin the practice settings allow, a cold settings cache and a therapist who has bookings', () => {
  const origin = 'https://settings-only.example';
  let therapistId: string;
  let shift = 0;
  const realNow = Date.now.bind(Date);
  beforeAll(async () => {
    await useOwnPractice();
    overrideDependencies({ db }); // the counting client, on this test's own table
    await putSettings({ allowedOrigins: [origin] });
    therapistId = await createTherapist();
    for (const [i, start] of ['2026-12-02T10:00:00+01:00', '2026-12-03T11:00:00+01:00'].entries()) {
      const r = await invoke('createBooking', createHandler, {
        body: { therapistId, sessionTypeId: 'individual-50', start, timeZone: 'UTC', clients: [client(10 + i)], policyAccepted: true },
      });
      expect(r.status).toBe(201);
    }
  });
  beforeEach(() => {
    shift += 3_600_000;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => backToSharedPractice());

  test('availability with an Origin costs at most 2 round trips, the settings read included, and answers with CORS', async () => {
    sent.length = 0;
    const r = await invoke('getAvailability', availabilityHandler, {
      pathParameters: { therapistId },
      query: { sessionTypeId: 'individual-50', from: '2026-12-02', to: '2027-01-01', timeZone: 'Asia/Tokyo' },
      headers: { origin },
    });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe(origin);
    expect(sent.length).toBeLessThanOrEqual(2);
  });

  test('a booking with an Origin costs one transaction and at most two reads, the settings read included', async () => {
    sent.length = 0;
    const r = await invoke('createBooking', createHandler, {
      body: { therapistId, sessionTypeId: 'individual-50', start: '2026-12-02T14:00:00+01:00', timeZone: 'UTC', clients: [client(12)], policyAccepted: true },
      headers: { origin, 'idempotency-key': `rt-origin-${therapistId}` },
    });
    expect(r.status).toBe(201);
    expect(r.headers['access-control-allow-origin']).toBe(origin);
    expect(sent.filter((c) => c === 'TransactWriteItemsCommand')).toHaveLength(1);
    expect(sent.filter((c) => c !== 'TransactWriteItemsCommand').length).toBeLessThanOrEqual(2);
  });

  // The CORS decision reuses what the request read or wrote: it must answer as a fresh read after the handler would.
  test('an admin adding or removing an origin gets the CORS answer of the settings as written', async () => {
    const added = 'https://added-now.example';
    const admin = claimsFor('rt-admin', 'admin');
    const add = await invoke('putSettings', putSettingsHandler, { claims: admin, body: { allowedOrigins: [origin, added] }, headers: { origin: added } });
    expect(add.status).toBe(200);
    expect(add.headers['access-control-allow-origin']).toBe(added);
    shift += 3_600_000; // cold again
    const remove = await invoke('putSettings', putSettingsHandler, { claims: admin, body: { allowedOrigins: [origin] }, headers: { origin: added } });
    expect(remove.status).toBe(200);
    expect(remove.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('ledgers read past the range (one query to the end of the partition) change no answer', async () => {
    const query = { sessionTypeId: 'individual-50', timeZone: 'UTC' };
    const day = await invoke('getAvailability', availabilityHandler, { pathParameters: { therapistId }, query: { ...query, from: '2026-12-02', to: '2026-12-02' } });
    const month = await invoke('getAvailability', availabilityHandler, { pathParameters: { therapistId }, query: { ...query, from: '2026-12-02', to: '2026-12-31' } });
    expect(day.status).toBe(200);
    const dayOne = month.json.days.find((d: { date: string }) => d.date === '2026-12-02');
    expect(day.json.days).toEqual([dayOne]);
    const starts = dayOne.slots.map((slot: { start: string }) => Date.parse(slot.start));
    expect(starts.length).toBeGreaterThan(0);
    expect(starts).not.toContain(Date.parse('2026-12-02T10:00:00+01:00')); // booked in beforeAll
  });
});
