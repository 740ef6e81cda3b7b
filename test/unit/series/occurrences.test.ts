import { DateTime } from 'luxon';
import { ruleOccurrences, ruleOf } from '../../../shared/series/occurrences';

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ccc");

describe('series occurrences keep the wall clock in the therapist zone', () => {
  it('New York across both 2027 changes (14 March, 7 November): 17:00 every Tuesday, the UTC instant moves', () => {
    const rule = { ...ruleOf('2027-03-02T22:00:00.000Z', 'America/New_York'), timeZone: 'America/New_York', everyWeeks: 1, count: 40 };
    expect(rule).toEqual(expect.objectContaining({ firstDate: '2027-03-02', localTime: '17:00' }));
    const all = ruleOccurrences(rule, 50, { fromIndex: 0 });
    expect(all).toHaveLength(40);
    for (const o of all) {
      expect(local(o.start, 'America/New_York')).toMatch(/T17:00 Tue$/);
      expect(o.exists).toBe(true);
      expect(Date.parse(o.end) - Date.parse(o.start)).toBe(50 * 60_000);
    }
    expect(all[1]!.start).toBe('2027-03-09T22:00:00.000Z'); // EST, before the spring change
    expect(all[2]!.start).toBe('2027-03-16T21:00:00.000Z'); // EDT
    expect(all.find((o) => o.date === '2027-11-02')!.start).toBe('2027-11-02T21:00:00.000Z');
    expect(all.find((o) => o.date === '2027-11-09')!.start).toBe('2027-11-09T22:00:00.000Z'); // EST again
  });

  it('Australia/Sydney (southern hemisphere): both changes, 2027-04-04 back and 2027-10-03 forward', () => {
    const rule = { firstDate: '2027-03-15', localTime: '09:30', timeZone: 'Australia/Sydney', everyWeeks: 2, until: '2027-11-30' };
    const all = ruleOccurrences(rule, 60, { fromIndex: 0 });
    for (const o of all) expect(local(o.start, 'Australia/Sydney')).toMatch(/T09:30 Mon$/);
    expect(all[0]!.start).toBe('2027-03-14T22:30:00.000Z'); // AEDT, +11
    expect(all[2]!.start).toBe('2027-04-11T23:30:00.000Z'); // AEST, +10
    expect(all.at(-1)!.date <= '2027-11-30').toBe(true);
    expect(all.find((o) => o.date === '2027-10-11')!.start).toBe('2027-10-10T22:30:00.000Z'); // AEDT again
  });

  it('Europe/Berlin: a wall time the clocks skip does not exist (skipped as outside hours); the repeated hour takes the earlier offset', () => {
    const spring = ruleOccurrences({ firstDate: '2027-03-14', localTime: '02:30', timeZone: 'Europe/Berlin', everyWeeks: 1, count: 3 }, 30, { fromIndex: 0 });
    expect(spring.map((o) => [o.date, o.exists])).toEqual([['2027-03-14', true], ['2027-03-21', true], ['2027-03-28', false]]);
    const autumn = ruleOccurrences({ firstDate: '2027-10-24', localTime: '02:30', timeZone: 'Europe/Berlin', everyWeeks: 1, count: 2 }, 30, { fromIndex: 0 });
    expect(autumn[1]).toEqual(expect.objectContaining({ date: '2027-10-31', start: '2027-10-31T00:30:00.000Z', exists: true }));
    const evening = ruleOccurrences({ firstDate: '2027-03-23', localTime: '18:00', timeZone: 'Europe/Berlin', everyWeeks: 1, count: 3 }, 30, { fromIndex: 0 });
    expect(evening.map((o) => o.start)).toEqual(['2027-03-23T17:00:00.000Z', '2027-03-30T16:00:00.000Z', '2027-04-06T16:00:00.000Z']);
  });

  it.each([2, 3, 4])('every %i weeks: dates step by that many weeks', (everyWeeks) => {
    const all = ruleOccurrences({ firstDate: '2027-01-05', localTime: '10:00', timeZone: 'Europe/Berlin', everyWeeks, count: 6 }, 50, { fromIndex: 0 });
    expect(all).toHaveLength(6);
    all.forEach((o, i) => expect(o.date).toBe(DateTime.fromISO('2027-01-05').plus({ weeks: i * everyWeeks }).toISODate()));
  });

  it('until is inclusive; count 52 is a year; an until far off stops at 52 too', () => {
    const until = ruleOccurrences({ firstDate: '2027-01-05', localTime: '10:00', timeZone: 'Europe/Berlin', everyWeeks: 1, until: '2027-01-26' }, 50, { fromIndex: 0 });
    expect(until.map((o) => o.date)).toEqual(['2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26']);
    const year = ruleOccurrences({ firstDate: '2027-01-05', localTime: '10:00', timeZone: 'Europe/Berlin', everyWeeks: 1, count: 52 }, 50, { fromIndex: 0 });
    expect(year).toHaveLength(52);
    expect(year.at(-1)!.date).toBe('2027-12-28');
    expect(ruleOccurrences({ firstDate: '2027-01-05', localTime: '10:00', timeZone: 'UTC', everyWeeks: 1, until: '2030-01-01' }, 50, { fromIndex: 0 })).toHaveLength(52);
  });

  it('open-ended: planned only as far as asked, and continued from an index; a moved rule counts from its own first index', () => {
    const rule = { firstDate: '2027-01-05', localTime: '10:00', timeZone: 'UTC', everyWeeks: 1 };
    expect(ruleOccurrences(rule, 50, { fromIndex: 0 })).toEqual([]);
    expect(ruleOccurrences(rule, 50, { fromIndex: 0, through: '2027-01-19' }).map((o) => o.index)).toEqual([0, 1, 2]);
    expect(ruleOccurrences(rule, 50, { fromIndex: 3, through: '2027-02-02' }).map((o) => o.date)).toEqual(['2027-01-26', '2027-02-02']);
    const moved = { ...rule, firstDate: '2027-02-04', firstIndex: 4, localTime: '11:00' };
    expect(ruleOccurrences(moved, 50, { fromIndex: 4, through: '2027-02-11' }).map((o) => o.start)).toEqual(['2027-02-04T11:00:00.000Z', '2027-02-11T11:00:00.000Z']);
  });
});
