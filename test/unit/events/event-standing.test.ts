import type { BookingEvent } from '../../../events/booking-events';
import type { Booking } from '../../../shared/domain/booking';
import { booking, moved } from './booking-fixture';
import { eventsForBookingChange } from '../../../shared/events/booking-change-events';
import { standingOf } from '../../../shared/events/event-standing';

const cancelled: Booking = { ...moved, status: 'cancelled', sequence: 2, cancelledAt: '2026-12-01T14:00:00.000Z', cancelledBy: 'client' };
const [confirmedEvent] = eventsForBookingChange(undefined, booking);
const [movedEvent] = eventsForBookingChange(booking, moved);
const [cancelledEvent] = eventsForBookingChange(moved, cancelled);

test('an event is current only at its own sequence; older is superseded, newer means the read lags', () => {
  expect([booking, moved, cancelled].map((b) => standingOf(confirmedEvent!, b))).toEqual(['current', 'superseded', 'superseded']);
  expect([booking, moved, cancelled].map((b) => standingOf(movedEvent!, b))).toEqual(['ahead', 'current', 'superseded']);
  expect([booking, moved, cancelled].map((b) => standingOf(cancelledEvent!, b))).toEqual(['ahead', 'ahead', 'current']);
  expect(standingOf(movedEvent!, undefined)).toBe('gone');
});

test('an event whose status contradicts the booking at the same sequence tells nothing current', () => {
  expect(standingOf({ ...cancelledEvent!, data: { ...cancelledEvent!.data, sequence: 1 } } as BookingEvent, moved)).toBe('superseded');
  expect(standingOf({ ...movedEvent!, data: { ...movedEvent!.data, sequence: 2 } } as BookingEvent, cancelled)).toBe('superseded');
});

test('every sequence a booking takes has its own event, so skipping a superseded one loses no news', () => {
  // Consumers tell only the latest change and trust that change's own event to arrive.
  const states = [undefined, booking, moved, cancelled];
  for (let i = 1; i < states.length; i++) {
    expect(eventsForBookingChange(states[i - 1], states[i]).map((e) => e.data.sequence)).toEqual([states[i]!.sequence]);
  }
});
