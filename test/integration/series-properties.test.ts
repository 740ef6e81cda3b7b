import fc from 'fast-check';
import { createBooking } from '../../shared/booking/booking-service';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createSeries } from '../../shared/series/series-service';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';

const clock = new TestClock(new Date('2027-01-04T06:00:00Z'));
beforeAll(() => overrideDependencies({ clock }));
afterAll(() => resetDependencies());

const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
const at = (day: number, halfHour: number) => new Date(Date.parse('2027-01-05T08:00:00Z') + day * 86400_000 + halfHour * 1800_000).toISOString();

it('for random series and single bookings made at once, no occurrence overlaps any booking or its buffer', async () => {
  const series = fc.record({ day: fc.integer({ min: 0, max: 6 }), halfHour: fc.integer({ min: 0, max: 14 }), everyWeeks: fc.constantFrom(1, 2, 3, 4), count: fc.integer({ min: 2, max: 6 }) });
  const single = fc.record({ day: fc.integer({ min: 0, max: 40 }), halfHour: fc.integer({ min: 0, max: 14 }) });
  await fc.assert(
    fc.asyncProperty(fc.array(series, { minLength: 1, maxLength: 3 }), fc.array(single, { maxLength: 6 }), async (manySeries, singles) => {
      const therapistId = await createTherapist({ timeZone: 'Europe/Berlin', weekly: everyDay, horizonDays: 60, bufferMinutes: 15 });
      const writes = [
        ...manySeries.map((s, i) =>
          createSeries(dependencies(), { therapistId, sessionTypeId: 'individual-50', start: at(s.day, s.halfHour), timeZone: 'UTC', clients: [client(i)], everyWeeks: s.everyWeeks as 1, count: s.count, by: 'therapist' })),
        ...singles.map((b, i) =>
          createBooking(dependencies(), { therapistId, sessionTypeId: 'individual-50', start: at(b.day, b.halfHour), timeZone: 'UTC', clients: [client(10 + i)], policyAccepted: true })),
      ];
      const results = await Promise.allSettled(writes);
      // A refusal is a 409 (or 429 under contention), never anything else.
      for (const r of results) if (r.status === 'rejected') expect(['slot_unavailable', 'rate_limited']).toContain(r.reason.code);
      const items = (await tableItems()).filter((i) => i.therapistId === therapistId || i.PK === `THERAPIST#${therapistId}`);
      const confirmed = items.filter((i) => i.type === 'booking' && i.status === 'confirmed').sort((a, b) => a.start.localeCompare(b.start));
      for (let i = 1; i < confirmed.length; i++) expect(Date.parse(confirmed[i]!.start)).toBeGreaterThanOrEqual(Date.parse(confirmed[i - 1]!.blockedUntil));
      // Every series lists exactly the bookings of it that exist.
      for (const s of items.filter((i) => i.type === 'series')) {
        const listed = s.occurrences.filter((o: any) => o.status === 'booked').map((o: any) => o.bookingId).sort();
        expect(confirmed.filter((b) => b.seriesId === s.id).map((b) => b.id).sort()).toEqual(listed);
        expect(s.pending).toBeUndefined();
      }
    }),
    { numRuns: 12 },
  );
});
