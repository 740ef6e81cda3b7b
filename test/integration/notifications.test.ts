import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EVENT_CATALOG, STREAM_PUBLISHER } from '../../events/catalog';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { handler as remindersHandler } from '../../functions/events/schedule-reminders';
import { handler as publishHandler } from '../../functions/events/publish-events';
import { handler as reminderHandler } from '../../functions/events/send-reminder';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import { DeadLetters } from '../../infra/local/dead-letters';
import { LocalEventBus } from '../../infra/local/event-bus';
import type { HandlerSource, LambdaHandler } from '../../infra/local/handler-loader';
import { StreamPoller } from '../../infra/local/stream-poller';
import { createBooking, rescheduleBooking, cancelBooking } from '../../shared/booking/booking-service';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import type { DomainEventEnvelope, EventPublisher } from '../../shared/events/event-publisher';
import type { Mailer } from '../../shared/mail/mailer';
import { sweepDueReminders } from '../../shared/reminders/reminder-sweep';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { bridgeEvent } from '../support/bridge-event';
import { createTherapist, TestClock } from '../support/practice-fixture';
import { addressedTo, calendarOf, storedEmails } from '../support/ses-store';

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
const handlers: Record<string, LambdaHandler> = {
  'functions/events/send-booking-notifications.ts': notificationsHandler as LambdaHandler,
  'functions/events/schedule-reminders.ts': remindersHandler as LambdaHandler,
  'functions/events/send-reminder.ts': reminderHandler as LambdaHandler,
  [STREAM_PUBLISHER.handler]: publishHandler as LambdaHandler,
};
const source: HandlerSource = { load: async (file) => handlers[file] ?? Promise.reject(new Error(`no handler ${file}`)) };
const fastRetry = { maxAttempts: 4, firstDelayMs: 20, maxDelayMs: 100 };

beforeEach(() => {
  resetDependencies();
  clock.set('2026-12-01T06:00:00Z');
  overrideDependencies({ clock });
});
afterAll(() => resetDependencies());

let seq = 0;
/** A couples booking whose partners have addresses no other test uses. */
async function couplesBooking(start = '2026-12-03T10:00:00+01:00') {
  const therapistId = await createTherapist();
  const tag = `${therapistId}-${++seq}`;
  const people = { alex: `alex-${tag}@example.test`, blake: `blake-${tag}@example.test`, therapist: `${therapistId}@example.test` };
  const { booking } = await createBooking(dependencies(), {
    therapistId, sessionTypeId: 'couples-80', start, timeZone: 'America/Chicago', policyAccepted: true, note: `note-${tag}`,
    clients: [{ name: 'Alex Morgan', email: people.alex }, { name: 'Blake Rivers', email: people.blake }],
  });
  return { booking, people };
}
const confirmedEvent = (booking: Booking) => eventsForBookingChange(undefined, booking)[0]!;
const invoke = (handler: unknown, event: DomainEventEnvelope | Record<string, unknown>) =>
  (handler as LambdaHandler)(bridgeEvent(event as DomainEventEnvelope), lambdaContext('test', 10_000));
