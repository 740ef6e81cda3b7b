import type { BookingEvent } from '../../events/booking-events';
import { bookingAsOf } from '../domain/booking';
import { BookingReadBehind } from '../events/event-standing';
import { logger } from '../logging/logger';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';
import type { ClientHistoryRepository } from './client-history';

export interface ClientHistorySyncPorts {
  bookings: Pick<BookingRepository, 'get'>;
  clientHistory: Pick<ClientHistoryRepository, 'record' | 'forget'>;
  clock: Clock;
}

/** How often one event redoes its writes when the booking keeps changing under it. */
const MAX_PASSES = 5;

/**
 * Keeps the client history in step with one booking as it is now (decision 79), whichever of its
 * events arrives, in whatever order, however often: the event only says which booking. Confirmed
 * now: each client's address has this session, ending at the booking's current end. Anything else
 * (cancelled, held, declined, expired): it has not. A booking that is gone (its retention passed)
 * leaves the history as it was: a past session stays a past session.
 *
 * Every write is idempotent, so a duplicate or late event changes nothing. A change that commits
 * while this writes could be undone by these writes (its own sync already finished), so after
 * writing it reads the booking again and redoes the writes if the booking moved on.
 */
export async function syncClientHistory(deps: ClientHistorySyncPorts, event: BookingEvent): Promise<void> {
  const { bookingId } = event.data;
  for (let pass = 1; ; pass++) {
    const stored = await deps.bookings.get(bookingId);
    if (!stored) {
      logger.info('client history left as it was: the booking is gone', { bookingId, eventType: event.type });
      return;
    }
    if (stored.sequence < event.data.sequence) throw new BookingReadBehind(bookingId);
    const booking = bookingAsOf(stored, deps.clock.now());
    const counts = booking.status === 'confirmed';
    for (const client of booking.clients) {
      if (!client.email) continue;
      if (counts) await deps.clientHistory.record(booking.therapistId, client.email, booking.id, booking.end);
      else await deps.clientHistory.forget(booking.therapistId, client.email, booking.id);
    }
    const after = await deps.bookings.get(bookingId);
    if (after?.sequence === stored.sequence) {
      logger.info('client history synced', {
        bookingId, eventType: event.type, eventSequence: event.data.sequence, bookingSequence: stored.sequence, counts, clients: booking.clients.length, pass,
      });
      return;
    }
    if (pass >= MAX_PASSES) throw new Error('the booking kept changing while its client history was written; the queue retries');
  }
}
