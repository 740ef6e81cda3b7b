import ICAL from 'ical.js';
import type { BookingEvent } from '../../events/booking-events';
import { cancelBooking, createBooking, rescheduleBooking } from '../../shared/booking/booking-service';
import type { DavAccess } from '../../shared/calendars/caldav-http';
import { calDavReader } from '../../shared/calendars/caldav-reader';
import { bookingObjectUrl, putBookingEvent } from '../../shared/calendars/caldav-writer';
import { CalendarReadError, type CalendarSource } from '../../shared/calendars/calendar-source';
import { writeCalendarBookings, writeTargetsFrom, type CalendarWriteBackPorts, type WriteTarget } from '../../shared/calendars/calendar-write-back';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { handler as writeBackHandler } from '../../functions/events/write-calendar-bookings';
import { lambdaContext } from '../../infra/local/api-gateway-event';
import type { LambdaHandler } from '../../infra/local/handler-loader';
import { localSecretBox } from '../../shared/calendars/local-secret-box';
import { sourceContext } from '../../shared/calendars/secret-box';
import { randomBytes } from 'node:crypto';
import { syncSource } from '../../shared/calendars/calendar-sync';
import { bridgeEvent } from '../support/bridge-event';
import { freePort } from '../support/free-port';
import { createTherapist, TestClock } from '../support/practice-fixture';
import { startRadicale, type Radicale } from '../support/radicale';

/*
 * CalDAV against a real server (issue 15): Debian's Radicale, started for this file. Busy time is
 * read with a calendar-query REPORT over a range; bookings are written back as discreet events,
 * moved on reschedule, deleted on cancel, whatever order and however often their events arrive.
 */
let radicale: Radicale;
beforeAll(async () => {
  radicale = await startRadicale();
}, 120_000);
afterAll(async () => {
  resetDependencies();
  await radicale?.stop();
});

const clock = new TestClock(new Date('2026-12-01T06:00:00Z'));
beforeEach(() => {
  resetDependencies();
  clock.set('2026-12-01T06:00:00Z');
  overrideDependencies({ clock });
});

const readCalDavBusy = calDavReader({ allowLoopbackHttp: true });
const access = (): DavAccess => ({ username: radicale.username, password: radicale.password, allowLoopbackHttp: true });

function sourceOf(url: string, password = radicale.password): CalendarSource & { password: string } {
  return {
    id: 'src-1', therapistId: 'th-1', kind: 'caldav', url, username: radicale.username, password, writeBookings: true,
    status: 'pending', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
  };
}

async function putObject(collection: string, name: string, ics: string): Promise<void> {
  const response = await fetch(`${collection}${name}.ics`, { method: 'PUT', headers: { authorization: radicale.authorization, 'content-type': 'text/calendar' }, body: ics });
  expect([201, 204]).toContain(response.status);
}

async function getObject(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers: { authorization: radicale.authorization } });
  return { status: response.status, text: await response.text() };
}

async function objectsIn(collection: string): Promise<string[]> {
  const response = await fetch(collection, { method: 'PROPFIND', headers: { authorization: radicale.authorization, depth: '1' } });
  const text = await response.text();
  return [...text.matchAll(/<href>([^<]+\.ics)<\/href>/g)].map((m) => m[1]!);
}