async function mailsFor(...addresses: string[]) {
  const all = await storedEmails();
  return addresses.map((a) => addressedTo(all, a));
}
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('confirmations', () => {
  test('each partner and the therapist get exactly one email, however often the event arrives', async () => {
    const { booking, people } = await couplesBooking();
    const event = confirmedEvent(booking);
    await invoke(notificationsHandler, event);
    await Promise.all([invoke(notificationsHandler, event), invoke(notificationsHandler, event), invoke(notificationsHandler, event)]);
    const [alex, blake, therapist] = await mailsFor(people.alex, people.blake, people.therapist);
    expect([alex!.length, blake!.length, therapist!.length]).toEqual([1, 1, 1]);
    expect(alex![0]!.destination.to).toEqual([people.alex]);
    expect(calendarOf(alex![0]!)).toContain(people.alex);
    expect(calendarOf(alex![0]!)).not.toContain(people.blake);
    expect(JSON.stringify(therapist)).not.toContain(booking.note!);
    expect(therapist![0]!.body.text).toContain('Alex');
    expect(therapist![0]!.body.text).not.toContain('Morgan');
  });

  test('an SES outage delays the emails but loses and doubles none', async () => {
    const real = dependencies().mailer;
    let calls = 0;
    const flaky: Mailer = {
      send: async (email) => {
        calls++;
        if (calls === 2 || calls === 3 || calls === 4) throw Object.assign(new Error('SES is down'), { name: 'ServiceUnavailable' });
        return real.send(email);
      },
    };
    overrideDependencies({ mailer: flaky });
    const { booking, people } = await couplesBooking('2026-12-03T14:00:00+01:00');
    const deadLetters = new DeadLetters();
    const bus = new LocalEventBus(source, deadLetters, fastRetry, EVENT_CATALOG.filter((c) => c.name === 'send-booking-notifications'));
    await bus.publish([confirmedEvent(booking)]);
    await bus.idle();
    const [alex, blake, therapist] = await mailsFor(people.alex, people.blake, people.therapist);
    expect([alex!.length, blake!.length, therapist!.length]).toEqual([1, 1, 1]);
    expect(calls).toBeGreaterThanOrEqual(6);
    expect(deadLetters.list()).toEqual([]);
  });

  test('a poison event and a never-ending outage end as visible dead letters, not silence', async () => {
    overrideDependencies({ mailer: { send: async () => Promise.reject(Object.assign(new Error('down'), { name: 'ServiceUnavailable' })) } });
    const { booking, people } = await couplesBooking('2026-12-04T10:00:00+01:00');
    const deadLetters = new DeadLetters();
    const bus = new LocalEventBus(source, deadLetters, fastRetry, EVENT_CATALOG.filter((c) => c.name === 'send-booking-notifications'));
    const poison = { id: 'poison-1', type: 'booking.confirmed', version: 1, occurredAt: 'yesterday', data: { bookingId: 42 } } as unknown as DomainEventEnvelope;
    await bus.publish([poison, confirmedEvent(booking)]);
    await bus.idle();
    const letters = deadLetters.list();
    expect(letters.map((l) => [l.source, (l.payload as { id: string }).id, l.attempts])).toEqual(
      expect.arrayContaining([
        ['send-booking-notifications', 'poison-1', fastRetry.maxAttempts],
        ['send-booking-notifications', confirmedEvent(booking).id, fastRetry.maxAttempts],
      ]),
    );
    const [alex] = await mailsFor(people.alex);
    expect(alex).toEqual([]);
  });

  test('the stream is the outbox: a booking whose request died after the write is still confirmed', async () => {
    // Bookings never publish; nothing after the commit matters. The publisher fails twice, too.
    const bus = new LocalEventBus(source, new DeadLetters(), fastRetry, EVENT_CATALOG.filter((c) => c.name === 'send-booking-notifications'));
    let failures = 2;
    const flakyBus: EventPublisher = {
      publish: async (events) => {
        if (failures-- > 0) throw Object.assign(new Error('bus unavailable'), { name: 'EventBridgeUnavailable' });
        return bus.publish(events);
      },
    };
    overrideDependencies({ events: flakyBus });
    const { booking, people } = await couplesBooking('2026-12-04T14:00:00+01:00');
    const { config } = dependencies();
    // The poller reads the shared table's whole stream: publish only this booking's records, so
    // other test files' bookings are never notified from here.
    const onlyThisBooking: HandlerSource = {
      load: async (file) => {
        const handler = await source.load(file);
        if (file !== STREAM_PUBLISHER.handler) return handler;
        return (event: DynamoDBStreamEvent, context) =>
          handler({ Records: event.Records.filter((r) => JSON.stringify(r.dynamodb?.Keys ?? {}).includes(booking.id)) }, context);
      },
    };
    const poller = new StreamPoller({
      endpoint: config.dynamoDbEndpoint!, region: config.region, tableName: config.tableName, handlerFile: STREAM_PUBLISHER.handler,
      functionName: STREAM_PUBLISHER.name, loader: onlyThisBooking, deadLetters: new DeadLetters(), retryDelayMs: 20, pollMs: 50,
    });
    await poller.start();
    try {
      const [alex, blake] = await eventually(() => mailsFor(people.alex, people.blake), ([a, b]) => a!.length > 0 && b!.length > 0);
      expect([alex!.length, blake!.length]).toEqual([1, 1]);
      expect(alex![0]!.subject).toBe('Appointment confirmed');
    } finally {
      await poller.stop();
      await bus.idle();
    }
  });
});

