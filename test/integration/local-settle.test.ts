import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EVENT_CATALOG, REMINDER_SWEEP, STREAM_PUBLISHER } from '../../events/catalog';
import { handler as publishHandler } from '../../functions/events/publish-events';
import { handler as clientHistoryHandler } from '../../functions/events/record-client-history';
import { handler as remindersHandler } from '../../functions/events/schedule-reminders';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { handler as reminderHandler } from '../../functions/events/send-reminder';
import { handler as calendarWriteHandler } from '../../functions/events/write-calendar-bookings';
import { handler as sweepHandler } from '../../functions/scheduled/sweep-reminders';
import { DeadLetters } from '../../infra/local/dead-letters';
import { LocalEventBus } from '../../infra/local/event-bus';
import type { HandlerSource, LambdaHandler } from '../../infra/local/handler-loader';
import { ReminderScheduler } from '../../infra/local/reminder-scheduler';
import { settle } from '../../infra/local/settle';
import { StreamPoller } from '../../infra/local/stream-poller';
import { createBooking } from '../../shared/booking/booking-service';
import type { Mailer } from '../../shared/mail/mailer';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createTherapist, TestClock } from '../support/practice-fixture';
import { addressedTo, storedEmails } from '../support/ses-store';

/*
 * `settle` (POST /_local/settle) is how the end-to-end tests say "nothing more arrived": it must
 * wait for work however long it takes (a slow consumer a fixed sleep would have missed), and for
 * the work that work causes. Dates are in 2031 and the stream is filtered to this test's therapist,
 * so the sweep and the poller never touch what other test files share the table for.
 */
const clock = new TestClock(new Date('2031-03-01T06:00:00Z'));
afterAll(() => resetDependencies());

test('settle waits for a blocked consumer and for the emails and reminders that follow, then nothing is left', async () => {
  resetDependencies();
  overrideDependencies({ clock });
  const therapistId = await createTherapist();
  const mineOnly = (handler: LambdaHandler): LambdaHandler => (event: DynamoDBStreamEvent, context) =>
    handler({ Records: event.Records.filter((r) => JSON.stringify(r.dynamodb?.NewImage ?? r.dynamodb?.OldImage ?? {}).includes(therapistId)) }, context);
  const handlers: Record<string, LambdaHandler> = {
    'functions/events/send-booking-notifications.ts': notificationsHandler as LambdaHandler,
    'functions/events/schedule-reminders.ts': remindersHandler as LambdaHandler,
    'functions/events/send-reminder.ts': reminderHandler as LambdaHandler,
    'functions/events/record-client-history.ts': clientHistoryHandler as LambdaHandler,
    'functions/events/write-calendar-bookings.ts': calendarWriteHandler as LambdaHandler,
    [REMINDER_SWEEP.handler]: sweepHandler as LambdaHandler,
    [STREAM_PUBLISHER.handler]: mineOnly(publishHandler as LambdaHandler),
  };
  const source: HandlerSource = { load: async (file) => handlers[file] ?? Promise.reject(new Error(`no handler ${file}`)) };
  const deadLetters = new DeadLetters();
  const bus = new LocalEventBus(source, deadLetters, { maxAttempts: 3, firstDelayMs: 20, maxDelayMs: 100 }, EVENT_CATALOG);
  const real = dependencies().mailer;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let blocked = 0;
  const slow: Mailer = { send: async (email) => (blocked++, await gate, real.send(email)) };
  overrideDependencies({ clock, events: bus, mailer: slow });

  const { config } = dependencies();
  const poller = new StreamPoller({
    endpoint: config.dynamoDbEndpoint!, region: config.region, tableName: config.tableName, handlerFile: STREAM_PUBLISHER.handler,
    functionName: STREAM_PUBLISHER.name, loader: source, deadLetters, retryDelayMs: 20, pollMs: 50,
  });
  // Only settle sweeps: the interval never fires within the test.
  const scheduler = new ReminderScheduler(source, 3_600_000);
  await poller.start();
  scheduler.start();
  try {
    const alex = `alex-${therapistId}@example.test`;
    const { booking } = await createBooking(dependencies(), {
      therapistId, sessionTypeId: 'individual-50', start: '2031-03-03T10:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true,
      clients: [{ name: 'Alex Morgan', email: alex }],
    });
    let settled = false;
    const settling = settle({ scheduler, poller, bus }).then((r) => ((settled = true), r));
    for (const until = Date.now() + 20_000; blocked === 0 && Date.now() < until; ) await new Promise((r) => setImmediate(r));
    expect(blocked).toBeGreaterThan(0);
    // A consumer is stuck in SES. The stream is read to its end and a sweep runs, which is all a
    // settle that forgot the bus would wait for; the runtime is still not settled.
    await poller.quiet();
    await scheduler.sweepNow();
    await poller.quiet();
    expect(settled).toBe(false);
    release();
    await expect(settling).resolves.toMatchObject({ settled: true });
    // Settled means done: the confirmations and the reminders exist without any further waiting.
    expect(addressedTo(await storedEmails(), alex).map((m) => m.subject)).toEqual(['Appointment confirmed']);
    expect((await dependencies().reminders.ofBooking(booking.id)).map((r) => r.offsetMinutes).sort()).toEqual([120, 1440]);

    // Moving the clock past the 24 h reminder: settle sweeps at the new time and waits for its email.
    clock.set('2031-03-02T09:00:30Z');
    await expect(settle({ scheduler, poller, bus })).resolves.toMatchObject({ settled: true });
    expect(addressedTo(await storedEmails(), alex).map((m) => m.subject)).toEqual(['Appointment confirmed', 'Appointment reminder']);
    // And once settled, settling again finds nothing to deliver (other test files' writes may cost it a round).
    const delivered = bus.delivered;
    await expect(settle({ scheduler, poller, bus })).resolves.toMatchObject({ settled: true });
    expect(bus.delivered).toBe(delivered);
    expect(deadLetters.list()).toEqual([]);
  } finally {
    release();
    await scheduler.stop();
    await poller.stop();
    await bus.idle();
  }
});
