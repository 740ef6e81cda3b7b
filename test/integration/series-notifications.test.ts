import type { DynamoDBStreamEvent } from 'aws-lambda';
import ICAL from 'ical.js';
import { EVENT_CATALOG, STREAM_PUBLISHER } from '../../events/catalog';
import { handler as notificationsHandler } from '../../functions/events/send-booking-notifications';
import { handler as remindersHandler } from '../../functions/events/schedule-reminders';
import { handler as publishHandler } from '../../functions/events/publish-events';
import { handler as reminderHandler } from '../../functions/events/send-reminder';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import { DeadLetters } from '../../infra/local/dead-letters';
import { LocalEventBus } from '../../infra/local/event-bus';
import type { HandlerSource, LambdaHandler } from '../../infra/local/handler-loader';
import { settle } from '../../infra/local/settle';
import { StreamPoller } from '../../infra/local/stream-poller';
import { cancelBooking, rescheduleBooking } from '../../shared/booking/booking-service';
import type { DomainEventEnvelope, EventPublisher } from '../../shared/events/event-publisher';
import { seriesCalendarUid } from '../../shared/notifications/series-calendar';
import { sweepDueReminders } from '../../shared/reminders/reminder-sweep';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import type { Series } from '../../shared/series/series';
import { createSeries, endSeries, getSeries } from '../../shared/series/series-service';
import { expandedStarts, parseIcs } from '../unit/series-notifications/series-fixtures';
import { bridgeEvent } from '../support/bridge-event';
import { claimsFor } from '../support/lambda-invoke';
import { createTherapist, TestClock } from '../support/practice-fixture';
import { call } from '../support/route-handlers';
import { addressedTo, calendarOf, storedEmails, type StoredEmail } from '../support/ses-store';

/**
 * Series emails through the real pipeline: the writes go to DynamoDB Local, its stream is read by
 * the stream publisher, the events reach the notification and reminder consumers on the local bus,
 * and the emails land in the local SES server. Only this file's therapists' records are published,
 * so other files' bookings are never notified from here.
 */
const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
const handlers: Record<string, LambdaHandler> = {
  'functions/events/send-booking-notifications.ts': notificationsHandler as LambdaHandler,
  'functions/events/schedule-reminders.ts': remindersHandler as LambdaHandler,
  'functions/events/send-reminder.ts': reminderHandler as LambdaHandler,
  [STREAM_PUBLISHER.handler]: publishHandler as LambdaHandler,
};
const mine = new Set<string>();
const source: HandlerSource = {
  load: async (file) => {
    const handler = handlers[file];
    if (!handler) throw new Error(`no handler ${file}`);
    if (file !== STREAM_PUBLISHER.handler) return handler;
    const ours = (r: DynamoDBStreamEvent['Records'][number]) => [...mine].some((id) => JSON.stringify(r.dynamodb?.NewImage ?? r.dynamodb?.OldImage ?? {}).includes(id));
    return (event: DynamoDBStreamEvent, context) => handler({ Records: event.Records.filter(ours) }, context);
  },
};
const consumers = EVENT_CATALOG.filter((c) => ['send-booking-notifications', 'schedule-reminders', 'send-reminder'].includes(c.name));
const deadLetters = new DeadLetters();
const bus = new LocalEventBus(source, deadLetters, { maxAttempts: 4, firstDelayMs: 20, maxDelayMs: 100 }, consumers);
/** Every event the stream publisher published, in order. */
const published: DomainEventEnvelope[] = [];
const capture: EventPublisher = { publish: async (events) => (published.push(...events), bus.publish(events)) };
let poller: StreamPoller;

beforeAll(async () => {
  resetDependencies();
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
  resetDependencies();
});
beforeEach(() => clock.set('2026-12-01T06:00:00Z'));