describe('reminders', () => {
  const pending = (bookingId: string) => dependencies().reminders.ofBooking(bookingId);

  test('a booking made inside an offset skips that reminder; reschedule moves them; cancel removes them', async () => {
    clock.set('2026-12-03T07:00:00Z'); // 3 hours before a 10:00 Berlin (09:00Z) session: no 24 h reminder
    const { booking } = await couplesBooking('2026-12-03T11:00:00+01:00');
    await invoke(remindersHandler, confirmedEvent(booking));
    expect((await pending(booking.id)).map((r) => r.offsetMinutes)).toEqual([120]);

    const moved = await rescheduleBooking(dependencies(), booking.id, '2026-12-05T11:00:00+01:00');
    const [rescheduled] = eventsForBookingChange(booking, moved);
    await invoke(remindersHandler, rescheduled!);
    expect((await pending(booking.id)).map((r) => [r.offsetMinutes, r.start]).sort()).toEqual([
      [120, '2026-12-05T10:00:00.000Z'],
      [1440, '2026-12-05T10:00:00.000Z'],
    ]);
    await invoke(remindersHandler, rescheduled!); // redelivered: nothing changes
    expect(await pending(booking.id)).toHaveLength(2);

    const cancelled = await cancelBooking(dependencies(), booking.id, { by: 'client' });
    await invoke(remindersHandler, eventsForBookingChange(moved, cancelled)[0]!);
    expect(await pending(booking.id)).toEqual([]);
  });

  test('the sweep turns due reminders into events once, and each reminder email goes out once', async () => {
    const { booking, people } = await couplesBooking('2026-12-06T10:00:00+01:00');
    await invoke(remindersHandler, confirmedEvent(booking));
    const published: DomainEventEnvelope[] = [];
    const capture: EventPublisher = { publish: async (events) => void published.push(...events) };
    overrideDependencies({ events: capture });
    clock.set('2026-12-05T08:58:59Z'); // one second before the 24 h reminder
    await sweepDueReminders(dependencies());
    expect(published.filter((e) => (e.data as { bookingId: string }).bookingId === booking.id)).toEqual([]);
    clock.set('2026-12-05T09:00:00Z');
    await sweepDueReminders(dependencies());
    await sweepDueReminders(dependencies());
    const mine = published.filter((e) => (e.data as { bookingId: string }).bookingId === booking.id);
    expect(mine.map((e) => [e.type, (e.data as { offsetMinutes: number }).offsetMinutes])).toEqual([['reminder.due', 1440]]);
    await invoke(reminderHandler, mine[0]!);
    await invoke(reminderHandler, mine[0]!); // a redelivered reminder
    const [alex, blake] = await mailsFor(people.alex, people.blake);
    expect(alex!.map((m) => m.subject)).toEqual(['Appointment reminder']);
    expect(blake!.map((m) => m.subject)).toEqual(['Appointment reminder']);
  });

  test('a reminder for a moved or cancelled booking is stale and sends nothing', async () => {
    const { booking, people } = await couplesBooking('2026-12-07T10:00:00+01:00');
    const stale = {
      id: 'stale-reminder', type: 'reminder.due', version: 1, occurredAt: '2026-12-06T09:00:00Z',
      data: { bookingId: booking.id, therapistId: booking.therapistId, offsetMinutes: 1440, start: '2026-12-07T08:00:00.000Z', dueAt: '2026-12-06T08:00:00.000Z' },
    };
    await invoke(reminderHandler, stale); // not the booking's start
    await cancelBooking(dependencies(), booking.id, { by: 'therapist' });
    await invoke(reminderHandler, { ...stale, id: 'stale-2', data: { ...stale.data, start: booking.start } });
    const [alex] = await mailsFor(people.alex);
    expect(alex).toEqual([]);
  });
});
