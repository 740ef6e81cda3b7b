import { DateTime } from 'luxon';
import { cancelBooking, createBooking, rescheduleBooking } from '../../shared/booking/booking-service';
import { dependencies, overrideDependencies, resetDependencies } from '../../shared/runtime/dependencies';
import { createSeries, endSeries, getSeries, rescheduleSeries, resumeSeries } from '../../shared/series/series-service';
import { BookingRepository } from '../../shared/store/booking-repository';
import { client, createTherapist, tableItems, TestClock } from '../support/practice-fixture';

// DynamoDB Local cannot crash half-way through a series: the fault (and only it) is simulated.
class CrashingBookings extends BookingRepository {
  crashOnCall?: number;
  calls = 0;
  override async commit(...args: Parameters<BookingRepository['commit']>): Promise<void> {
    this.calls++;
    if (this.calls === this.crashOnCall) throw Object.assign(new Error('simulated crash'), { name: 'InternalServerError' });
    return super.commit(...args);
  }
}

const clock = new TestClock(new Date('2027-01-04T06:00:00.000Z'));
let bookings: CrashingBookings;
beforeAll(() => {
  const { db, config } = dependencies();
  bookings = new CrashingBookings(db, config.tableName);
  overrideDependencies({ clock, bookings });
});
afterAll(() => resetDependencies());
beforeEach(() => {
  clock.set('2027-01-04T06:00:00.000Z');
  bookings.crashOnCall = undefined;
  bookings.calls = 0;
});

const allDay = { start: '08:00', end: '20:00' };
const everyDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [allDay]]));
const therapist = (timeZone: string, more = {}) => createTherapist({ timeZone, weekly: everyDay, horizonDays: 30, ...more });
const request = (therapistId: string, start: string, more: Record<string, unknown> = {}) => ({
  therapistId, sessionTypeId: 'individual-50', start, timeZone: 'UTC', clients: [client(1)], everyWeeks: 1 as const, count: 10, by: 'therapist' as const, ...more,
});
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });

async function bookingsOf(therapistId: string) {
  return (await tableItems()).filter((i) => i.type === 'booking' && i.therapistId === therapistId);
}

/** No two confirmed bookings of the therapist (buffers included) overlap, read back from the table. */
async function expectNoOverlap(therapistId: string) {
  const confirmed = (await bookingsOf(therapistId)).filter((b) => b.status === 'confirmed').sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < confirmed.length; i++) expect(Date.parse(confirmed[i].start)).toBeGreaterThanOrEqual(Date.parse(confirmed[i - 1].blockedUntil));
  const days = (await tableItems()).filter((i) => i.type === 'day' && i.PK === `THERAPIST#${therapistId}`);
  for (const day of days) {
    const entries = [...day.entries].sort((a: any, b: any) => a.start.localeCompare(b.start));
    for (let i = 1; i < entries.length; i++) expect(entries[i].start >= entries[i - 1].end).toBe(true);
    // Every entry is a confirmed booking's blocked time on that date.
    for (const e of entries) expect(confirmed.map((b) => b.id)).toContain(e.bookingId);
  }
}

describe('a series keeps its wall-clock time across DST', () => {
  it.each([
    ['America/New_York', '2027-03-02T22:00:00.000Z', '17:00', 1, 40], // 14 March forward, 7 November back
    ['Australia/Sydney', '2027-03-14T22:30:00.000Z', '09:30', 2, 16], // 4 April back, 3 October forward
  ])('%s', async (zone, start, time, everyWeeks, count) => {
    const therapistId = await therapist(zone);
    clock.set('2027-02-20T00:00:00.000Z');
    const { series, bookings: booked } = await createSeries(dependencies(), request(therapistId, start, { everyWeeks, count }));
    expect(series.pending).toBeUndefined();
    expect(series.occurrences).toHaveLength(count);
    expect(booked).toHaveLength(count);
    const offsets = new Set<number>();
    for (const b of booked) {
      const l = local(b.start, zone);
      expect(l.toFormat('HH:mm')).toBe(time);
      expect(b.ledgerDates).toEqual([l.toISODate()]);
      expect(b.seriesId).toBe(series.id);
      offsets.add(l.offset);
    }
    expect(offsets.size).toBe(2); // both sides of a change, at the same local time
    // The ledger of each local date holds the occurrence.
    const days = new Map((await tableItems()).filter((i) => i.type === 'day' && i.PK === `THERAPIST#${therapistId}`).map((d) => [d.SK.slice(4), d]));
    for (const b of booked) expect(days.get(b.ledgerDates[0]).entries.map((e: any) => e.bookingId)).toContain(b.id);
  });
});