/** Until the stream is read past every write so far and every consumer has finished: "nothing more came" is then a fact. */
async function settled() {
  const result = await settle({ scheduler: { sweepNow: async () => undefined } as never, poller, bus });
  expect(result.settled).toBe(true);
  expect(deadLetters.list()).toEqual([]);
}
async function therapist() {
  const id = await createTherapist({ minimumNoticeMinutes: 0 });
  mine.add(id);
  return { id, email: `${id}@example.test` };
}
const people = (tag: string) => ({ alex: { name: 'Alex Morgan', email: `alex-${tag}@example.test` }, blake: { name: 'Blake Rivers', email: `blake-${tag}@example.test` } });
/** Exactly this address's emails (a therapist's address is the tail of the clients' here). */
async function inbox(address: string): Promise<StoredEmail[]> {
  return addressedTo(await storedEmails(), address);
}
const booked = (s: Series) => s.occurrences.filter((o) => o.status === 'booked');
const bookedStarts = (s: Series) => booked(s).map((o) => new Date(o.start).toISOString()).sort();
const FAR = new Date('2028-01-01T00:00:00Z');
const vevents = (email: StoredEmail) => parseIcs(calendarOf(email)!).getAllSubcomponents('vevent');
const attendees = (email: StoredEmail) => vevents(email).flatMap((v) => v.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase()));
/** An event handed again to each consumer that takes it, as a redelivery by EventBridge would be. */
const redeliver = (event: DomainEventEnvelope) =>
  Promise.all(consumers.filter((c) => (c.events as string[]).includes(event.type)).map((c) => handlers[c.handler]!(bridgeEvent(event), lambdaContext('test', 10_000))));

