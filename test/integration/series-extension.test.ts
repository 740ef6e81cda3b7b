import { handler as extendHandler } from '../../functions/scheduled/extend-series';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createSeries, getSeries } from '../../shared/series/series-service';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';

// The extension job walks every therapist of the practice: a table of this file's own.
const clock = new TestClock(new Date('2027-01-04T06:00:00Z'));
beforeEach(async () => {
  await useOwnPractice();
  overrideDependencies({ clock });
});
afterEach(() => backToSharedPractice());
afterAll(() => resetDependencies());

const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '08:00', end: '20:00' }]]));
const run = () => extendHandler({} as any, {} as any);

it('an open-ended series is kept booked 12 weeks ahead; a re-run creates nothing twice and the new conflicts are reported', async () => {
  const therapistId = await createTherapist({ timeZone: 'Europe/Berlin', weekly: everyDay, horizonDays: 30 });
  clock.set('2027-01-04T06:00:00Z');
  const { series } = await createSeries(dependencies(), {
    therapistId, sessionTypeId: 'individual-50', start: '2027-01-05T09:00:00.000Z', timeZone: 'UTC', clients: [client(1)], everyWeeks: 1, by: 'therapist',
  });
  expect(series.plannedThrough).toBe('2027-03-29');
  expect(series.occurrences.at(-1)!.start).toBe('2027-03-23T09:00:00.000Z');
  expect(series.occurrences).toHaveLength(12);

  // Three weeks pass; the week after the old horizon is on time off (10:00 in Berlin, summer time by then).
  clock.set('2027-01-25T06:00:00Z');
  await dependencies().therapists.putTimeOff(therapistId, { id: 'off', start: '2027-04-06T00:00:00Z', end: '2027-04-07T00:00:00Z' } as any);
  const first = await run();
  expect(first.skipped).toEqual([{ seriesId: series.id, start: '2027-04-06T08:00:00.000Z', reason: 'time_off' }]);
  expect(first.booked).toBe(2);
  const extended = await getSeries(dependencies(), series.id);
  expect(extended.plannedThrough).toBe('2027-04-19');
  expect(extended.occurrences.map((o) => o.index)).toEqual([...Array(15).keys()]);
  expect(extended.pending).toBeUndefined();

  const items = await tableItems();
  const second = await run();
  expect(second).toEqual({ series: 0, booked: 0, skipped: [] });
  expect(await tableItems()).toEqual(items);
  expect(items.filter((i) => i.type === 'booking')).toHaveLength(14);
});
