import { addDays, offsetAt, wallClock, wallTimeToInstant, weekdayOf, weekOf, todayIn } from '../../../widget/src/console/zoned-time';
import { timeOffInstants } from '../../../widget/src/console/time-off-instants';

// The console's one script has no luxon: these are the Intl-only conversions its forms and week rely on.
describe('wallTimeToInstant', () => {
  test('reads a wall time with the offset the zone has on that day, in winter and in summer', () => {
    expect(wallTimeToInstant('2027-01-11', '09:00', 'Europe/Berlin')).toBe('2027-01-11T08:00:00Z');
    expect(wallTimeToInstant('2027-07-12', '09:00', 'Europe/Berlin')).toBe('2027-07-12T07:00:00Z');
    expect(wallTimeToInstant('2027-01-11', '09:00', 'America/New_York')).toBe('2027-01-11T14:00:00Z');
    expect(wallTimeToInstant('2027-01-11', '09:00', 'UTC')).toBe('2027-01-11T09:00:00Z');
    expect(wallTimeToInstant('2027-01-11', '09:00', 'Asia/Kolkata')).toBe('2027-01-11T03:30:00Z');
  });

  test('the days either side of a clock change keep their own offsets', () => {
    // New York springs forward on Sunday 14 March 2027 at 02:00, Berlin on Sunday 28 March at 02:00.
    expect(wallTimeToInstant('2027-03-13', '10:00', 'America/New_York')).toBe('2027-03-13T15:00:00Z');
    expect(wallTimeToInstant('2027-03-14', '10:00', 'America/New_York')).toBe('2027-03-14T14:00:00Z');
    expect(wallTimeToInstant('2027-03-14', '01:59', 'America/New_York')).toBe('2027-03-14T06:59:00Z');
    expect(wallTimeToInstant('2027-03-14', '03:00', 'America/New_York')).toBe('2027-03-14T07:00:00Z');
    expect(wallTimeToInstant('2027-03-28', '01:00', 'Europe/Berlin')).toBe('2027-03-28T00:00:00Z');
    expect(wallTimeToInstant('2027-03-28', '03:00', 'Europe/Berlin')).toBe('2027-03-28T01:00:00Z');
  });

  test('a skipped time lands after the gap, a repeated time is its first occurrence', () => {
    expect(wallTimeToInstant('2027-03-14', '02:30', 'America/New_York')).toBe('2027-03-14T07:30:00Z'); // 03:30 EDT
    expect(wallTimeToInstant('2027-11-07', '01:30', 'America/New_York')).toBe('2027-11-07T05:30:00Z'); // 01:30 EDT, not EST
    expect(wallTimeToInstant('2027-10-31', '02:30', 'Europe/Berlin')).toBe('2027-10-31T00:30:00Z'); // 02:30 CEST
  });

  test('24:00 is the end of the day, and what is not a date or time is refused', () => {
    expect(wallTimeToInstant('2027-03-13', '24:00', 'America/New_York')).toBe('2027-03-14T05:00:00Z');
    expect(() => wallTimeToInstant('2027-3-1', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => wallTimeToInstant('2027-03-01', '9:00', 'UTC')).toThrow(RangeError);
    expect(() => wallTimeToInstant('2027-03-01', '24:30', 'UTC')).toThrow(RangeError);
  });

  test('every wall time of a DST year comes back as the same wall time (or after the gap)', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Sydney']) {
      for (let day = 0; day < 366; day += 1) {
        const date = addDays('2027-01-01', day);
        for (const time of ['00:00', '01:30', '02:30', '12:00', '23:59']) {
          const back = wallClock(wallTimeToInstant(date, time, zone), zone);
          if (back.date !== date || back.time !== time) {
            // Only the skipped hour may move, and then by the size of the gap (one hour in these zones).
            const moved = Date.parse(`${back.date}T${back.time}:00Z`) - Date.parse(`${date}T${time}:00Z`);
            expect({ zone, date, time, moved }).toEqual({ zone, date, time, moved: 3_600_000 });
          }
        }
      }
    }
  });
});

describe('wall clock and weeks', () => {
  test('an instant reads as the date and time on the zone’s clock', () => {
    expect(wallClock('2027-03-14T14:00:00Z', 'America/New_York')).toEqual({ date: '2027-03-14', time: '10:00', weekday: 6 });
    expect(wallClock('2027-03-13T15:00:00Z', 'America/New_York')).toEqual({ date: '2027-03-13', time: '10:00', weekday: 5 });
    expect(wallClock('2027-01-11T23:30:00Z', 'Europe/Berlin')).toEqual({ date: '2027-01-12', time: '00:30', weekday: 1 });
    expect(offsetAt(Date.parse('2027-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  test('weeks run Monday to Sunday, across month and year ends and clock changes', () => {
    expect(weekdayOf('2027-03-08')).toBe(0);
    expect(weekOf('2027-03-14')).toEqual({ monday: '2027-03-08', sunday: '2027-03-14', days: ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13', '2027-03-14'] });
    expect(weekOf('2027-03-08').monday).toBe('2027-03-08');
    expect(weekOf('2027-01-01')).toMatchObject({ monday: '2026-12-28', sunday: '2027-01-03' });
    expect(weekOf('2028-02-29')).toMatchObject({ monday: '2028-02-28', sunday: '2028-03-05' });
    expect(addDays('2027-03-08', 7)).toBe('2027-03-15');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  test('today is the zone’s date, not the machine’s', () => {
    const now = Date.parse('2027-01-11T23:30:00Z');
    expect(todayIn('Europe/Berlin', now)).toBe('2027-01-12');
    expect(todayIn('America/New_York', now)).toBe('2027-01-11');
  });
});

describe('timeOffInstants', () => {
  const blank = { startDate: '', startTime: '', endDate: '', endTime: '', label: '' };
  test('whole days run from the first day’s start to the start of the day after the last, in the zone, across a clock change', () => {
    expect(timeOffInstants({ ...blank, startDate: '2027-03-12', endDate: '2027-03-15' }, 'America/New_York')).toEqual({ start: '2027-03-12T05:00:00Z', end: '2027-03-16T04:00:00Z' });
  });
  test('times are read on the therapist’s clock', () => {
    expect(timeOffInstants({ ...blank, startDate: '2027-03-28', startTime: '08:30', endDate: '2027-03-28', endTime: '12:00' }, 'Europe/Berlin')).toEqual({ start: '2027-03-28T06:30:00Z', end: '2027-03-28T10:00:00Z' });
  });
  test('what is missing is sent empty, for the API to name the field', () => {
    expect(timeOffInstants({ ...blank, endDate: '2027-03-28' }, 'Europe/Berlin')).toEqual({ start: '', end: '2027-03-28T22:00:00Z' });
  });
});