describe('a couples series made by the clients', () => {
  let s: Series;
  let who: ReturnType<typeof people>;
  let me: { id: string; email: string };
  /** The reminder events the sweep published (not handed on: the last test delivers them). */
  const fired: DomainEventEnvelope[] = [];
  const sweep = async (at: string) => {
    clock.set(at);
    overrideDependencies({ events: { publish: async (events) => void fired.push(...events) } });
    try {
      await sweepDueReminders(dependencies());
    } finally {
      overrideDependencies({ events: capture });
    }
  };

  test('one confirmation per partner and one to the therapist, none per occurrence; each .ics expands to exactly the booked starts', async () => {
    me = await therapist();
    who = people(me.id);
    // Week 3 is on time off: skipped, an EXDATE in the files.
    await dependencies().therapists.putTimeOff(me.id, { id: 'off', start: '2026-12-22T00:00:00Z', end: '2026-12-23T00:00:00Z' } as never);
    ({ series: s } = await createSeries(dependencies(), {
      therapistId: me.id, sessionTypeId: 'couples-80', start: '2026-12-08T10:00:00+01:00', timeZone: 'America/Chicago',
      clients: [who.alex, who.blake], note: 'private-series-note', everyWeeks: 1, count: 4, by: 'client', policyAccepted: true,
    }));
    expect(s.occurrences.map((o) => o.status)).toEqual(['booked', 'booked', 'skipped', 'booked']);
    await settled();

    const [alex, blake, therapistMail] = [await inbox(who.alex.email), await inbox(who.blake.email), await inbox(me.email)];
    expect(alex.map((m) => m.subject)).toEqual(['Appointments confirmed']);
    expect(blake.map((m) => m.subject)).toEqual(['Appointments confirmed']);
    expect(therapistMail.map((m) => m.subject)).toEqual(['New standing appointment']);
    expect(JSON.stringify(therapistMail)).not.toContain('private-series-note');
    expect(therapistMail[0]!.body.text).not.toContain('Morgan');
    for (const [email, address] of [[alex[0]!, who.alex.email], [blake[0]!, who.blake.email]] as const) {
      expect(email.destination.to).toEqual([address]);
      expect(attendees(email)).toEqual([`mailto:${address}`]);
      const events = vevents(email);
      expect(events).toHaveLength(1);
      expect(events[0]!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
      expect(expandedStarts(calendarOf(email)!, FAR)).toEqual(bookedStarts(s));
      expect(bookedStarts(s)).toEqual(['2026-12-08T09:00:00.000Z', '2026-12-15T09:00:00.000Z', '2026-12-29T09:00:00.000Z']);
    }
    // The occurrences' own confirmations were published and told nothing on their own.
    expect(published.filter((e) => e.type === 'booking.confirmed' && booked(s).some((o) => o.bookingId === (e.data as { bookingId: string }).bookingId))).toHaveLength(3);
  });

  test('reminders are scheduled per booked occurrence, and the sweep fires the first one only when it is due', async () => {
    for (const o of booked(s)) {
      const reminders = await dependencies().reminders.ofBooking(o.bookingId!);
      expect(reminders.map((r) => [r.offsetMinutes, r.start]).sort()).toEqual([[120, o.start], [1440, o.start]]);
    }
    const ours = () => fired.filter((e) => booked(s).some((o) => o.bookingId === (e.data as { bookingId: string }).bookingId));
    await sweep('2026-12-07T08:59:59Z');
    expect(ours()).toEqual([]);
    await sweep('2026-12-07T09:00:00Z');
    expect(ours().map((e) => [e.type, (e.data as { bookingId: string }).bookingId, (e.data as { offsetMinutes: number }).offsetMinutes])).toEqual([
      ['reminder.due', s.occurrences[0]!.bookingId, 1440],
    ]);
  });

  test("the therapist's calendar feed lists every booked occurrence", async () => {
    const url = (await call('getCalendarFeedUrl', { claims: claimsFor(me.id) })).json.url as string;
    const [therapistId, feedToken] = new URL(url).pathname.split('/').slice(-2) as [string, string];
    const feed = await call('getCalendarFeed', { pathParameters: { therapistId, feedToken } });
    expect(feed.status).toBe(200);
    const starts = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent').map((v) => (v.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString());
    expect(starts.sort()).toEqual(bookedStarts(s));
    expect(feed.text).not.toMatch(/example\.test|private-series-note|Morgan/);
  });

  test('cancelling one occurrence sends each partner one update of that instance (same UID, RECURRENCE-ID); its reminders go', async () => {
    const target = s.occurrences[1]!;
    await cancelBooking(dependencies(), target.bookingId!, { by: 'therapist' });
    await settled();
    for (const address of [who.alex.email, who.blake.email]) {
      const mails = await inbox(address);
      expect(mails.map((m) => m.subject)).toEqual(['Appointments confirmed', 'Appointment cancelled']);
      expect(parseIcs(calendarOf(mails[1]!)!).getFirstPropertyValue('method')).toBe('CANCEL');
      const [instance, ...more] = vevents(mails[1]!);
      expect(more).toEqual([]);
      expect(instance!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
      expect((instance!.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(new Date(target.start).toISOString());
    }
    expect(await dependencies().reminders.ofBooking(target.bookingId!)).toEqual([]);
  });

  test('moving one occurrence sends each partner one update of that instance at its new time; its reminders follow', async () => {
    const target = s.occurrences[3]!;
    await rescheduleBooking(dependencies(), target.bookingId!, '2026-12-30T11:00:00+01:00', undefined, { by: 'therapist' });
    await settled();
    for (const address of [who.alex.email, who.blake.email]) {
      const mails = await inbox(address);
      expect(mails.map((m) => m.subject)).toEqual(['Appointments confirmed', 'Appointment cancelled', 'Appointment rescheduled']);
      const [instance, ...more] = vevents(mails[2]!);
      expect(more).toEqual([]);
      expect(instance!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
      expect((instance!.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(new Date(target.start).toISOString());
      expect((instance!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-30T10:00:00.000Z');
    }
    expect((await dependencies().reminders.ofBooking(target.bookingId!)).map((r) => r.start)).toEqual(['2026-12-30T10:00:00.000Z', '2026-12-30T10:00:00.000Z']);
    expect((await inbox(me.email)).map((m) => m.subject)).toEqual(['New standing appointment', 'Appointment cancelled', 'Appointment rescheduled']);
  });

  test('ending from a date sends one cancellation per partner and none per occurrence', async () => {
    await endSeries(dependencies(), s.id, '2026-12-09', { by: 'therapist' });
    await settled();
    s = await getSeries(dependencies(), s.id);
    expect(s.occurrences.map((o) => o.status)).toEqual(['booked', 'cancelled', 'skipped', 'cancelled']);
    for (const address of [who.alex.email, who.blake.email]) {
      const mails = await inbox(address);
      expect(mails.map((m) => m.subject)).toEqual(['Appointments confirmed', 'Appointment cancelled', 'Appointment rescheduled', 'Appointments cancelled']);
      // Ended part-way: the series' event again, its rule cut at the last date kept (decision 63).
      expect(expandedStarts(calendarOf(mails[3]!)!, FAR)).toEqual(['2026-12-08T09:00:00.000Z']);
    }
    expect((await inbox(me.email)).map((m) => m.subject).at(-1)).toBe('Standing appointment ended');
  });

  test('every event of the series delivered again, twice and backwards, sends nothing twice', async () => {
    clock.set('2026-12-07T09:00:30Z'); // just after the first reminder fired: redeliveries come after what they repeat
    const before = (await storedEmails()).length;
    const ofThisSeries = published.filter((e) => (e.data as { seriesId?: string }).seriesId === s.id || s.occurrences.some((o) => o.bookingId && o.bookingId === (e.data as { bookingId?: string }).bookingId));
    expect(ofThisSeries.map((e) => e.type)).toEqual(expect.arrayContaining(['series.created', 'series.ended', 'booking.cancelled', 'booking.rescheduled']));
    for (const event of [...ofThisSeries].reverse()) await redeliver(event);
    await Promise.all(ofThisSeries.map(redeliver));
    await settled();
    expect((await storedEmails()).length).toBe(before);
    expect((await inbox(who.alex.email)).length).toBe(4);
    expect((await inbox(who.blake.email)).length).toBe(4);
    expect(await dependencies().reminders.ofBooking(s.occurrences[3]!.bookingId!)).toEqual([]);
    // The first occurrence's 24 h reminder, swept again after the redeliveries and its event handed
    // on twice: one reminder per partner. (A redelivered confirmation may put the swept reminder
    // back, since reminders are planned from the booking's own times; the event id is the
    // reminder's, so the send claims stop a second email.)
    await sweep('2026-12-07T09:01:00Z');
    const reminderEvents = fired.filter((e) => e.type === 'reminder.due' && (e.data as { bookingId: string }).bookingId === s.occurrences[0]!.bookingId);
    expect(reminderEvents.length).toBeGreaterThan(0);
    for (const event of [...reminderEvents, ...reminderEvents]) await redeliver(event);
    for (const address of [who.alex.email, who.blake.email]) {
      expect((await inbox(address)).filter((m) => m.subject === 'Appointment reminder')).toHaveLength(1);
    }
  });
});

describe("a therapist's series for one client", () => {
  test('one confirmation to the client and one to the therapist; the .ics expands to exactly the booked starts', async () => {
    const me = await therapist();
    const address = `solo-${me.id}@example.test`;
    const { series } = await createSeries(dependencies(), {
      therapistId: me.id, sessionTypeId: 'individual-50', start: '2026-12-10T15:00:00+01:00', timeZone: 'Europe/Berlin',
      clients: [{ name: 'Sam Solo', email: address }], everyWeeks: 2, count: 5, by: 'therapist',
    });
    await settled();
    const mails = await inbox(address);
    expect(mails.map((m) => m.subject)).toEqual(['Appointments confirmed']);
    expect((await inbox(me.email)).map((m) => m.subject)).toEqual(['New standing appointment']);
    expect(series.occurrences.filter((o) => o.status === 'booked')).toHaveLength(5);
    expect(expandedStarts(calendarOf(mails[0]!)!, FAR)).toEqual(bookedStarts(series));
    expect(calendarOf(mails[0]!)).toMatch(/^RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=/m);
  });
});

describe('a skipped week placed by hand (decision 73)', () => {
  test("each partner gets exactly one email for the placed date: an update of the series' event with the skipped date's RECURRENCE-ID and the new DTSTART", async () => {
    const me = await therapist();
    const who = people(`placed-${me.id}`);
    // The second Tuesday is on time off: skipped.
    await dependencies().therapists.putTimeOff(me.id, { id: 'off', start: '2026-12-15T00:00:00Z', end: '2026-12-16T00:00:00Z' } as never);
    const { series } = await createSeries(dependencies(), {
      therapistId: me.id, sessionTypeId: 'couples-80', start: '2026-12-08T10:00:00+01:00', timeZone: 'America/Chicago',
      clients: [who.alex, who.blake], everyWeeks: 1, count: 3, by: 'therapist',
    });
    expect(series.occurrences.map((o) => o.status)).toEqual(['booked', 'skipped', 'booked']);
    await settled();
    const skipped = series.occurrences[1]!;

    const placed = await call('placeMySeriesOccurrence', {
      claims: claimsFor(me.id), pathParameters: { id: series.id, index: '1' }, body: { start: '2026-12-17T11:00:00+01:00' },
    });
    expect(placed.status).toBe(200);
    await settled();
    for (const address of [who.alex.email, who.blake.email]) {
      const mails = await inbox(address);
      expect(mails).toHaveLength(2);
      expect(mails[0]!.subject).toBe('Appointments confirmed');
      const update = mails[1]!;
      expect(update.destination.to).toEqual([address]);
      expect(parseIcs(calendarOf(update)!).getFirstPropertyValue('method')).toBe('REQUEST');
      const [instance, ...more] = vevents(update);
      expect(more).toEqual([]);
      expect(instance!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(series.id));
      expect((instance!.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(new Date(skipped.start).toISOString());
      expect((instance!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2026-12-17T10:00:00.000Z');
      expect(attendees(update)).toEqual([`mailto:${address}`]);
    }
    expect(await inbox(me.email)).toHaveLength(2);
  });
});
