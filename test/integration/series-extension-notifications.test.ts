import { EVENT_CATALOG, STREAM_PUBLISHER } from '../../events/catalog';
import { handler as extendHandler } from '../../functions/scheduled/extend-series';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { handler as publishHandler } from '../../functions/events/publish-events';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import { DeadLetters } from '../../infra/local/dead-letters';
import { LocalEventBus } from '../../infra/local/event-bus';
import type { HandlerSource, LambdaHandler } from '../../infra/local/handler-loader';
import { settle } from '../../infra/local/settle';
import { StreamPoller } from '../../infra/local/stream-poller';
import type { DomainEventEnvelope, EventPublisher } from '../../shared/events/event-publisher';
import { seriesCalendarUid } from '../../shared/notifications/series-calendar';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import type { Series } from '../../shared/series/series';
import { createSeries, getSeries } from '../../shared/series/series-service';
import { expandedStarts, parseIcs } from '../unit/series-notifications/series-fixtures';
import { bridgeEvent } from '../support/bridge-event';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { createTherapist, TestClock } from '../support/practice-fixture';
import { addressedTo, calendarOf, storedEmails, type StoredEmail } from '../support/ses-store';

/**
 * A week the extension job skips after the confirmation is told (decision 71), through the real
 * pipeline: the job walks every therapist of the practice, so the practice is a table of this
 * file's own, and its stream is read by the stream publisher; the events reach the notification
 * consumer on the local bus and the emails land in the local SES server.
 */
const clock = new TestClock(new Date('2027-01-04T06:00:00Z'));
const handlers: Record<string, LambdaHandler> = {
  'functions/events/send-booking-notifications.ts': notificationsHandler as LambdaHandler,
  [STREAM_PUBLISHER.handler]: publishHandler as LambdaHandler,
};
const source: HandlerSource = { load: async (file) => handlers[file] ?? ((async () => undefined) as LambdaHandler) };
const consumers = EVENT_CATALOG.filter((c) => c.name === 'send-booking-notifications');
const deadLetters = new DeadLetters();
const bus = new LocalEventBus(source, deadLetters, { maxAttempts: 4, firstDelayMs: 20, maxDelayMs: 100 }, consumers);
const published: DomainEventEnvelope[] = [];
const capture: EventPublisher = { publish: async (events) => (published.push(...events), bus.publish(events)) };
let poller: StreamPoller;

beforeAll(async () => {
  resetDependencies();
  await useOwnPractice();
  overrideDependencies({ clock, events: capture });
  const { config } = dependencies();
  poller = new StreamPoller({
    endpoint: config.dynamoDbEndpoint!, region: config.region, tableName: config.tableName, handlerFile: STREAM_PUBLISHER.handler,
    functionName: STREAM_PUBLISHER.name, loader: source, deadLetters, retryDelayMs: 20, pollMs: 50,
  });
  await poller.start();
});
afterAll(async () => {
  await poller?.stop();
  await bus.idle();
  backToSharedPractice();
  resetDependencies();
});

async function settled() {
  const result = await settle({ scheduler: { sweepNow: async () => undefined } as never, poller, bus });
  expect(result.settled).toBe(true);
  expect(deadLetters.list()).toEqual([]);
}
const inbox = async (address: string): Promise<StoredEmail[]> => addressedTo(await storedEmails(), address);
const bookedStarts = (s: Series) => s.occurrences.filter((o) => o.status === 'booked').map((o) => new Date(o.start).toISOString()).sort();
const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '08:00', end: '20:00' }]]));
const run = () => extendHandler({} as never, {} as never);
const redeliver = (event: DomainEventEnvelope) => notificationsHandler(bridgeEvent(event) as never, lambdaContext('test', 10_000) as never);

it('a week the job skips later: one email to each partner whose .ics drops that week, one to the therapist with the date and why; a re-run and redelivery send nothing more', async () => {
  const therapistId = await createTherapist({ timeZone: 'Europe/Berlin', weekly: everyDay, horizonDays: 30 });
  const me = `${therapistId}@example.test`;
  const alex = { name: 'Alex Morgan', email: `alex-${therapistId}@example.test` };
  const blake = { name: 'Blake Rivers', email: `blake-${therapistId}@example.test` };
  const { series } = await createSeries(dependencies(), {
    therapistId, sessionTypeId: 'couples-80', start: '2027-01-05T09:00:00.000Z', timeZone: 'America/Chicago', clients: [alex, blake], note: 'private-series-note', everyWeeks: 1, by: 'therapist',
  });
  expect(series.plannedThrough).toBe('2027-03-29');
  await settled();
  expect((await inbox(alex.email)).map((m) => m.subject)).toEqual(['Appointments confirmed']);

  // A week passes; week 13 (Tuesday 30 March, 10:00 in Berlin, summer time by then) is on time off.
  await dependencies().therapists.putTimeOff(therapistId, { id: 'off', start: '2027-03-30T00:00:00Z', end: '2027-03-31T00:00:00Z' } as never);
  clock.set('2027-01-11T06:00:00Z');
  const report = await run();
  expect(report.skipped).toEqual([{ seriesId: series.id, start: '2027-03-30T08:00:00.000Z', reason: 'time_off' }]);
  await settled();

  const now = await getSeries(dependencies(), series.id);
  expect(now.plannedThrough).toBe('2027-04-05');
  expect(now.sequence).toBe(series.sequence + 1);
  const through = new Date('2027-04-06T00:00:00Z');
  for (const client of [alex, blake]) {
    const mail = await inbox(client.email);
    expect(mail.map((m) => m.subject)).toEqual(['Appointments confirmed', 'A change to your standing appointments']);
    const change = mail[1]!;
    expect(change.body.text).toContain('Tuesday, March 30, 2027, 3:00 AM'); // Chicago: the client's zone
    expect(change.body.text).not.toMatch(/time off|already booked|day off|private-series-note/);
    const ics = calendarOf(change)!;
    const calendar = parseIcs(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const [event] = calendar.getAllSubcomponents('vevent');
    expect(event!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(series.id));
    expect(event!.getFirstPropertyValue('sequence')).toBe(now.sequence);
    expect(expandedStarts(ics, through)).toEqual(bookedStarts(now));
    expect(bookedStarts(now)).toHaveLength(12);
    expect(bookedStarts(now)).not.toContain('2027-03-30T08:00:00.000Z');
  }
  const therapistMail = await inbox(me);
  expect(therapistMail.map((m) => m.subject)).toEqual(['New standing appointment', 'A week of a standing appointment could not be booked']);
  expect(therapistMail[1]!.body.text).toContain('Tuesday, March 30, 2027, 10:00 AM (time off)');
  expect(therapistMail[1]!.body.text).not.toMatch(/Morgan|private-series-note/);

  // The job again, and every series.changed handed again: nothing more.
  const ours = async () => (await Promise.all([alex.email, blake.email, me].map(inbox))).flat().length;
  const count = await ours();
  expect(count).toBe(6);
  expect(await run()).toEqual({ series: 0, booked: 0, skipped: [] });
  const changes = published.filter((e) => e.type === 'series.changed');
  expect(changes.map((e) => e.data)).toEqual([{ seriesId: series.id, therapistId, sequence: now.sequence }]);
  for (const event of changes) await redeliver(event);
  await settled();
  expect(await ours()).toBe(count);
});
