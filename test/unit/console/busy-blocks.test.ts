import { busyByDay } from '../../../widget/src/console/busy-blocks';
import { weekOf } from '../../../widget/src/console/zoned-time';

// The Week view puts other calendars' busy times on the days they take, in the therapist's zone.
describe('busyByDay', () => {
  const week = weekOf('2027-03-08').days; // Monday 8 to Sunday 14 March 2027 (New York springs forward on the 14th)

  test('a busy time inside a day lands on that day, whole, with its label', () => {
    const days = busyByDay([{ start: '2027-03-09T15:00:00.000Z', end: '2027-03-09T16:30:00.000Z', label: 'Supervision' }], week, 'America/New_York');
    expect(days.get('2027-03-09')).toEqual([{ start: '2027-03-09T15:00:00.000Z', end: '2027-03-09T16:30:00.000Z', label: 'Supervision', fromBefore: false, intoNext: false }]);
    expect([...days.values()].flat()).toHaveLength(1);
  });

  test('the day is the therapist’s: late evening in New York is the next day in UTC but stays on its own date', () => {
    const days = busyByDay([{ start: '2027-03-10T02:00:00.000Z', end: '2027-03-10T03:00:00.000Z' }], week, 'America/New_York');
    expect(days.get('2027-03-09')).toHaveLength(1);
    expect(days.get('2027-03-10')).toEqual([]);
  });

  test('a busy time over midnight is cut at the zone’s midnights, on every day it takes, across a clock change', () => {
    // Friday 18:00 to Sunday 12:00 New York time; Sunday's midnight is still EST (-05:00), its noon EDT (-04:00).
    const days = busyByDay([{ start: '2027-03-12T23:00:00.000Z', end: '2027-03-14T16:00:00.000Z', label: 'Away' }], week, 'America/New_York');
    expect(days.get('2027-03-12')).toEqual([{ start: '2027-03-12T23:00:00.000Z', end: '2027-03-13T05:00:00.000Z', label: 'Away', fromBefore: false, intoNext: true }]);
    expect(days.get('2027-03-13')).toEqual([{ start: '2027-03-13T05:00:00.000Z', end: '2027-03-14T05:00:00.000Z', label: 'Away', fromBefore: true, intoNext: true }]);
    expect(days.get('2027-03-14')).toEqual([{ start: '2027-03-14T05:00:00.000Z', end: '2027-03-14T16:00:00.000Z', label: 'Away', fromBefore: true, intoNext: false }]);
  });

  test('an end exactly at midnight does not spill into the next day; each day is sorted by start', () => {
    const days = busyByDay([
      { start: '2027-03-08T20:00:00.000Z', end: '2027-03-09T05:00:00.000Z', label: 'B' },
      { start: '2027-03-08T14:00:00.000Z', end: '2027-03-08T15:00:00.000Z', label: 'A' },
    ], week, 'America/New_York');
    expect(days.get('2027-03-08')!.map((p) => [p.label, p.intoNext])).toEqual([['A', false], ['B', false]]);
    expect(days.get('2027-03-09')).toEqual([]);
  });

  test('busy times outside the week are left out', () => {
    const days = busyByDay([{ start: '2027-03-01T10:00:00.000Z', end: '2027-03-01T11:00:00.000Z' }], week, 'UTC');
    expect([...days.values()].flat()).toEqual([]);
  });
});
