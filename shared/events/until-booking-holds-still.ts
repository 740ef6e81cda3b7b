import type { BookingEvent } from '../../events/booking-events';
import { bookingAsOf, type Booking } from '../domain/booking';
import { logger } from '../logging/logger';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';
import { BookingReadBehind } from './event-standing';

/** How often one event redoes its acts when the booking keeps changing under it. */
export const MAX_PASSES = 5;

/** What `act` answers when there is nothing to keep in step with the booking: no re-read, no further pass. */
export const NOTHING_TO_DO = Symbol('nothing to do');

export interface BookingHeldStill<T> {
  /** The booking as it was acted on (as of now: a lapsed hold is expired). */
  booking: Booking;
  /** What the last pass of `act` answered. */
  result: T;
  pass: number;
}

/**
 * Acts on a booking as it is now until it holds still: the consumers that keep something in step
 * with a booking (its client history, decision 79; its write-back calendars, decision 100) whichever
 * of its events arrives, in whatever order, however often, the event only saying which booking.
 *
 * Each pass reads the booking, acts on it as of now, then reads it again: a change that committed
 * meanwhile could have been overtaken by these acts (its own event already handled), so the acts
 * are redone on the newer booking, up to MAX_PASSES, then the queue retries. A booking older than
 * the event is a read that lags (BookingReadBehind: redelivered). A booking that is gone is left
 * to the caller's `gone` log line, and answers undefined, as does `act` answering NOTHING_TO_DO.
 * `act` must be idempotent: a duplicate or late event, a redone pass, end the same.
 */
export async function untilBookingHoldsStill<T>(
  ports: { bookings: Pick<BookingRepository, 'get'>; clock: Clock },
  event: BookingEvent,
  words: { gone: string; keptChanging: string },
  act: (booking: Booking) => Promise<T | typeof NOTHING_TO_DO>,
): Promise<BookingHeldStill<T> | undefined> {
  const { bookingId } = event.data;
  for (let pass = 1; ; pass++) {
    const stored = await ports.bookings.get(bookingId);
    if (!stored) {
      logger.info(words.gone, { bookingId, eventType: event.type });
      return undefined;
    }
    if (stored.sequence < event.data.sequence) throw new BookingReadBehind(bookingId);
    const booking = bookingAsOf(stored, ports.clock.now());
    const result = await act(booking);
    if (result === NOTHING_TO_DO) return undefined;
    const after = await ports.bookings.get(bookingId);
    if (after?.sequence === stored.sequence) return { booking, result, pass };
    if (pass >= MAX_PASSES) throw new Error(words.keptChanging);
  }
}
