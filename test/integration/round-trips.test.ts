import { handler as availabilityHandler } from '../../functions/http/get-availability';
import { handler as createHandler } from '../../functions/http/create-booking';
import { loadConfig } from '../../shared/config/config';
import { overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createDocumentClient } from '../../shared/store/dynamo-client';
import { invoke } from '../support/lambda-invoke';
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

test('availability costs at most 2 DynamoDB round trips, even for 62 days', async () => {
  const therapistId = await createTherapist();
  sent.length = 0;
  const r = await invoke('getAvailability', availabilityHandler, {
    pathParameters: { therapistId },
    query: { sessionTypeId: 'individual-50', from: '2026-12-02', to: '2027-02-01', timeZone: 'Asia/Tokyo' },
  });
  expect(r.status).toBe(200);
  expect(sent).toHaveLength(2);
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
});
