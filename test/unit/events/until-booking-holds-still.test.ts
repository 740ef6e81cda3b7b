import type { Booking } from '../../../shared/domain/booking';
import { booking, moved } from './booking-fixture';
import { eventsForBookingChange } from '../../../shared/events/booking-change-events';
import { BookingReadBehind } from '../../../shared/events/event-standing';
import { MAX_PASSES, NOTHING_TO_DO, untilBookingHoldsStill } from '../../../shared/events/until-booking-holds-still';

const [confirmed] = eventsForBookingChange(undefined, booking);
const [rescheduled] = eventsForBookingChange(booking, moved);
const words = { gone: 'left as it was: the booking is gone', keptChanging: 'the booking kept changing; the queue retries' };
const clock = { now: () => new Date('2026-12-01T14:00:00Z') };

/** A repository whose every read answers the next of `reads` (the last one again when they run out), counting them. */
function reading(...reads: Array<Booking | undefined>) {
  let count = 0;
  return { get: async () => reads[Math.min(count++, reads.length - 1)], reads: () => count };
}

test('acts once on a booking that holds still, and answers the booking, what the act answered and the pass', async () => {
  const bookings = reading(booking);
  const acted: Booking[] = [];
  const held = await untilBookingHoldsStill({ bookings, clock }, confirmed!, words, async (b) => (acted.push(b), 'done'));
  expect(held).toEqual({ booking, result: 'done', pass: 1 });
  expect(acted).toEqual([booking]);
  expect(bookings.reads()).toBe(2); // read, act, read again
});

test('a change that commits while it acts: the acts are redone on the newer booking', async () => {
  const bookings = reading(booking, moved, moved);
  const acted: Booking[] = [];
  const held = await untilBookingHoldsStill({ bookings, clock }, confirmed!, words, async (b) => (acted.push(b), b.sequence));
  expect(acted).toEqual([booking, moved]);
  expect(held).toEqual({ booking: moved, result: 1, pass: 2 });
});

test('a booking that keeps changing: after MAX_PASSES the queue retries', async () => {
  let sequence = 0;
  const bookings = { get: async () => ({ ...booking, sequence: sequence++ }) };
  let acts = 0;
  await expect(untilBookingHoldsStill({ bookings, clock }, confirmed!, words, async () => void acts++)).rejects.toThrow(words.keptChanging);
  expect(acts).toBe(MAX_PASSES);
});

test('a read older than the event is redelivered; a booking that is gone, or nothing to do, acts no further', async () => {
  const act = jest.fn(async () => 'done');
  await expect(untilBookingHoldsStill({ bookings: reading(booking), clock }, rescheduled!, words, act)).rejects.toThrow(BookingReadBehind);
  await expect(untilBookingHoldsStill({ bookings: reading(undefined), clock }, confirmed!, words, act)).resolves.toBeUndefined();
  expect(act).not.toHaveBeenCalled();
  const bookings = reading(booking);
  await expect(untilBookingHoldsStill({ bookings, clock }, confirmed!, words, async () => NOTHING_TO_DO)).resolves.toBeUndefined();
  expect(bookings.reads()).toBe(1); // no read again
});

test('acts on the booking as it is now: a hold whose time has passed is expired', async () => {
  const held: Booking = { ...booking, status: 'requested', holdUntil: '2026-12-01T13:00:00.000Z' };
  const [requested] = eventsForBookingChange(undefined, held);
  const statuses: string[] = [];
  await untilBookingHoldsStill({ bookings: reading(held), clock }, requested!, words, async (b) => void statuses.push(b.status));
  expect(statuses).toEqual(['expired']);
});
