import type { BookingEvent } from '../../events/booking-events';
import { cancelBooking, rescheduleBooking } from '../../shared/booking/booking-service';
import type { Booking } from '../../shared/domain/booking';
import { eventsForBookingChange } from '../../shared/events/booking-change-events';
import { dependencies } from '../../shared/runtime/dependencies';

/**
 * Histories of one booking for the order-proof tests of consumers (event-order, client history):
 * every permutation of its events, delivered eagerly (later changes happen between deliveries) or
 * late (every change first), then each again in reverse and all at once.
 */
export const T0 = '2026-12-03T10:00:00+01:00';
export const T1 = '2026-12-05T11:00:00+01:00';
export const T2 = '2026-12-08T14:00:00+01:00';
export type Change = { reschedule: string } | 'cancel';
export const HISTORIES: Record<string, Change[]> = {
  'confirmed': [],
  'confirmed, rescheduled': [{ reschedule: T1 }],
  'confirmed, cancelled': ['cancel'],
  'confirmed, rescheduled, cancelled': [{ reschedule: T1 }, 'cancel'],
  'confirmed, rescheduled, rescheduled': [{ reschedule: T1 }, { reschedule: T2 }],
  'confirmed, rescheduled, rescheduled back': [{ reschedule: T1 }, { reschedule: T0 }],
};

export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** Test cases for a history: each order of its events, late and (when not in order) eager. */
export function historyCases(changes: Change[]): (readonly [string, number[], boolean])[] {
  const names = ['confirmed', ...changes.map((c) => (c === 'cancel' ? 'cancelled' : 'rescheduled'))].map((n, i) => `${n}#${i}`);
  const label = (order: number[]) => order.map((i) => names[i]).join(' → ');
  return permutations(changes.length + 1).flatMap((order) => [
    [`all changes first, then ${label(order)}`, order, false] as const,
    ...(order.some((v, i) => v !== i) ? [[`each event as soon as it exists: ${label(order)}`, order, true] as const] : []),
  ]);
}

/**
 * Plays `changes` on `booking` and delivers its events in `order` (eagerly or late), then each again
 * in reverse and all at once; `afterDelivery` runs after each delivery. Returns every version of
 * the booking and every event, in the order they happened.
 */
export async function playHistory(args: {
  booking: Booking;
  changes: Change[];
  order: number[];
  eager: boolean;
  deliver: (event: BookingEvent) => Promise<void>;
  /** Gets every version of the booking so far (the last is the latest change made). */
  afterDelivery: (history: Booking[]) => Promise<void>;
}): Promise<{ history: Booking[]; events: BookingEvent[] }> {
  const { booking, changes, order, eager, deliver, afterDelivery } = args;
  const deps = dependencies();
  const history: Booking[] = [booking];
  const events: BookingEvent[] = eventsForBookingChange(undefined, booking);
  const changeOnce = async () => {
    const before = history.at(-1)!;
    const change = changes[history.length - 1]!;
    const after = change === 'cancel' ? await cancelBooking(deps, before.id, { by: 'client' }) : await rescheduleBooking(deps, before.id, change.reschedule);
    history.push(after);
    events.push(...eventsForBookingChange(before, after));
  };
  if (!eager) while (history.length <= changes.length) await changeOnce();
  for (const i of order) {
    while (events.length <= i) await changeOnce();
    await deliver(events[i]!);
    await afterDelivery(history);
  }
  if (events.length !== changes.length + 1) throw new Error(`expected ${changes.length + 1} events, got ${events.length}`);
  for (const event of [...events].reverse()) {
    await deliver(event);
    await afterDelivery(history);
  }
  await Promise.all(events.map(deliver));
  await afterDelivery(history);
  return { history, events };
}
