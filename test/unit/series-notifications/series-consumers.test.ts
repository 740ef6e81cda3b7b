import type { BookingEvent, SeriesEvent } from '../../../events/booking-events';
import type { Booking } from '../../../shared/domain/booking';
import { eventsForBookingChange } from '../../../shared/events/booking-change-events';
import { eventsForSeriesChange } from '../../../shared/events/series-change-events';
import type { OutgoingEmail } from '../../../shared/mail/mailer';
import { notifyEvent, type BookingNotificationsPorts } from '../../../shared/notifications/booking-notifications';
import { seriesCalendarUid } from '../../../shared/notifications/series-calendar';
import type { Series } from '../../../shared/series/series';
import { couplesSession, settings, therapist } from '../notifications/fixtures';
import { expandedStarts, iso, parseIcs, series as makeSeries } from './series-fixtures';

/** In-memory ports: a table of bookings and series, claims, and a mailer that keeps what it sent. */
function ports(state: { bookings: Booking[]; series: Series[] }) {
  const sent: OutgoingEmail[] = [];
  const claimed = new Set<string>();
  const deps = {
    config: { manageTokenSecret: 'x'.repeat(32), publicBaseUrl: 'https://book.harbour.example/book' },
    bookings: {
      get: async (id: string) => state.bookings.find((b) => b.id === id),
      getSeries: async (id: string) => {
        const series = state.series.find((s) => s.id === id);
        return series ? { series, version: 1 } : undefined;
      },
    },
    therapists: { loadConfiguration: async () => ({ therapist: { ...therapist, id: 'therapist-1', active: true }, sessionTypes: [couplesSession] }) },
    settings: { get: async () => settings() },
    claims: {
      claim: async (key: string) => (claimed.has(key) ? false : (claimed.add(key), true)),
      markSent: async () => undefined,
      release: async (key: string) => void claimed.delete(key),
    },
    mailer: { send: async (email: OutgoingEmail) => (sent.push(email), { messageId: `m${sent.length}` }) },
    emailFeedback: { suppression: async () => undefined, markProblem: async () => undefined },
  } as unknown as BookingNotificationsPorts;
  return { deps, sent };
}

function occurrenceBooking(s: Series, index: number, overrides: Partial<Booking> = {}): Booking {
  const o = s.occurrences[index]!;
  return {
    id: o.bookingId!, status: 'confirmed', therapistId: s.therapistId, sessionTypeId: s.sessionTypeId, start: o.start, end: o.end,
    timeZone: s.timeZone, therapistTimeZone: s.therapistTimeZone, blockedUntil: o.end, ledgerDates: [], clients: s.clients, note: s.note,
    createdAt: s.createdAt, updatedAt: s.createdAt, sequence: 0, seriesId: s.id, occurrenceIndex: index, ...overrides,
  };
}

const to = (sent: OutgoingEmail[], address: string) => sent.filter((e) => e.to === address);

describe('series events from the stream', () => {
  const done = makeSeries();
  test('created once, when the series is first complete; ended when its status turns', () => {
    const pending = { ...done, pending: 'create' as const };
    expect(eventsForSeriesChange(undefined, pending)).toEqual([]);
    const [created] = eventsForSeriesChange(pending, done);
    expect(created).toMatchObject({ type: 'series.created', data: { seriesId: done.id, therapistId: done.therapistId, sequence: 0 } });
    // Written whole at once, or the same change redelivered: the same id, so claims send nothing twice.
    expect(eventsForSeriesChange(undefined, done)[0]!.id).toBe(created!.id);
    expect(eventsForSeriesChange(done, { ...done, sequence: 1 })).toEqual([]);
    const [ended] = eventsForSeriesChange(done, { ...done, status: 'ended', sequence: 2 });
    expect(ended).toMatchObject({ type: 'series.ended', data: { sequence: 2 } });
    expect(JSON.stringify([created, ended])).not.toMatch(/Alex|alex@|private-note/);
  });
});

