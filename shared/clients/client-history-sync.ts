import type { BookingEvent } from '../../events/booking-events';
import { untilBookingHoldsStill } from '../events/until-booking-holds-still';
import { logger } from '../logging/logger';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';
import type { ClientHistoryRepository } from './client-history';

export interface ClientHistorySyncPorts {
  bookings: Pick<BookingRepository, 'get'>;
  clientHistory: Pick<ClientHistoryRepository, 'record' | 'forget'>;
  clock: Clock;
}

/**
 * Keeps the client history in step with one booking as it is now (decision 79), whichever of its
 * events arrives, in whatever order, however often: the event only says which booking. Confirmed
 * now: each client's address has this session, ending at the booking's current end. Anything else
 * (cancelled, held, declined, expired): it has not. A booking that is gone (its retention passed)
 * leaves the history as it was: a past session stays a past session.
 *
 * Every write is idempotent, so a duplicate or late event changes nothing. A change that commits
 * while this writes could be undone by these writes (its own sync already finished), so the writes
 * are redone until the booking holds still (untilBookingHoldsStill).
 */
export async function syncClientHistory(deps: ClientHistorySyncPorts, event: BookingEvent): Promise<void> {
  const held = await untilBookingHoldsStill(deps, event, {
    gone: 'client history left as it was: the booking is gone',
    keptChanging: 'the booking kept changing while its client history was written; the queue retries',
  }, async (booking) => {
    const counts = booking.status === 'confirmed';
    for (const client of booking.clients) {
      if (!client.email) continue;
      if (counts) await deps.clientHistory.record(booking.therapistId, client.email, booking.id, booking.end);
      else await deps.clientHistory.forget(booking.therapistId, client.email, booking.id);
    }
    return { counts };
  });
  if (!held) return;
  const { booking, result, pass } = held;
  logger.info('client history synced', {
    bookingId: booking.id, eventType: event.type, eventSequence: event.data.sequence, bookingSequence: booking.sequence, counts: result.counts, clients: booking.clients.length, pass,
  });
}
