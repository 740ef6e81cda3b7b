import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CalendarReadError } from '../../../shared/calendars/calendar-source';
import { busyFromIcs, MAX_INSTANCES } from '../../../shared/calendars/ics-busy';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/calendars', name), 'utf8');
const range = (from: string, to: string, zone = 'Europe/Berlin') => ({ from: new Date(from), to: new Date(to), zone });
const iso = (start: string, end: string) => ({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });

/** A minimal calendar around some VEVENT lines, as the inline cases need. */
const calendar = (...events: string[][]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flatMap((lines) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');

describe('busyFromIcs: a Google Calendar export', () => {
  const busy = busyFromIcs(fixture('google.ics'), range('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'));

  it('blocks the weekly series at 09:00 Berlin on both sides of the change to summer time, less its EXDATE, with the moved instance at its new time', () => {
    const supervision = busy.filter((b) => Date.parse(b.end) - Date.parse(b.start) === 90 * 60_000);
    expect(supervision).toEqual([
      iso('2026-03-05T08:00:00Z', '2026-03-05T09:30:00Z'),
      iso('2026-03-12T08:00:00Z', '2026-03-12T09:30:00Z'),
      // 19 March is an EXDATE; 29 March Berlin moves to UTC+2.
      iso('2026-03-26T08:00:00Z', '2026-03-26T09:30:00Z'),
      // 2 April moved to Friday 3 April 14:00 (RECURRENCE-ID), so nothing on the Thursday.
      iso('2026-04-03T12:00:00Z', '2026-04-03T13:30:00Z'),
      iso('2026-04-09T07:00:00Z', '2026-04-09T08:30:00Z'),
      iso('2026-04-16T07:00:00Z', '2026-04-16T08:30:00Z'),
      iso('2026-04-23T07:00:00Z', '2026-04-23T08:30:00Z'),
      // UNTIL=20260430T070000Z is inclusive.
      iso('2026-04-30T07:00:00Z', '2026-04-30T08:30:00Z'),
    ]);
  });

  it('blocks everything else exactly: the multi-day all-day event in Berlin days and the weekend spanning days; not the free, the working-location or the cancelled one', () => {
    expect(busy).toEqual([
      iso('2026-03-05T08:00:00Z', '2026-03-05T09:30:00Z'),
      iso('2026-03-12T08:00:00Z', '2026-03-12T09:30:00Z'),
      // 23 to 25 March (DTEND 26 exclusive), midnight to midnight in Berlin (UTC+1 then).
      iso('2026-03-22T23:00:00Z', '2026-03-25T23:00:00Z'),
      iso('2026-03-26T08:00:00Z', '2026-03-26T09:30:00Z'),
      iso('2026-04-03T12:00:00Z', '2026-04-03T13:30:00Z'),
      iso('2026-04-09T07:00:00Z', '2026-04-09T08:30:00Z'),
      iso('2026-04-16T07:00:00Z', '2026-04-16T08:30:00Z'),
      iso('2026-04-17T14:00:00Z', '2026-04-19T11:00:00Z'),
      iso('2026-04-23T07:00:00Z', '2026-04-23T08:30:00Z'),
      iso('2026-04-30T07:00:00Z', '2026-04-30T08:30:00Z'),
    ]);
  });

  it('carries only times: no title, place or description', () => {
    expect(JSON.stringify(busy)).not.toMatch(/Supervision|Fallbesprechung|Hauptstr|Fachtagung/);
    for (const interval of busy) expect(Object.keys(interval).sort()).toEqual(['end', 'start']);
  });

  it('expands only the range asked for and clips what straddles its edges', () => {
    expect(busyFromIcs(fixture('google.ics'), range('2026-04-09T08:00:00Z', '2026-04-18T00:00:00Z'))).toEqual([
      iso('2026-04-09T08:00:00Z', '2026-04-09T08:30:00Z'),
      iso('2026-04-16T07:00:00Z', '2026-04-16T08:30:00Z'),
      iso('2026-04-17T14:00:00Z', '2026-04-18T00:00:00Z'),
    ]);
  });
});

describe('busyFromIcs: an Outlook published calendar', () => {
  const busy = busyFromIcs(fixture('outlook.ics'), range('2026-03-01T00:00:00Z', '2026-12-01T00:00:00Z'));

  it('reads Windows zone names through the file\'s VTIMEZONE, across the European and the American changes', () => {
    expect(busy).toEqual([
      // "W. Europe Standard Time", Tuesdays 18:00: UTC+1, then UTC+2 from 29 March.
      iso('2026-03-17T17:00:00Z', '2026-03-17T18:00:00Z'),
      // Tentative still blocks (only FREE does not); the FREE ones on 18 March do not.
      iso('2026-03-19T08:00:00Z', '2026-03-19T08:30:00Z'),
      iso('2026-03-24T17:00:00Z', '2026-03-24T18:00:00Z'),
      iso('2026-03-31T16:00:00Z', '2026-03-31T17:00:00Z'),
      // All-day out of office on 1 June, a Berlin day (UTC+2).
      iso('2026-05-31T22:00:00Z', '2026-06-01T22:00:00Z'),
      // "Eastern Standard Time", Wednesdays 12:00: UTC-4 until 1 November, then UTC-5.
      iso('2026-10-21T16:00:00Z', '2026-10-21T17:00:00Z'),
      iso('2026-10-28T16:00:00Z', '2026-10-28T17:00:00Z'),
      iso('2026-11-04T17:00:00Z', '2026-11-04T18:00:00Z'),
      iso('2026-11-11T17:00:00Z', '2026-11-11T18:00:00Z'),
    ]);
  });

  it('an event Outlook marks FREE does not block even when its TRANSP says OPAQUE', () => {
    const on18th = busy.filter((b) => b.start.startsWith('2026-03-18'));
    expect(on18th).toEqual([]);
  });
});

describe('busyFromIcs: an iCloud calendar', () => {
  it('reads floating times in the therapist\'s zone, adds RDATEs (floating and zoned) and blocks the all-day visit in the therapist\'s days', () => {
    const busy = busyFromIcs(fixture('apple.ics'), range('2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z'));
    expect(busy).toEqual([
      // Los Angeles 17:00 PDT (UTC-7), DTSTART and two RDATEs.
      iso('2026-04-07T00:00:00Z', '2026-04-07T01:00:00Z'),
      // 8 April, midnight to midnight in Berlin; the transparent birthday on the 9th does not block.
      iso('2026-04-07T22:00:00Z', '2026-04-08T22:00:00Z'),
      iso('2026-04-14T00:00:00Z', '2026-04-14T01:00:00Z'),
      // Floating 15:00 is 15:00 in Berlin (UTC+2): two Wednesdays and the RDATE Friday.
      iso('2026-04-15T13:00:00Z', '2026-04-15T13:30:00Z'),
      iso('2026-04-17T13:00:00Z', '2026-04-17T13:30:00Z'),
      iso('2026-04-21T00:00:00Z', '2026-04-21T01:00:00Z'),
      iso('2026-04-22T13:00:00Z', '2026-04-22T13:30:00Z'),
    ]);
  });

  it('an all-day event follows the therapist\'s zone, not the zone the calendar was made in', () => {
    const inNewYork = busyFromIcs(fixture('apple.ics'), range('2026-04-08T00:00:00Z', '2026-04-10T00:00:00Z', 'America/New_York'));
    expect(inNewYork).toContainEqual(iso('2026-04-08T04:00:00Z', '2026-04-09T04:00:00Z'));
    const inTokyo = busyFromIcs(fixture('apple.ics'), range('2026-04-07T00:00:00Z', '2026-04-10T00:00:00Z', 'Asia/Tokyo'));
    expect(inTokyo).toContainEqual(iso('2026-04-07T15:00:00Z', '2026-04-08T15:00:00Z'));
  });
});

describe('busyFromIcs: rules and edge cases', () => {
  it('a series at 10:00 in New York stays at 10:00 local across the November change', () => {
    const ics = calendar([
      'UID:ny-weekly', 'DTSTAMP:20261001T000000Z',
      'DTSTART;TZID=America/New_York:20261026T100000', 'DTEND;TZID=America/New_York:20261026T110000',
      'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE;TZID=America/New_York:20261102T100000',
    ]);
    // An IANA TZID without a VTIMEZONE in the file is read with the runtime's zone data.
    expect(busyFromIcs(ics, range('2026-10-01T00:00:00Z', '2026-12-01T00:00:00Z'))).toEqual([
      iso('2026-10-26T14:00:00Z', '2026-10-26T15:00:00Z'),
      iso('2026-11-09T15:00:00Z', '2026-11-09T16:00:00Z'),
    ]);
  });

  it('a cancelled or transparent override frees its instance; an opaque override of a free series blocks', () => {
    const ics = calendar(
      ['UID:a', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260601T080000Z', 'DTEND:20260601T090000Z', 'RRULE:FREQ=DAILY;COUNT=3'],
      ['UID:a', 'DTSTAMP:20260101T000000Z', 'RECURRENCE-ID:20260602T080000Z', 'DTSTART:20260602T080000Z', 'DTEND:20260602T090000Z', 'STATUS:CANCELLED'],
      ['UID:a', 'DTSTAMP:20260101T000000Z', 'RECURRENCE-ID:20260603T080000Z', 'DTSTART:20260603T080000Z', 'DTEND:20260603T090000Z', 'TRANSP:TRANSPARENT'],
      ['UID:b', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260610T080000Z', 'DTEND:20260610T090000Z', 'RRULE:FREQ=DAILY;COUNT=2', 'TRANSP:TRANSPARENT'],
      ['UID:b', 'DTSTAMP:20260101T000000Z', 'RECURRENCE-ID:20260611T080000Z', 'DTSTART:20260611T120000Z', 'DTEND:20260611T130000Z', 'TRANSP:OPAQUE'],
    );
    expect(busyFromIcs(ics, range('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'))).toEqual([
      iso('2026-06-01T08:00:00Z', '2026-06-01T09:00:00Z'),
      iso('2026-06-11T12:00:00Z', '2026-06-11T13:00:00Z'),
    ]);
  });

  it('an override relates only to its own UID', () => {
    const ics = calendar(
      ['UID:one', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260601T080000Z', 'DTEND:20260601T090000Z', 'RRULE:FREQ=DAILY;COUNT=2'],
      ['UID:other', 'DTSTAMP:20260101T000000Z', 'RECURRENCE-ID:20260602T080000Z', 'DTSTART:20260605T080000Z', 'DTEND:20260605T090000Z'],
    );
    expect(busyFromIcs(ics, range('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'))).toEqual([
      iso('2026-06-01T08:00:00Z', '2026-06-01T09:00:00Z'),
      iso('2026-06-02T08:00:00Z', '2026-06-02T09:00:00Z'),
      iso('2026-06-05T08:00:00Z', '2026-06-05T09:00:00Z'),
    ]);
  });

  it('DURATION instead of DTEND, and overlapping events merged into one busy interval', () => {
    const ics = calendar(
      ['UID:d', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260601T080000Z', 'DURATION:PT90M'],
      ['UID:e', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260601T090000Z', 'DTEND:20260601T100000Z'],
      // No DTEND nor DURATION: a timed event takes no time (RFC 5545), a date one day.
      ['UID:f', 'DTSTAMP:20260101T000000Z', 'DTSTART:20260602T080000Z'],
      ['UID:g', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260603'],
    );
    expect(busyFromIcs(ics, range('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z', 'UTC'))).toEqual([
      iso('2026-06-01T08:00:00Z', '2026-06-01T10:00:00Z'),
      iso('2026-06-03T00:00:00Z', '2026-06-04T00:00:00Z'),
    ]);
  });

  it('a daily rule from 2010 (and one from 1850) is read for the range only, quickly', () => {
    const since = (year: number) =>
      calendar(['UID:school-run', 'DTSTAMP:20100101T000000Z', `DTSTART;TZID=Europe/Berlin:${year}0104T073000`, `DTEND;TZID=Europe/Berlin:${year}0104T081500`, 'RRULE:FREQ=DAILY']);
    const started = performance.now();
    const busy = busyFromIcs(since(2010), range('2026-03-01T00:00:00Z', '2026-05-30T00:00:00Z'));
    // 1850 would be ~64,000 steps from DTSTART, past MAX_STEPS: it is read because the expansion starts near the range.
    const older = busyFromIcs(since(1850), range('2026-03-01T00:00:00Z', '2026-05-30T00:00:00Z'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(busy).toHaveLength(90);
    expect(older).toEqual(busy);
    expect(busy[0]).toEqual(iso('2026-03-01T06:30:00Z', '2026-03-01T07:15:00Z'));
    // After the change to summer time, still 07:30 in Berlin.
    expect(busy[89]).toEqual(iso('2026-05-29T05:30:00Z', '2026-05-29T06:15:00Z'));
  });

  it('a weekly rule with INTERVAL=2 from long ago keeps its weeks when the expansion starts near the range', () => {
    const ics = calendar(['UID:biweekly', 'DTSTAMP:20100101T000000Z', 'DTSTART:20100105T170000Z', 'DTEND:20100105T180000Z', 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU']);
    const busy = busyFromIcs(ics, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', 'UTC'));
    // 2026-03-03 is 5,901 days after 2010-01-05 (421.5 fortnights): an off week; 10 and 24 March are on.
    expect(busy.map((b) => b.start)).toEqual(['2026-03-10T17:00:00.000Z', '2026-03-24T17:00:00.000Z']);
  });

  it('a rule too costly to expand (COUNT from long ago) or yielding too many instances is refused plainly, not read in part', () => {
    const counted = calendar(['UID:c', 'DTSTAMP:20100101T000000Z', 'DTSTART:18000101T080000Z', 'DTEND:18000101T090000Z', 'RRULE:FREQ=DAILY;COUNT=1000000']);
    expect(() => busyFromIcs(counted, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'))).toThrow(
      new CalendarReadError('An event in this calendar repeats too often to be read.'),
    );
    // Every minute of a month is past the steps one rule may take...
    const minutely = calendar(['UID:m', 'DTSTAMP:20100101T000000Z', 'DTSTART:20260101T000000Z', 'DTEND:20260101T000100Z', 'RRULE:FREQ=MINUTELY']);
    expect(() => busyFromIcs(minutely, range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'))).toThrow(
      new CalendarReadError('An event in this calendar repeats too often to be read.'),
    );
    // ...and ten daily events over three years are more instances than a file may yield.
    const tenDaily = calendar(
      ...Array.from({ length: 10 }, (_, i) => [`UID:daily-${i}`, 'DTSTAMP:20100101T000000Z', `DTSTART:20260101T${String(8 + i).padStart(2, '0')}0000Z`, `DTEND:20260101T${String(8 + i).padStart(2, '0')}3000Z`, 'RRULE:FREQ=DAILY']),
    );
    expect(() => busyFromIcs(tenDaily, range('2026-01-01T00:00:00Z', '2029-01-01T00:00:00Z'))).toThrow(
      new CalendarReadError(`This calendar has more than ${MAX_INSTANCES} events in the coming period, more than can be read.`),
    );
  });

  it('an empty calendar has no busy time', () => {
    expect(busyFromIcs(calendar(), range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'))).toEqual([]);
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Sign in</body></html>'],
    ['an empty answer', ''],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD'],
    ['a broken date', calendar(['UID:x', 'DTSTART:2026-06-01', 'DTEND:20260601T090000Z'])],
    ['an unreadable rule', calendar(['UID:x', 'DTSTART:20260601T080000Z', 'DTEND:20260601T090000Z', 'RRULE:FREQ=SOMETIMES'])],
  ])('%s is a CalendarReadError with a plain message', (_what, text) => {
    let error: unknown;
    try {
      busyFromIcs(text, range('2026-03-01T00:00:00Z', '2027-04-01T00:00:00Z'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CalendarReadError);
    expect((error as Error).message).toMatch(/^(The address did not return a calendar|An event in this calendar)/);
    // Nothing of the parser's own wording ("invalid line", tokens, values) reaches the therapist.
    expect((error as Error).message).not.toMatch(/token|invalid line|undefined|jCal/i);
  });
});