const vcalendar = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Fixture//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
const vevent = (lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20261120T000000Z', ...lines, 'END:VEVENT'].join('\r\n');

const RANGE = { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-15T00:00:00Z'), zone: 'Europe/Berlin' };

describe('reading busy time with a calendar-query REPORT', () => {
  let collection: string;
  beforeAll(async () => {
    collection = await radicale.makeCalendar('busy');
    // One plain event in the range.
    await putObject(collection, 'dentist', vcalendar(vevent(['UID:dentist', 'SUMMARY:Dentist', 'DTSTART:20261202T080000Z', 'DTEND:20261202T090000Z'])));
    // Weekly supervision since November (the master is before the range), one week left out, one moved.
    await putObject(collection, 'supervision', vcalendar(
      vevent(['UID:supervision', 'SUMMARY:Supervision', 'DTSTART:20261104T150000Z', 'DTEND:20261104T160000Z', 'RRULE:FREQ=WEEKLY;COUNT=10', 'EXDATE:20261209T150000Z']),
      vevent(['UID:supervision', 'SUMMARY:Supervision (moved)', 'RECURRENCE-ID:20261202T150000Z', 'DTSTART:20261203T170000Z', 'DTEND:20261203T180000Z']),
    ));
    // Marked free: never busy.
    await putObject(collection, 'reminder', vcalendar(vevent(['UID:reminder', 'SUMMARY:Call mum', 'TRANSP:TRANSPARENT', 'DTSTART:20261205T100000Z', 'DTEND:20261205T110000Z'])));
    // Outside the range: not asked for.
    await putObject(collection, 'later', vcalendar(vevent(['UID:later', 'SUMMARY:Trip', 'DTSTART:20270110T080000Z', 'DTEND:20270112T080000Z'])));
    // A booking this app wrote back: its own time, not another calendar's.
    await putBookingEvent(collection, access(), { bookingId: 'bk-own', sequence: 0, start: '2026-12-04T09:00:00.000Z', end: '2026-12-04T09:50:00.000Z', stamp: new Date() });
  });

  test('the range\'s busy intervals: the plain event, each supervision except the excluded one, the moved one at its new time; not the free event, the later one or our own booking', async () => {
    expect(await readCalDavBusy(sourceOf(collection), RANGE)).toEqual([
      { start: '2026-12-02T08:00:00.000Z', end: '2026-12-02T09:00:00.000Z' },
      { start: '2026-12-03T17:00:00.000Z', end: '2026-12-03T18:00:00.000Z' },
    ]);
  });

  test('a wider range reaches the weekly events after the excluded week, and the trip', async () => {
    const busy = await readCalDavBusy(sourceOf(collection), { ...RANGE, to: new Date('2027-01-31T00:00:00Z') });
    expect(busy).toEqual([
      { start: '2026-12-02T08:00:00.000Z', end: '2026-12-02T09:00:00.000Z' },
      { start: '2026-12-03T17:00:00.000Z', end: '2026-12-03T18:00:00.000Z' },
      { start: '2026-12-16T15:00:00.000Z', end: '2026-12-16T16:00:00.000Z' },
      { start: '2026-12-23T15:00:00.000Z', end: '2026-12-23T16:00:00.000Z' },
      { start: '2026-12-30T15:00:00.000Z', end: '2026-12-30T16:00:00.000Z' },
      { start: '2027-01-06T15:00:00.000Z', end: '2027-01-06T16:00:00.000Z' },
      { start: '2027-01-10T08:00:00.000Z', end: '2027-01-12T08:00:00.000Z' },
    ]);
  });

  test('an empty calendar is no busy time', async () => {
    expect(await readCalDavBusy(sourceOf(await radicale.makeCalendar('empty')), RANGE)).toEqual([]);
  });

  test('a wrong password is a CalendarReadError in plain words, with no credential in it', async () => {
    const error = await readCalDavBusy(sourceOf(collection, 'not-the-password'), RANGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarReadError);
    const message = (error as Error).message;
    expect(message).toBe('The calendar server refused the username or app password');
    for (const secret of ['not-the-password', radicale.password, Buffer.from(`${radicale.username}:not-the-password`).toString('base64')]) {
      expect(message).not.toContain(secret);
    }
  });

  test('an address with no calendar is a CalendarReadError', async () => {
    const error = await readCalDavBusy(sourceOf(`${radicale.origin}/${radicale.username}/no-such-calendar/`), RANGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalendarReadError);
    expect((error as Error).message).toBe('No calendar was found at this address');
  });
});

describe('writing bookings back', () => {
  const T0 = '2026-12-03T10:00:00+01:00';
  const T1 = '2026-12-05T11:00:00+01:00';
  let collection: string;
  let seq = 0;
  beforeEach(async () => {
    collection = await radicale.makeCalendar(`bookings-${++seq}`);
  });

  const portsFor = (targets: () => WriteTarget[]): CalendarWriteBackPorts => ({
    bookings: dependencies().bookings, clock, writeTargets: async () => targets(),
  });
  const ports = () => portsFor(() => [{ sourceId: 'src-1', url: collection, access: access() }]);

  async function book(): Promise<Booking> {
    const therapistId = await createTherapist();
    const { booking } = await createBooking(dependencies(), {
      therapistId, sessionTypeId: 'individual-50', start: T0, timeZone: 'America/Chicago', policyAccepted: true,
      clients: [{ name: 'Robin Quill', email: `robin-${therapistId}@example.test`, phone: '+15555550123' }],
      note: 'Talking about our sex life',
    });
    return booking;
  }

  /** The object's one VEVENT, as an independent parser reads it. */
  async function eventOf(booking: Booking) {
    const { status, text } = await getObject(bookingObjectUrl(collection, booking.id));
    expect(status).toBe(200);
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
    const time = (name: string) => (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
    return {
      text, uid: vevent.getFirstPropertyValue('uid'), summary: vevent.getFirstPropertyValue('summary'), class: vevent.getFirstPropertyValue('class'),
      sequence: vevent.getFirstPropertyValue('sequence'), start: time('dtstart'), end: time('dtend'),
      utc: /^DTSTART:\d{8}T\d{6}Z\r?$/m.test(text) && /^DTEND:\d{8}T\d{6}Z\r?$/m.test(text),
    };
  }

  test('a confirmed booking appears as "Appointment", private, at its time in UTC, with no name, address, phone or note', async () => {
    const booking = await book();
    await writeCalendarBookings(ports(), eventsForBookingChange(undefined, booking)[0]!);
    const event = await eventOf(booking);
    expect(event).toMatchObject({
      uid: booking.id, summary: 'Appointment', class: 'PRIVATE', sequence: 0, utc: true,
      start: new Date(booking.start).toISOString(), end: new Date(booking.end).toISOString(),
    });
    for (const personal of ['Robin', 'Quill', '@example.test', '5555550123', 'sex life', 'Individual']) expect(event.text).not.toContain(personal);
    expect(await objectsIn(collection)).toHaveLength(1);
  });

  test('a reschedule moves it (SEQUENCE up), a cancel deletes it; late and repeated events change nothing', async () => {
    const deps = dependencies();
    const booking = await book();
    const events: BookingEvent[] = eventsForBookingChange(undefined, booking);
    await writeCalendarBookings(ports(), events[0]!);
    const moved = await rescheduleBooking(deps, booking.id, T1);
    events.push(...eventsForBookingChange(booking, moved));
    await writeCalendarBookings(ports(), events.at(-1)!);
    expect(await eventOf(moved)).toMatchObject({ sequence: 1, start: new Date(moved.start).toISOString(), end: new Date(moved.end).toISOString() });
    // The first event again, late: the booking as it is now wins.
    await writeCalendarBookings(ports(), events[0]!);
    expect(await eventOf(moved)).toMatchObject({ sequence: 1, start: new Date(moved.start).toISOString() });
    expect(await objectsIn(collection)).toHaveLength(1);

    const cancelled = await cancelBooking(deps, booking.id, { by: 'client' });
    events.push(...eventsForBookingChange(moved, cancelled));
    await writeCalendarBookings(ports(), events.at(-1)!);
    expect((await getObject(bookingObjectUrl(collection, booking.id))).status).toBe(404);
    // Every event again, in reverse and at once: still deleted, nothing else appears.
    for (const event of [...events].reverse()) await writeCalendarBookings(ports(), event);
    await Promise.all(events.map((event) => writeCalendarBookings(ports(), event)));
    expect((await getObject(bookingObjectUrl(collection, booking.id))).status).toBe(404);
    expect(await objectsIn(collection)).toEqual([]);
  });

  test('a cancel that commits while the booking is being written is caught by the read after: the object ends deleted', async () => {
    const deps = dependencies();
    const booking = await book();
    let changed = false;
    const racing = portsFor(() => [{ sourceId: 'src-1', url: collection, access: access() }]);
    const writeTargets = racing.writeTargets;
    racing.writeTargets = async (therapistId) => {
      // Between this consumer's read of the booking (confirmed) and its PUT, the client cancels.
      if (!changed) {
        changed = true;
        await cancelBooking(deps, booking.id, { by: 'client' });
      }
      return writeTargets(therapistId);
    };
    await writeCalendarBookings(racing, eventsForBookingChange(undefined, booking)[0]!);
    expect((await getObject(bookingObjectUrl(collection, booking.id))).status).toBe(404);
  });

  test('an event newer than the booking as read is retried (the read lags), writing nothing', async () => {
    const booking = await book();
    const ahead = { ...eventsForBookingChange(undefined, booking)[0]!, data: { ...eventsForBookingChange(undefined, booking)[0]!.data, sequence: 3 } } as BookingEvent;
    await expect(writeCalendarBookings(ports(), ahead)).rejects.toThrow(/older than its event/);
    expect(await objectsIn(collection)).toEqual([]);
  });

  test('a therapist without a write-back calendar: nothing is written', async () => {
    const booking = await book();
    await writeCalendarBookings(portsFor(() => []), eventsForBookingChange(undefined, booking)[0]!);
    expect(await objectsIn(collection)).toEqual([]);
  });

  test('a calendar that refuses the password for good is skipped (the sync reports it); one that cannot be reached is retried', async () => {
    const booking = await book();
    const event = eventsForBookingChange(undefined, booking)[0]!;
    const wrong = { sourceId: 'src-wrong', url: collection, access: { ...access(), password: 'not-the-password' } };
    await expect(writeCalendarBookings(portsFor(() => [wrong]), event)).resolves.toBeUndefined();
    expect(await objectsIn(collection)).toEqual([]);
    const closed = { sourceId: 'src-closed', url: `http://127.0.0.1:${await freePort()}/therapist/gone/`, access: access() };
    await expect(writeCalendarBookings(portsFor(() => [closed, { sourceId: 'src-1', url: collection, access: access() }]), event)).rejects.toThrow();
    // The reachable calendar was still written; the retry writes it again, the same.
    expect(await eventOf(booking)).toMatchObject({ sequence: 0 });
  });
});

describe('the write-calendar-bookings consumer', () => {
  const secretBox = localSecretBox(randomBytes(32).toString('base64'));
  beforeEach(() => overrideDependencies({ secretBox }));

  const deliver = async (event: BookingEvent) => {
    const result = (await (writeBackHandler as LambdaHandler)(bridgeEvent(event), lambdaContext('test', 10_000))) as { batchItemFailures?: unknown[] } | undefined;
    expect(result?.batchItemFailures ?? []).toEqual([]);
  };

  async function addSource(therapistId: string, id: string, url: string, writeBookings: boolean, kind: 'caldav' | 'ics' = 'caldav') {
    const now = clock.now().toISOString();
    await dependencies().calendars.put({
      id, therapistId, kind, url, writeBookings, status: 'ok', createdAt: now, updatedAt: now,
      ...(kind === 'caldav' ? { username: radicale.username, passwordCiphertext: await secretBox.seal(radicale.password, sourceContext(therapistId, id)) } : {}),
    });
  }

  test('writes to the therapist\'s CalDAV calendars that take bookings, with the sealed password opened, and to no other; the cancel deletes it', async () => {
    const deps = dependencies();
    const therapistId = await createTherapist();
    const writing = await radicale.makeCalendar(`consumer-writing-${therapistId}`);
    const readOnly = await radicale.makeCalendar(`consumer-read-only-${therapistId}`);
    await addSource(therapistId, 'cal-writing', writing, true);
    await addSource(therapistId, 'cal-read-only', readOnly, false);
    await addSource(therapistId, 'cal-feed', `${radicale.origin}/feed.ics`, false, 'ics');
    const { booking } = await createBooking(deps, {
      therapistId, sessionTypeId: 'individual-50', start: '2026-12-03T10:00:00+01:00', timeZone: 'Europe/Berlin', policyAccepted: true,
      clients: [{ name: 'Sam Doe', email: `sam-${therapistId}@example.test` }],
    });
    await deliver(eventsForBookingChange(undefined, booking)[0]!);
    expect(await objectsIn(writing)).toHaveLength(1);
    expect((await getObject(bookingObjectUrl(writing, booking.id))).text).toContain('SUMMARY:Appointment');
    expect(await objectsIn(readOnly)).toEqual([]);
    const cancelled = await cancelBooking(deps, booking.id, { by: 'therapist' });
    await deliver(eventsForBookingChange(booking, cancelled).at(-1)!);
    expect(await objectsIn(writing)).toEqual([]);
  });
});

test('the sync reads a CalDAV source through the registered reader and stores its busy time; with a wrong password it keeps it and says so plainly', async () => {
  const secretBox = localSecretBox(randomBytes(32).toString('base64'));
  // The readers are the runtime's own, built from the config (which allows loopback here, as `npm start` does).
  overrideDependencies({ secretBox });
  const deps = dependencies();
  const therapistId = await createTherapist();
  const collection = await radicale.makeCalendar(`sync-${therapistId}`);
  await putObject(collection, 'clinic', vcalendar(vevent(['UID:clinic', 'SUMMARY:Second clinic', 'DTSTART:20261207T130000Z', 'DTEND:20261207T170000Z'])));
  const now = clock.now().toISOString();
  const put = async (password: string) => deps.calendars.put({
    id: 'cal-sync', therapistId, kind: 'caldav', url: collection, writeBookings: false, status: 'ok', createdAt: now, updatedAt: now,
    username: radicale.username, passwordCiphertext: await secretBox.seal(password, sourceContext(therapistId, 'cal-sync')),
  });
  await put(radicale.password);
  expect(await syncSource(deps, therapistId, 'cal-sync')).toMatchObject({ status: 'ok' });
  const week = { from: new Date('2026-12-07T00:00:00Z'), to: new Date('2026-12-08T00:00:00Z') };
  const stored = [{ start: '2026-12-07T13:00:00.000Z', end: '2026-12-07T17:00:00.000Z', sourceId: 'cal-sync' }];
  expect(await deps.calendars.busyBetween(therapistId, week.from, week.to)).toEqual(stored);

  await put('revoked-app-password');
  const failing = await syncSource(deps, therapistId, 'cal-sync');
  expect(failing).toMatchObject({ status: 'failing', lastError: 'The calendar server refused the username or app password' });
  expect(JSON.stringify(failing)).not.toContain('revoked-app-password');
  expect(await deps.calendars.busyBetween(therapistId, week.from, week.to)).toEqual(stored);
});

test('the registered readers and the write targets follow the config\'s loopback rule, not a second reading of the environment', async () => {
  const secretBox = localSecretBox(randomBytes(32).toString('base64'));
  overrideDependencies({ secretBox, config: { ...dependencies().config, calendarAllowLoopbackHttp: false } });
  expect(process.env.CALENDAR_ALLOW_LOOPBACK_HTTP).toBe('1');
  const deps = dependencies();
  const therapistId = await createTherapist();
  const collection = await radicale.makeCalendar(`rule-${therapistId}`);
  const now = clock.now().toISOString();
  await deps.calendars.put({
    id: 'cal-rule', therapistId, kind: 'caldav', url: collection, writeBookings: true, status: 'ok', createdAt: now, updatedAt: now,
    username: radicale.username, passwordCiphertext: await secretBox.seal(radicale.password, sourceContext(therapistId, 'cal-rule')),
  });
  await expect(deps.readers.caldav(sourceOf(collection), RANGE)).rejects.toThrow(new CalendarReadError('The calendar address must start with https://.'));
  await expect(deps.readers.ics({ ...sourceOf(`${collection}feed.ics`), kind: 'ics' }, RANGE)).rejects.toThrow(CalendarReadError);
  expect((await writeTargetsFrom(deps)(therapistId)).map((t) => t.access.allowLoopbackHttp)).toEqual([false]);

  overrideDependencies({ config: { ...deps.config, calendarAllowLoopbackHttp: true } });
  expect(await dependencies().readers.caldav(sourceOf(collection), RANGE)).toEqual([]);
  expect((await writeTargetsFrom(dependencies())(therapistId)).map((t) => t.access.allowLoopbackHttp)).toEqual([true]);
});