describe('a week skipped after the confirmation (decision 71)', () => {
  const done = makeSeries();
  const last = done.occurrences.at(-1)!;
  const week = (index: number, sequence: number) => ({ ...last, index, bookingId: undefined, status: 'skipped' as const, reason: 'busy', skippedAt: sequence });
  const skippedLater = { ...done, occurrences: [...done.occurrences, week(last.index + 1, 1)], sequence: 1 };

  test('one series.changed per skip written, none for a skip at creation or a later write at the same sequence', () => {
    const [changed, ...more] = eventsForSeriesChange({ ...done, pending: 'extend' }, { ...skippedLater, pending: 'extend' });
    expect(more).toEqual([]);
    expect(changed).toMatchObject({ type: 'series.changed', data: { seriesId: done.id, therapistId: done.therapistId, sequence: 1 } });
    expect(eventsForSeriesChange({ ...done, pending: 'extend' }, skippedLater)[0]!.id).toBe(changed!.id);
    // The next booked week of the same run, and the skips a confirmation lists: nothing more.
    expect(eventsForSeriesChange(skippedLater, { ...skippedLater, updatedAt: 'later' })).toEqual([]);
    const atCreation = makeSeries({ skipped: { 3: 'time_off' } });
    expect(eventsForSeriesChange({ ...atCreation, pending: 'create' }, { ...atCreation, pending: 'create' })).toEqual([]);
    expect(eventsForSeriesChange({ ...skippedLater, sequence: 0 }, { ...skippedLater, status: 'ended', sequence: 2 }).map((e) => e.type)).toEqual(['series.ended']);
  });

  test('acts on the series as it is now: the weeks of its sequence, nothing once ended, once per recipient', async () => {
    const { deps, sent } = ports({ bookings: [], series: [skippedLater] });
    const [changed] = eventsForSeriesChange(done, skippedLater);
    await notifyEvent(deps as never, changed!);
    await notifyEvent(deps as never, changed!);
    expect(sent.map((e) => e.subject).sort()).toEqual([...skippedLater.clients.map(() => 'A change to your standing appointments'), 'A week of a standing appointment could not be booked'].sort());
    const therapistMail = sent.find((e) => e.subject.startsWith('A week'))!;
    expect(therapistMail.text).toContain('(already booked)');
    expect(sent.filter((e) => e !== therapistMail).map((e) => e.text).join()).not.toContain('already booked');
    const ended = ports({ bookings: [], series: [{ ...skippedLater, status: 'ended', sequence: 2 }] });
    await notifyEvent(ended.deps as never, changed!);
    expect(ended.sent).toEqual([]);
  });
});

