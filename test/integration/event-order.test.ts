import ICAL from 'ical.js';
import type { BookingEvent } from '../../events/booking-events';
import { handler as remindersHandler } from '../../functions/events/schedule-reminders';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { createBooking, rescheduleBooking } from '../../shared/booking/booking-service';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { formatInstant, formatTimeRange } from '../../shared/notifications/appointment-time';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import type { PendingReminder, ReminderRepository } from '../../shared/store/reminder-repository';
import { bridgeEvent } from '../support/bridge-event';
import { HISTORIES, historyCases, playHistory, T0, T1, type Change } from '../support/event-histories';
import { createTherapist, TestClock } from '../support/practice-fixture';
import { addressedTo, calendarOf, storedEmails, type StoredEmail } from '../support/ses-store';

/*
 * Queues do not keep order and retries reorder: the consumers must act on the booking as it is now.
 * Every permutation of each booking's events, each event delivered again afterwards (one by one in
 * reverse, then all at once), to both consumers, against DynamoDB Local and the local SES server.
 * After every delivery: each new email names the booking's current time, sequence and status. At
 * the end: the reminders are exactly those of the current start (none if cancelled), no email went
 * twice, and each recipient's last email tells the booking as it is.
 */

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeEach(() => {
  resetDependencies();
  clock.set('2026-12-01T06:00:00Z');
  overrideDependencies({ clock });
});
afterAll(() => resetDependencies());

const invoke = (handler: unknown, event: BookingEvent) => (handler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000));
/** One delivery of an event: to both of its consumers, which run independently. */
const deliver = async (event: BookingEvent) => {
  const results = await Promise.all([invoke(notificationsHandler, event), invoke(remindersHandler, event)]);
  // A consumer that reports a failed record would be retried by the queue; here that is a failure.
  for (const r of results as Array<{ batchItemFailures?: unknown[] } | undefined>) expect(r?.batchItemFailures ?? []).toEqual([]);
};

let seq = 0;
async function couplesBooking() {
  const therapistId = await createTherapist();
  const tag = `${therapistId}-${++seq}`;
  const people = { alex: `alex-${tag}@example.test`, blake: `blake-${tag}@example.test`, therapist: `${therapistId}@example.test` };
  const { booking } = await createBooking(dependencies(), {
    therapistId, sessionTypeId: 'couples-80', start: T0, timeZone: 'America/Chicago', policyAccepted: true,
    clients: [{ name: 'Alex Morgan', email: people.alex }, { name: 'Blake Rivers', email: people.blake }],
  });
  return { booking, people };
}

const lineOf = (email: StoredEmail, label: string) => email.body.text!.split('\n').find((l) => l.startsWith(`${label}: `));

/** The email tells the booking exactly as it is: its time, its sequence, cancelled or not. */
function expectTellsCurrent(email: StoredEmail, current: Booking, history: Booking[], zone: string) {
  const cancelled = current.status === 'cancelled';
  expect({ subject: email.subject, when: lineOf(email, 'When') }).toEqual({
    subject: cancelled ? 'Appointment cancelled' : expect.not.stringMatching(/cancelled/),
    when: `When: ${formatTimeRange(current.start, current.end, zone, 'en-US')}`,
  });
  const previously = lineOf(email, 'Previously');
  if (previously !== undefined) {
    // Only a reschedule says where the session was, and only the move that made the current time.
    expect(email.subject).toBe('Appointment rescheduled');
    expect(previously).toBe(`Previously: ${formatInstant(history[current.sequence - 1]!.start, zone, 'en-US')}`);
  }
  const ics = calendarOf(email);
  if (ics === undefined) return; // the therapist's note has no calendar part
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  expect({
    method: calendar.getFirstPropertyValue('method'),
    start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    sequence: vevent.getFirstPropertyValue('sequence'),
  }).toEqual({ method: cancelled ? 'CANCEL' : 'REQUEST', start: current.start, sequence: current.sequence });
}

async function runHistory(changes: Change[], order: number[], eager: boolean) {
  const deps = dependencies();
  const { booking, people } = await couplesBooking();
  const zones: Record<string, string> = { [people.alex]: booking.timeZone, [people.blake]: booking.timeZone, [people.therapist]: 'Europe/Berlin' };
  const mine = async () => {
    const all = await storedEmails();
    return Object.keys(zones).map((address) => ({ address, emails: addressedTo(all, address) }));
  };
  const checked = new Set<string>();
  const checkNewEmails = async (history: Booking[]) => {
    const current = (await deps.bookings.get(booking.id))!;
    for (const { address, emails } of await mine()) {
      for (const email of emails.filter((e) => !checked.has(e.messageId))) {
        checked.add(email.messageId);
        expectTellsCurrent(email, current, history, zones[address]!);
      }
    }
  };

  // Eager: each event is delivered as soon as it exists in this order (so later changes happen
  // between deliveries); otherwise every change happens first and all events arrive late.
  const { history } = await playHistory({ booking, changes, order, eager, deliver, afterDelivery: checkNewEmails });

  const current = (await deps.bookings.get(booking.id))!;
  expect(current.sequence).toBe(changes.length);
  const { reminderOffsetsMinutes } = await deps.settings.get();
  const expected =
    current.status === 'cancelled'
      ? []
      : [...new Set(reminderOffsetsMinutes)]
          .filter((offset) => Date.parse(current.start) - offset * 60_000 > Date.parse(current.updatedAt))
          .map((offset) => [offset, current.start]);
  const pending = await deps.reminders.ofBooking(booking.id);
  expect(pending.map((r) => [r.offsetMinutes, r.start]).sort()).toEqual(expected.sort());

  for (const { address, emails } of await mine()) {
    // At most once: no two emails to one person say the same thing.
    const said = emails.map((e) => `${e.subject}\n${e.body.text}`);
    expect({ address, duplicates: said.filter((s, i) => said.indexOf(s) !== i) }).toEqual({ address, duplicates: [] });
    // The last word each person got is the booking as it is (checked against `current` when sent).
    expect(emails.length).toBeGreaterThan(0);
    expectTellsCurrent(emails.at(-1)!, current, history, zones[address]!);
  }
}

describe.each(Object.entries(HISTORIES))('events of a booking %s, in any order and repeated', (_name, changes) => {
  const cases = historyCases(changes);
  test.each(cases)('%s', async (_label, order, eager) => {
    await runHistory(changes, order, eager);
  });
});

test('a booking moved while its reminders are being written still ends with only the new time’s reminders', async () => {
  const deps = dependencies();
  const { booking } = await couplesBooking();
  const real = deps.reminders;
  let moved: Booking | undefined;
  // The window a stand-in cannot open on demand: the consumer has read the booking, and the move
  // commits (and its own event is fully handled) before the consumer writes.
  const racing = Object.create(real) as ReminderRepository;
  racing.put = async (reminder: PendingReminder) => {
    if (!moved) {
      moved = await rescheduleBooking(deps, booking.id, T1);
      await invoke(remindersHandler, eventsForBookingChange(booking, moved)[0]!);
    }
    return real.put(reminder);
  };
  overrideDependencies({ reminders: racing });
  await invoke(remindersHandler, eventsForBookingChange(undefined, booking)[0]!);
  expect(moved).toBeDefined();
  const pending = await real.ofBooking(booking.id);
  expect([...new Set(pending.map((r) => r.start))]).toEqual([moved!.start]);
});
