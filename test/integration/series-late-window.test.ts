import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createSeries, endSeries } from '../../shared/series/series-service';
import { backToSharedPractice, useOwnPractice } from '../support/own-practice';
import { client, createTherapist, putSettings, tableItems, TestClock } from '../support/practice-fixture';

// The late window is a practice setting: a table (and practice) of this file's own.
const clock = new TestClock(new Date('2027-01-04T06:00:00Z'));
beforeEach(async () => {
  await useOwnPractice();
  overrideDependencies({ clock });
  clock.set('2027-01-04T06:00:00Z');
});
afterEach(() => backToSharedPractice());
afterAll(() => resetDependencies());

const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '08:00', end: '20:00' }]]));

async function seriesEndedByClientInsideTheWindow() {
  const therapistId = await createTherapist({ timeZone: 'Europe/Berlin', weekly: everyDay });
  const { series } = await createSeries(dependencies(), {
    therapistId, sessionTypeId: 'individual-50', start: '2027-01-05T09:00:00.000Z', timeZone: 'UTC', clients: [client(1)], everyWeeks: 1, count: 4, by: 'client',
  });
  // 12 hours before the first occurrence: it is inside the 24-hour window, the later ones are not.
  clock.set('2027-01-04T21:00:00Z');
  const ended = await endSeries(dependencies(), series.id, '2027-01-05', { by: 'client', client: 0 });
  const bookings = (await tableItems()).filter((i) => i.type === 'booking' && i.therapistId === therapistId).sort((a, b) => a.occurrenceIndex - b.occurrenceIndex);
  return { ended, bookings };
}

it('refuse mode: a client ending a series keeps the occurrence inside the window and cancels the rest', async () => {
  await putSettings({ lateCancellationHours: 24, lateCancellationMode: 'refuse' });
  const { ended, bookings } = await seriesEndedByClientInsideTheWindow();
  expect(ended.status).toBe('ended');
  expect(ended.occurrences.map((o) => o.status)).toEqual(['booked', 'cancelled', 'cancelled', 'cancelled']);
  expect(bookings.map((b) => b.status)).toEqual(['confirmed', 'cancelled', 'cancelled', 'cancelled']);
  expect(bookings.some((b) => b.lateCancellation)).toBe(false);
  expect(bookings.slice(1).every((b) => b.cancelledBy === 'client' && b.cancelledByClient === 0)).toBe(true);
});

it('flag mode: every occurrence is cancelled, the one inside the window flagged late', async () => {
  await putSettings({ lateCancellationHours: 24, lateCancellationMode: 'flag' });
  const { ended, bookings } = await seriesEndedByClientInsideTheWindow();
  expect(ended.occurrences.map((o) => o.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  expect(bookings.map((b) => b.lateCancellation ?? false)).toEqual([true, false, false, false]);
});
