import { handler as createHandler } from '../../functions/http/create-booking';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { BookingRepository, CommitRefused } from '../../shared/store/booking-repository';
import { invoke } from '../support/lambda-invoke';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';

// DynamoDB Local never raises TransactionConflictException; these faults are simulated.
class FlakyBookings extends BookingRepository {
  failures: Error[] = [];
  override async commit(...args: Parameters<BookingRepository['commit']>): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    return super.commit(...args);
  }
}

let flaky: FlakyBookings;
beforeAll(() => {
  const { db, config } = dependencies();
  flaky = new FlakyBookings(db, config.tableName);
  overrideDependencies({ bookings: flaky, clock: new TestClock(new Date('2026-12-01T06:00:00Z')) });
});
afterAll(() => resetDependencies());

const body = (therapistId: string, start: string) => ({
  therapistId, sessionTypeId: 'individual-50', start, timeZone: 'UTC', clients: [client(1)], policyAccepted: true,
});

test('a transaction conflict is retried with fresh reads and the booking succeeds once', async () => {
  const therapistId = await createTherapist();
  flaky.failures = [new CommitRefused('transaction_conflict'), new CommitRefused('transaction_conflict')];
  const r = await invoke('createBooking', createHandler, { body: body(therapistId, '2026-12-02T09:00:00+01:00') });
  expect(r.status).toBe(201);
  expect((await tableItems()).filter((i) => i.type === 'booking' && i.therapistId === therapistId)).toHaveLength(1);
});

test('endless contention ends in 429 rate_limited, not a 500, and writes nothing', async () => {
  const therapistId = await createTherapist();
  flaky.failures = Array.from({ length: 20 }, () => new CommitRefused('ledger_changed'));
  const before = await tableItems();
  const r = await invoke('createBooking', createHandler, { body: body(therapistId, '2026-12-02T10:00:00+01:00') });
  expect(r.status).toBe(429);
  expect(r.json.error.code).toBe('rate_limited');
  expect(r.headers['retry-after']).toBe('1');
  expect(await tableItems()).toEqual(before);
  flaky.failures = [];
});

test('an unexpected storage failure is a 500 in the contract shape without internals', async () => {
  const therapistId = await createTherapist();
  flaky.failures = [Object.assign(new Error('ProvisionedThroughputExceededException: table practice-booking'), { name: 'InternalServerError' })];
  const r = await invoke('createBooking', createHandler, { body: body(therapistId, '2026-12-02T11:00:00+01:00') });
  expect(r.status).toBe(500);
  expect(r.json).toEqual({ error: { code: 'internal', message: expect.any(String) } });
  expect(JSON.stringify(r.json)).not.toMatch(/practice-booking|Exception|at /);
});
