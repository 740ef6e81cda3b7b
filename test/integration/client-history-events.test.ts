import type { BookingEvent } from '../../events/booking-events';
import { handler as clientHistoryHandler } from '../../functions/events/record-client-history';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { cancelBooking, createBooking } from '../../shared/booking/booking-service';
import type { ClientHistoryRepository } from '../../shared/clients/client-history';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { HISTORIES, historyCases, playHistory, T0, T2, type Change } from '../support/event-histories';
import { createTherapist, TestClock } from '../support/practice-fixture';

/*
 * The client history consumer acts on the booking as it is now: every permutation of a booking's
 * confirmed / rescheduled / cancelled events, delivered eagerly (changes between deliveries) or
 * late (every change first), then each again in reverse and all at once, ends in the same history:
 * a confirmed booking's clients have exactly its current session, a cancelled one's have none.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeEach(() => {
  resetDependencies();
  clock.set('2026-12-01T06:00:00Z');
  overrideDependencies({ clock });
});
afterAll(() => resetDependencies());

const deliver = async (event: BookingEvent) => {
  const result = (await (clientHistoryHandler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000))) as { batchItemFailures?: unknown[] } | undefined;
  expect(result?.batchItemFailures ?? []).toEqual([]);
};

let seq = 0;
async function couplesBooking() {
  const therapistId = await createTherapist();
  const tag = `${therapistId}-${++seq}`;
  const emails = [`alex-${tag}@example.test`, `Blake-${tag}@Example.test`];
  const { booking } = await createBooking(dependencies(), {
    therapistId, sessionTypeId: 'couples-80', start: T0, timeZone: 'America/Chicago', policyAccepted: true,
    clients: [{ name: 'Alex Morgan', email: emails[0]! }, { name: 'Blake Rivers', email: emails[1]! }],
  });
  return { booking, emails };
}

const justBefore = (iso: string) => new Date(Date.parse(iso) - 1);
const FAR = new Date('2027-06-01T00:00:00Z');

/** The history says exactly what the booking is: its clients existing from its current end on, or never (cancelled). */
async function expectHistoryOf(booking: Booking, emails: string[]) {
  const history = dependencies().clientHistory;
  const lower = emails.map((e) => e.toLowerCase());
  if (booking.status === 'confirmed') {
    expect(await history.existingClients(booking.therapistId, lower, justBefore(booking.end))).toEqual([false, false]);
    expect(await history.existingClients(booking.therapistId, lower, new Date(booking.end))).toEqual([true, true]);
  } else {
    expect(await history.existingClients(booking.therapistId, lower, FAR)).toEqual([false, false]);
  }
}

async function runHistory(changes: Change[], order: number[], eager: boolean) {
  const deps = dependencies();
  const { booking, emails } = await couplesBooking();
  // After every delivery the history is that of the booking as it is at that moment.
  const afterDelivery = async () => expectHistoryOf((await deps.bookings.get(booking.id))!, emails);
  await playHistory({ booking, changes, order, eager, deliver, afterDelivery });
  const current = (await deps.bookings.get(booking.id))!;
  expect(current.sequence).toBe(changes.length);
  await expectHistoryOf(current, emails);
}

describe.each(Object.entries(HISTORIES))('client history of a booking %s, events in any order and repeated', (_name, changes) => {
  const cases = historyCases(changes);
  test.each(cases)('%s', async (_label, order, eager) => {
    await runHistory(changes, order, eager);
  });
});

test('cancelling one booking forgets only that session: an earlier past session of the address still counts', async () => {
  const deps = dependencies();
  const { booking, emails } = await couplesBooking();
  await deliver(eventsForBookingChange(undefined, booking)[0]!);
  const { booking: second } = await createBooking(deps, {
    therapistId: booking.therapistId, sessionTypeId: 'individual-50', start: T2, timeZone: 'America/Chicago', policyAccepted: true,
    clients: [{ name: 'Alex Morgan', email: emails[0]!.toUpperCase() }],
  });
  await deliver(eventsForBookingChange(undefined, second)[0]!);
  const cancelled = await cancelBooking(deps, second.id, { by: 'client' });
  await deliver(eventsForBookingChange(second, cancelled)[0]!);
  expect(await deps.clientHistory.existingClients(booking.therapistId, [emails[0]!], FAR)).toEqual([true]);
  const cancelledFirst = await cancelBooking(deps, booking.id, { by: 'therapist' });
  await deliver(eventsForBookingChange(booking, cancelledFirst)[0]!);
  expect(await deps.clientHistory.existingClients(booking.therapistId, emails, FAR)).toEqual([false, false]);
});

test('an event read ahead of its booking is retried, not acted on; a booking that is gone changes nothing', async () => {
  const deps = dependencies();
  const { booking, emails } = await couplesBooking();
  const confirmed = eventsForBookingChange(undefined, booking)[0]!;
  const invoke = (event: BookingEvent) => (clientHistoryHandler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));
  await expect(invoke({ ...confirmed, data: { ...confirmed.data, sequence: 5 } } as BookingEvent)).rejects.toThrow(/older than its event/);
  expect(await deps.clientHistory.existingClients(booking.therapistId, emails, FAR)).toEqual([false, false]);
  await deliver({ ...confirmed, data: { ...confirmed.data, bookingId: '00000000-0000-4000-8000-000000000000' } } as BookingEvent);
  expect(await deps.clientHistory.existingClients(booking.therapistId, emails, FAR)).toEqual([false, false]);
});

test('a booking cancelled while its confirmation is being recorded still ends forgotten', async () => {
  const deps = dependencies();
  const { booking, emails } = await couplesBooking();
  const real = deps.clientHistory;
  let cancelled: Booking | undefined;
  // The window a stand-in cannot open on demand: the consumer has read the booking confirmed, and
  // the cancellation commits (and its own event is fully handled) before the consumer writes.
  const racing = Object.create(real) as ClientHistoryRepository;
  racing.record = async (...args: Parameters<ClientHistoryRepository['record']>) => {
    if (!cancelled) {
      cancelled = await cancelBooking(deps, booking.id, { by: 'client' });
      overrideDependencies({ clientHistory: real });
      await deliver(eventsForBookingChange(booking, cancelled)[0]!);
      overrideDependencies({ clientHistory: racing });
    }
    return real.record(...args);
  };
  overrideDependencies({ clientHistory: racing });
  await deliver(eventsForBookingChange(undefined, booking)[0]!);
  expect(cancelled).toBeDefined();
  expect(await real.existingClients(booking.therapistId, emails, FAR)).toEqual([false, false]);
});