it('an occurrence on time off is skipped with its reason; the others are booked', async () => {
  const therapistId = await therapist('Europe/Berlin');
  // The 7th Tuesday from 2027-01-05 is 2027-02-16.
  await dependencies().therapists.putTimeOff(therapistId, { id: 'off-1', start: '2027-02-15T00:00:00.000Z', end: '2027-02-18T00:00:00.000Z' } as any);
  const { series, bookings: booked } = await createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { count: 10 }));
  expect(series.occurrences.map((o) => o.status)).toEqual(['booked', 'booked', 'booked', 'booked', 'booked', 'booked', 'skipped', 'booked', 'booked', 'booked']);
  expect(series.occurrences[6]).toEqual(expect.objectContaining({ reason: 'time_off', start: '2027-02-16T09:00:00.000Z' }));
  expect(series.occurrences[6]!.bookingId).toBeUndefined();
  expect(booked).toHaveLength(9);
  expect(await bookingsOf(therapistId)).toHaveLength(9);
});

it('a first occurrence that is not free is a 409 and writes nothing', async () => {
  const therapistId = await therapist('Europe/Berlin');
  await createBooking(dependencies(), { therapistId, sessionTypeId: 'individual-50', start: '2027-01-05T09:00:00.000Z', timeZone: 'UTC', clients: [client(2)], policyAccepted: true });
  const before = await tableItems();
  await expect(createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z'))).rejects.toMatchObject({ code: 'slot_unavailable' });
  expect(await tableItems()).toEqual(before);
});

it('a client series obeys notice and horizon for its first occurrence only', async () => {
  const therapistId = await therapist('Europe/Berlin', { minimumNoticeMinutes: 48 * 60 });
  await expect(createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { by: 'client' }))).rejects.toMatchObject({ code: 'slot_unavailable' });
  const { series } = await createSeries(dependencies(), request(therapistId, '2027-01-07T09:00:00.000Z', { by: 'client', count: 8 }));
  // 8 weeks reach past the 30-day horizon: the later occurrences are booked all the same.
  expect(series.occurrences.every((o) => o.status === 'booked')).toBe(true);
});

it('two series competing for the same weekly slot, created at once: exactly one gets each week, none double-booked', async () => {
  const therapistId = await therapist('Europe/Berlin');
  const [a, b] = await Promise.all([
    createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { count: 8 })),
    createSeries(dependencies({}), { ...request(therapistId, '2027-01-12T09:00:00.000Z', { count: 8 }), clients: [client(2)] }),
  ]);
  const byDate = new Map<string, number>();
  for (const s of [a.series, b.series]) for (const o of s.occurrences) if (o.status === 'booked') byDate.set(o.start, (byDate.get(o.start) ?? 0) + 1);
  // Weeks 2..8 of A are weeks 1..7 of B: each is booked exactly once.
  for (let week = 0; week < 9; week++) expect(byDate.get(DateTime.fromISO('2027-01-05T09:00:00.000Z', { zone: 'UTC' }).plus({ weeks: week }).toJSDate().toISOString())).toBe(1);
  for (const s of [a.series, b.series]) for (const o of s.occurrences) if (o.status === 'skipped') expect(o.reason).toBe('busy');
  expect(a.series.occurrences.length + b.series.occurrences.length).toBe(16);
  await expectNoOverlap(therapistId);
});

it('a crash after occurrence k of n leaves a consistent series; resume books the rest exactly once', async () => {
  const therapistId = await therapist('Europe/Berlin');
  const n = 12;
  const k = 5;
  await dependencies().therapists.putTimeOff(therapistId, { id: 'off-2', start: '2027-03-02T00:00:00.000Z', end: '2027-03-03T00:00:00.000Z' } as any); // index 8
  bookings.crashOnCall = k + 1; // commits 1..k are occurrences 0..k-1
  await expect(createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { count: n }))).rejects.toThrow('simulated crash');
  const [listed] = await dependencies().bookings.listSeries(therapistId);
  const halfway = await getSeries(dependencies(), listed!.series.id);
  expect(halfway.pending).toBe('create');
  expect(halfway.occurrences.map((o) => o.index)).toEqual([0, 1, 2, 3, 4]);
  expect(halfway.planned!.map((p) => p.index)).toEqual([5, 6, 7, 8, 9, 10, 11]);
  // The record knows exactly which bookings exist.
  expect((await bookingsOf(therapistId)).map((b) => b.id).sort()).toEqual(halfway.occurrences.map((o) => o.bookingId).sort());

  const resumed = await resumeSeries(dependencies(), halfway.id);
  expect(resumed.pending).toBeUndefined();
  expect(resumed.planned).toBeUndefined();
  expect(resumed.occurrences.map((o) => o.index)).toEqual([...Array(n).keys()]);
  expect(resumed.occurrences.filter((o) => o.status === 'skipped').map((o) => o.index)).toEqual([8]);
  const stored = await bookingsOf(therapistId);
  expect(stored).toHaveLength(n - 1);
  expect(new Set(stored.map((b) => b.occurrenceIndex)).size).toBe(n - 1);
  // A second resume is a no-op.
  expect(await resumeSeries(dependencies(), halfway.id)).toEqual(resumed);
  expect(await bookingsOf(therapistId)).toHaveLength(n - 1);
  await expectNoOverlap(therapistId);
});