describe('one confirmation for a new series', () => {
  test('the occurrences\' own confirmations send nothing; the series sends one per client and one to the therapist', async () => {
    const s = makeSeries({ skipped: { 3: 'time_off' } });
    const bookings = s.occurrences.filter((o) => o.status === 'booked').map((o) => occurrenceBooking(s, o.index));
    const { deps, sent } = ports({ bookings, series: [s] });
    for (const b of bookings) await notifyEvent(deps as never, eventsForBookingChange(undefined, b)[0]!);
    expect(sent).toHaveLength(0);

    const created = eventsForSeriesChange(undefined, s)[0] as SeriesEvent;
    await notifyEvent(deps as never, created);
    await Promise.all([notifyEvent(deps as never, created), notifyEvent(deps as never, created)]);
    expect(to(sent, 'alex@example.org')).toHaveLength(1);
    expect(to(sent, 'blake@example.net')).toHaveLength(1);
    expect(to(sent, therapist.email)).toHaveLength(1);
    expect(sent).toHaveLength(3);

    const alex = to(sent, 'alex@example.org')[0]!;
    expect(alex.subject).toBe('Appointments confirmed');
    expect(alex.text).toContain('every 2 weeks on Tuesday at 5:00 PM, 10 sessions (America/New_York)');
    // London sees 22:00 until New York's clocks change on 14 March, 21:00 until London's on 28 March, then 22:00 again (30 March is skipped).
    expect(alex.text).toContain('The time stays 5:00 PM in America/New_York; in your time zone it moves from 10:00 PM to 9:00 PM from March 16, 2027, then from 9:00 PM to 10:00 PM from April 13, 2027.');
    expect(alex.text).toMatch(/Not booked:?\s*Tuesday, March 30, 2027/);
    expect(alex.text).not.toMatch(/Blake|blake@|private-note|Couples|sex|therapy/i);
    expect(alex.calendar!.content).not.toContain('blake@');
    const ics = parseIcs(alex.calendar!.content);
    expect(ics.getAllSubcomponents('vevent')).toHaveLength(1);
    expect(ics.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
    expect(expandedStarts(alex.calendar!.content, new Date('2030-01-01'))).toEqual(bookings.map((b) => iso(b.start)));
    const mail = to(sent, therapist.email)[0]!;
    expect(mail.text).toContain('Alex and Blake');
    expect(mail.text).not.toMatch(/Morgan|Rivers|private-note/);
    expect(mail.calendar).toBeUndefined();
  });

  test('a confirmation handled after the series ended sends nothing (the cancellation tells it)', async () => {
    const s = makeSeries({ status: 'ended', sequence: 1 });
    const { deps, sent } = ports({ bookings: [], series: [s] });
    await notifyEvent(deps as never, eventsForSeriesChange(undefined, { ...s, status: 'active', sequence: 0 })[0]!);
    expect(sent).toHaveLength(0);
  });
});

describe('a change to one occurrence', () => {
  test('cancelling one sends the usual cancellation, its .ics a CANCEL of that RECURRENCE-ID of the series\' event, once', async () => {
    const s = makeSeries({ sequence: 1 });
    s.occurrences[2]!.status = 'cancelled';
    const before = occurrenceBooking(s, 2);
    const after = occurrenceBooking(s, 2, { status: 'cancelled', sequence: 1, cancelledBy: 'client', cancelledAt: '2027-02-10T09:00:00.000Z' });
    const { deps, sent } = ports({ bookings: [after], series: [s] });
    const event = eventsForBookingChange(before, after)[0] as BookingEvent;
    await notifyEvent(deps as never, event);
    await notifyEvent(deps as never, event);
    expect(to(sent, 'alex@example.org')).toHaveLength(1);
    const alex = to(sent, 'alex@example.org')[0]!;
    expect(alex.subject).toBe('Appointment cancelled');
    expect(alex.calendar!.method).toBe('CANCEL');
    const vevent = parseIcs(alex.calendar!.content).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
    expect(String(vevent.getFirstPropertyValue('recurrence-id'))).toBeTruthy();
    expect((vevent.getFirstPropertyValue('recurrence-id') as any).toJSDate().toISOString()).toBe(iso(s.occurrences[2]!.start));
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
  });

  test('moving one sends the usual reschedule, its .ics the new DTSTART for that RECURRENCE-ID', async () => {
    const s = makeSeries();
    const before = occurrenceBooking(s, 1);
    const after = occurrenceBooking(s, 1, { start: iso('2027-03-03T22:00:00Z'), end: iso('2027-03-03T22:50:00Z'), sequence: 1, rescheduledBy: 'client', updatedAt: '2027-02-10T09:00:00.000Z' });
    s.occurrences[1] = { ...s.occurrences[1]!, start: after.start, end: after.end };
    const { deps, sent } = ports({ bookings: [after], series: [s] });
    await notifyEvent(deps as never, eventsForBookingChange(before, after)[0]!);
    const alex = to(sent, 'alex@example.org')[0]!;
    expect(alex.subject).toBe('Appointment rescheduled');
    const vevent = parseIcs(alex.calendar!.content).getFirstSubcomponent('vevent')!;
    expect((vevent.getFirstPropertyValue('recurrence-id') as any).toJSDate().toISOString()).toBe(iso(before.start));
    expect((vevent.getFirstPropertyValue('dtstart') as any).toJSDate().toISOString()).toBe(after.start);
  });
});

describe('ending the series', () => {
  test('from the start: one METHOD:CANCEL of the series\' event per client with its SEQUENCE; the occurrences\' cancellations send nothing', async () => {
    const live = makeSeries({ count: 4 });
    const s: Series = { ...live, status: 'ended', sequence: 3, occurrences: live.occurrences.map((o) => ({ ...o, status: 'cancelled' as const })) };
    const cancelled = s.occurrences.map((o) => occurrenceBooking(s, o.index, { status: 'cancelled', sequence: 1, cancelledBy: 'therapist' }));
    const { deps, sent } = ports({ bookings: cancelled, series: [s] });
    for (const b of cancelled) await notifyEvent(deps as never, eventsForBookingChange(occurrenceBooking(s, b.occurrenceIndex!), b)[0]!);
    expect(sent).toHaveLength(0);
    const ended = eventsForSeriesChange(live, s)[0]!;
    await notifyEvent(deps as never, ended);
    await notifyEvent(deps as never, ended);
    expect(to(sent, 'alex@example.org')).toHaveLength(1);
    expect(to(sent, 'blake@example.net')).toHaveLength(1);
    const alex = to(sent, 'alex@example.org')[0]!;
    expect(alex.subject).toBe('Appointments cancelled');
    expect(alex.calendar!.method).toBe('CANCEL');
    const vevent = parseIcs(alex.calendar!.content).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    expect(vevent.hasProperty('recurrence-id')).toBe(false);
  });

  test('part-way: the series\' event again with its rule cut after the last date kept', async () => {
    const live = makeSeries({ count: 8 });
    const s: Series = {
      ...live, status: 'ended', sequence: 2, endedFrom: '2027-04-13',
      occurrences: live.occurrences.map((o) => (o.index > 3 ? { ...o, status: 'cancelled' as const } : o)),
    };
    const { deps, sent } = ports({ bookings: [], series: [s] });
    const ended = eventsForSeriesChange(live, s)[0]!;
    // The later images of the same end (each cancelled occurrence bumps the sequence) are no new end.
    expect(eventsForSeriesChange(s, { ...s, sequence: 3 })).toEqual([]);
    // Handled while endSeries is still cancelling (one still booked, the sequence moved on), then redelivered: one email, the same rule.
    s.occurrences[7] = { ...live.occurrences[7]! };
    s.sequence = 3;
    await notifyEvent(deps as never, ended);
    await notifyEvent(deps as never, ended);
    expect(to(sent, 'alex@example.org')).toHaveLength(1);
    const alex = to(sent, 'alex@example.org')[0]!;
    expect(alex.text).toContain('cancelled from Tuesday, April 13, 2027');
    expect(expandedStarts(alex.calendar!.content, new Date('2030-01-01'))).toEqual(live.occurrences.slice(0, 4).map((o) => iso(o.start)));
    expect(parseIcs(alex.calendar!.content).getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(3);
  });
});
