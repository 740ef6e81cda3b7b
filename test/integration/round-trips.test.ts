import { handler as availabilityHandler } from '../../functions/http/get-availability';
import { handler as createHandler } from '../../functions/http/create-booking';
import { loadConfig } from '../../shared/config/config';
import { overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createDocumentClient } from '../../shared/store/dynamo-client';
import { invoke } from '../support/lambda-invoke';
import { client, createTherapist, TestClock } from '../support/practice-fixture';

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