it('cancelling or moving one occurrence through the booking services keeps the series record right', async () => {
  const therapistId = await therapist('Europe/Berlin');
  const { series } = await createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { count: 4 }));
  await cancelBooking(dependencies(), series.occurrences[1]!.bookingId!, { by: 'therapist' });
  await rescheduleBooking(dependencies(), series.occurrences[2]!.bookingId!, '2027-01-19T11:00:00.000Z', undefined, { by: 'therapist' });
  const after = await getSeries(dependencies(), series.id);
  expect(after.occurrences[1]!.status).toBe('cancelled');
  expect(after.occurrences[2]).toEqual(expect.objectContaining({ status: 'booked', start: '2027-01-19T11:00:00.000Z', end: '2027-01-19T11:50:00.000Z' }));
  expect(after.sequence).toBe(series.sequence + 2);
});

it('changing the therapist hours moves no occurrence', async () => {
  const therapistId = await therapist('Europe/Berlin');
  const { series } = await createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { count: 4 }));
  await dependencies().therapists.putSchedule(therapistId, { timeZone: 'Europe/Berlin', weekly: { wed: [{ start: '12:00', end: '14:00' }] }, bufferMinutes: 0, minimumNoticeMinutes: 0, horizonDays: 30, slotIntervalMinutes: 30 });
  expect(await resumeSeries(dependencies(), series.id)).toEqual(series);
  expect((await bookingsOf(therapistId)).map((b) => b.start).sort()).toEqual(series.occurrences.map((o) => o.start));
});

it('ending from a date cancels the booked occurrences from it and stops the rule', async () => {
  const therapistId = await therapist('Europe/Berlin');
  const { series } = await createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { count: 6 }));
  const ended = await endSeries(dependencies(), series.id, '2027-01-19', { by: 'therapist' });
  expect(ended.status).toBe('ended');
  expect(ended.endedFrom).toBe('2027-01-19');
  expect(ended.occurrences.map((o) => o.status)).toEqual(['booked', 'booked', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
  const stored = await bookingsOf(therapistId);
  expect(stored.filter((b) => b.status === 'confirmed').map((b) => b.occurrenceIndex).sort()).toEqual([0, 1]);
  // The freed times are bookable again.
  await createBooking(dependencies(), { therapistId, sessionTypeId: 'individual-50', start: '2027-01-19T09:00:00.000Z', timeZone: 'UTC', clients: [client(3)], policyAccepted: true });
  // Ending again is answered unchanged.
  expect((await endSeries(dependencies(), series.id, '2027-01-19', { by: 'therapist' })).occurrences).toEqual(ended.occurrences);
});

it('moving a series from a date: each occurrence moves atomically; one that is blocked is reported and keeps its time', async () => {
  const therapistId = await therapist('Europe/Berlin');
  const { series } = await createSeries(dependencies(), request(therapistId, '2027-01-05T09:00:00.000Z', { count: 6 }));
  // Thursday 2027-01-28 11:00 UTC (12:00 Berlin) is taken: occurrence 3 cannot move there.
  const blocker = await createBooking(dependencies(), { therapistId, sessionTypeId: 'individual-50', start: '2027-01-28T11:00:00.000Z', timeZone: 'UTC', clients: [client(4)], policyAccepted: true });
  const { series: moved, notMoved } = await rescheduleSeries(dependencies(), series.id, '2027-01-19', '2027-01-21T11:00:00.000Z');
  expect(notMoved).toEqual([{ bookingId: series.occurrences[3]!.bookingId, start: '2027-01-26T09:00:00.000Z', reason: 'busy' }]);
  expect(moved.pending).toBeUndefined();
  expect(moved.occurrences.map((o) => o.start)).toEqual([
    '2027-01-05T09:00:00.000Z', '2027-01-12T09:00:00.000Z', '2027-01-21T11:00:00.000Z', '2027-01-26T09:00:00.000Z', '2027-02-04T11:00:00.000Z', '2027-02-11T11:00:00.000Z',
  ]);
  const stored = new Map((await bookingsOf(therapistId)).map((b) => [b.id, b]));
  for (const o of moved.occurrences) expect(stored.get(o.bookingId!)!.start).toBe(o.start);
  expect(stored.get(blocker.booking.id)!.status).toBe('confirmed');
  await expectNoOverlap(therapistId);
});
