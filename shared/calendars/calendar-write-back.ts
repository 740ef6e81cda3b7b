import type { BookingEvent } from '../../events/booking-events';
import { NOTHING_TO_DO, untilBookingHoldsStill } from '../events/until-booking-holds-still';
import { logger } from '../logging/logger';
import type { BookingRepository } from '../store/booking-repository';
import type { Clock } from '../time/clock';
import type { Dependencies } from '../runtime/dependencies';
import type { DavAccess } from './caldav-http';
import { CalendarWriteError, deleteBookingEvent, putBookingEvent } from './caldav-writer';
import { CalendarReadError } from './calendar-source';
import { sourceContext } from './secret-box';

/** A CalDAV source of the therapist that takes bookings, its password decrypted for this call only. */
export interface WriteTarget {
  sourceId: string;
  url: string;
  access: DavAccess;
}

export interface CalendarWriteBackPorts {
  bookings: Pick<BookingRepository, 'get'>;
  clock: Clock;
  /** The therapist's CalDAV sources with writeBookings on (none: nothing to do). */
  writeTargets(therapistId: string): Promise<WriteTarget[]>;
}

/**
 * Keeps each write-back calendar of the therapist in step with one booking as it is now, like the
 * client history (decision 79): whichever of its events arrives, in whatever order, however often,
 * the event only says which booking. Confirmed now: the booking's object is put whole (its current
 * time, SEQUENCE = its sequence). Anything else (cancelled, declined, expired, still held): it is
 * deleted, a missing one being fine. Both are idempotent, so a duplicate or late event ends the same.
 * A change that commits while this writes could be overtaken by these writes (its own event already
 * handled), so the writes are redone until the booking holds still (untilBookingHoldsStill).
 *
 * A source that refuses for good (wrong password, calendar gone) is logged and skipped, not retried:
 * the next sync marks it failing and tells the therapist. Anything else (a timeout, a 5xx) throws,
 * so the queue redelivers the event and the writes are done again.
 */
export async function writeCalendarBookings(ports: CalendarWriteBackPorts, event: BookingEvent): Promise<void> {
  const { bookingId } = event.data;
  const held = await untilBookingHoldsStill(ports, event, {
    gone: 'calendars left as they were: the booking is gone',
    keptChanging: 'the booking kept changing while its calendars were written; the queue retries',
  }, async (booking) => {
    const targets = await ports.writeTargets(booking.therapistId);
    if (targets.length === 0) return NOTHING_TO_DO;
    const present = booking.status === 'confirmed';
    let retryable: Error | undefined;
    for (const target of targets) {
      try {
        if (present) {
          await putBookingEvent(target.url, target.access, {
            bookingId: booking.id, sequence: booking.sequence, start: booking.start, end: booking.end, stamp: ports.clock.now(),
          });
        } else {
          await deleteBookingEvent(target.url, target.access, booking.id);
        }
      } catch (error) {
        const plain = error instanceof CalendarWriteError || error instanceof CalendarReadError;
        const message = plain ? (error as Error).message : 'the calendar server could not be reached';
        // Refused for good: the sync marks the source failing and emails the therapist (decision 100).
        if (error instanceof CalendarWriteError && error.lasting) {
          logger.warn('booking not written to a calendar that refuses it', { bookingId, sourceId: target.sourceId, reason: message });
          continue;
        }
        logger.warn('booking not written to a calendar; the queue retries', { bookingId, sourceId: target.sourceId, reason: message });
        retryable = new CalendarWriteError(message);
      }
    }
    if (retryable) throw retryable;
    return { present, calendars: targets.length };
  });
  if (!held) return;
  logger.info('calendars written', {
    bookingId, eventType: event.type, eventSequence: event.data.sequence, bookingSequence: held.booking.sequence, ...held.result, pass: held.pass,
  });
}

/**
 * The dependencies' sources and sealed passwords as write targets: the therapist's CalDAV sources
 * with writeBookings on, reached under the config's loopback rule (the one the readers and the
 * validation of a new source follow).
 */
export function writeTargetsFrom(deps: Pick<Dependencies, 'calendars' | 'secretBox' | 'config'>): CalendarWriteBackPorts['writeTargets'] {
  return async (therapistId) => {
    const sources = (await deps.calendars.list(therapistId)).filter((s) => s.kind === 'caldav' && s.writeBookings && s.username && s.passwordCiphertext);
    return Promise.all(sources.map(async (source) => ({
      sourceId: source.id,
      url: source.url,
      access: {
        username: source.username!,
        password: await deps.secretBox.open(source.passwordCiphertext!, sourceContext(therapistId, source.id)),
        allowLoopbackHttp: deps.config.calendarAllowLoopbackHttp,
      },
    })));
  };
}
