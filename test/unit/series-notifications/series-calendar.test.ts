import ICAL from 'ical.js';
import { buildOccurrenceUpdate, buildSeriesCancellation, buildSeriesInvitation, seriesCalendarUid } from '../../../shared/notifications/series-calendar';
import type { Series } from '../../../shared/series/series';
import { expandedStarts, iso, parseIcs, series } from './series-fixtures';

const message = {
  stamp: new Date('2027-02-01T09:00:05Z'),
  summary: 'Appointment with Dr. Sam Lee',
  description: 'Your appointment.',
  organizer: { name: 'Harbour Street Appointments', email: 'appointments@harbour.example' },
  attendee: { name: 'Alex Morgan', email: 'alex@example.org' },
};
const FAR = new Date('2030-01-01T00:00:00Z');
const bookedStarts = (s: Series) => s.occurrences.filter((o) => o.status === 'booked').map((o) => iso(o.start)).sort();
const vevents = (content: string) => parseIcs(content).getAllSubcomponents('vevent');

describe('the series invitation: one VEVENT with RRULE and EXDATE in the therapist\'s zone', () => {
  test.each([
    // New York: clocks go forward on 14 March 2027 and back on 7 November 2027; the series spans both.
    ['America/New_York', '2027-02-16', '17:00', 2, 20, { 3: 'time_off', 7: 'busy' }],
    // Sydney: clocks go back on 4 April 2027 and forward on 3 October 2027 (southern hemisphere).
    ['Australia/Sydney', '2027-03-02', '08:30', 1, 40, { 0: undefined, 6: 'time_off', 30: 'override' }],
    ['Australia/Sydney', '2027-03-01', '19:00', 4, 12, {}],
  ] as const)('%s from %s at %s every %i weeks, %i in all: expanding gives exactly the booked starts', (zone, firstDate, localTime, everyWeeks, count, skipped) => {
    const clean = Object.fromEntries(Object.entries(skipped).filter(([, r]) => r)) as Record<number, 'time_off'>;
    const s = series({ therapistTimeZone: zone, firstDate, localTime, everyWeeks, count, skipped: clean });
    const ics = buildSeriesInvitation(s, message);
    expect(ics.method).toBe('REQUEST');
    expect(expandedStarts(ics.content, FAR)).toEqual(bookedStarts(s));
    // The wall clock stays in the therapist's zone: the UTC hour changes across the DST change.
    const utcHours = new Set(bookedStarts(s).map((t) => new Date(t).getUTCHours()));
    expect(utcHours.size).toBe(2);
  });

  test('is one VEVENT with the series UID, its SEQUENCE, a zoned DTSTART and a VTIMEZONE for that zone', () => {
    const s = series({ sequence: 3, skipped: { 2: 'time_off' } });
    const ics = buildSeriesInvitation(s, message);
    const calendar = parseIcs(ics.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const [event, ...more] = calendar.getAllSubcomponents('vevent');
    expect(more).toHaveLength(0);
    expect(event!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
    expect(event!.getFirstPropertyValue('sequence')).toBe(3);
    expect(event!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('America/New_York');
    expect(ics.content).toMatch(/^DTSTART;TZID=America\/New_York:20270216T170000\r?$/m);
    expect(ics.content).toMatch(/^RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=\d{8}T\d{6}Z\r?$/m);
    expect(ics.content).toMatch(/^EXDATE;TZID=America\/New_York:20270316T170000\r?$/m);
    expect(ics.content).toMatch(/^DTSTAMP:20270201T090005Z\r?$/m);
    const tz = calendar.getFirstSubcomponent('vtimezone')!;
    expect(tz.getFirstPropertyValue('tzid')).toBe('America/New_York');
    expect(tz.getAllSubcomponents('daylight').length).toBeGreaterThan(0);
    expect(event!.getFirstPropertyValue('class')).toBe('PRIVATE');
    expect(event!.getAllProperties('attendee')).toHaveLength(1);
  });

  test('an open-ended series: the rule has no end, and up to how far it is booked it gives exactly the booked starts', () => {
    const s = series({ count: undefined, everyWeeks: 1, occurrencesCount: 12, skipped: { 4: 'busy' } });
    const ics = buildSeriesInvitation(s, message);
    expect(ics.content).toMatch(/^RRULE:FREQ=WEEKLY;INTERVAL=1\r?$/m);
    const lastBooked = new Date(s.occurrences[11]!.start);
    expect(expandedStarts(ics.content, lastBooked)).toEqual(bookedStarts(s));
  });

  test('an occurrence cancelled or moved before the email is written is left out or shown at its new time', () => {
    const s = series({ count: 6 });
    s.occurrences[1] = { ...s.occurrences[1]!, status: 'cancelled' };
    const moved = { ...s.occurrences[4]!, start: iso('2027-04-15T20:00:00Z'), end: iso('2027-04-15T20:50:00Z') };
    s.occurrences[4] = moved;
    const ics = buildSeriesInvitation(s, message);
    expect(expandedStarts(ics.content, FAR)).toEqual(bookedStarts(s));
    const override = vevents(ics.content).find((v) => v.hasProperty('recurrence-id'))!;
    expect((override.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(iso(series().occurrences[4]!.start));
  });

  test('ended part-way: the rule stops at the last date kept', () => {
    const s = series({ count: 10, status: 'ended' });
    for (const o of s.occurrences.slice(5)) o.status = 'cancelled';
    const ics = buildSeriesInvitation(s, message, { through: 4 });
    expect(expandedStarts(ics.content, FAR)).toEqual(bookedStarts(s));
    expect(bookedStarts(s)).toHaveLength(5);
  });
});

describe('a change to one occurrence: an update of the series\' event for that RECURRENCE-ID', () => {
  const s = series({ sequence: 1 });
  const third = s.occurrences[2]!;

  test('moved: a REQUEST with the new DTSTART, RECURRENCE-ID of the rule date, same UID', () => {
    const ics = buildOccurrenceUpdate(s, { index: 2, start: iso('2027-03-18T22:00:00Z'), end: iso('2027-03-18T22:50:00Z'), sequence: 1, cancelled: false }, message);
    expect(ics.method).toBe('REQUEST');
    const [event, ...more] = vevents(ics.content);
    expect(more).toHaveLength(0);
    expect(event!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
    expect((event!.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(iso(third.start));
    expect((event!.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe(iso('2027-03-18T22:00:00Z'));
    expect(event!.getFirstPropertyValue('sequence')).toBe(2);
    expect(event!.hasProperty('rrule')).toBe(false);
  });

  test('cancelled: METHOD:CANCEL, STATUS:CANCELLED for that RECURRENCE-ID; the rest of the series stays', () => {
    const ics = buildOccurrenceUpdate(s, { index: 2, start: third.start, end: third.end, sequence: 1, cancelled: true }, message);
    expect(ics.method).toBe('CANCEL');
    const calendar = parseIcs(ics.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
    expect((event.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(iso(third.start));
    expect(event.getFirstPropertyValue('url')).toBeNull();
  });
});

describe('ending the whole series', () => {
  test('METHOD:CANCEL of the series\' event (no RECURRENCE-ID) with the series\' SEQUENCE', () => {
    const s = series({ sequence: 4, status: 'ended' });
    const ics = buildSeriesCancellation(s, message);
    expect(ics.method).toBe('CANCEL');
    expect(ics.filename).toBe('appointment-cancelled.ics');
    const calendar = parseIcs(ics.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const [event, ...more] = calendar.getAllSubcomponents('vevent');
    expect(more).toHaveLength(0);
    expect(event!.getFirstPropertyValue('uid')).toBe(seriesCalendarUid(s.id));
    expect(event!.getFirstPropertyValue('sequence')).toBe(4);
    expect(event!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event!.hasProperty('recurrence-id')).toBe(false);
  });
});
