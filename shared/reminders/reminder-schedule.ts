import type { BookingEvent } from '../../events/booking-events';
import type { Booking } from '../domain/booking';
import { BookingReadBehind } from '../events/event-standing';
import { logger } from '../logging/logger';
import type { PendingReminder } from '../store/reminder-repository';
import type { BookingRepository } from '../store/booking-repository';
import type { ReminderRepository } from '../store/reminder-repository';
import type { SettingsRepository } from '../store/settings-repository';

/** What this module needs, in its own terms: any object with these members will do. */
export interface ReminderSchedulePorts {
  bookings: Pick<BookingRepository, 'get'>;
  reminders: Pick<ReminderRepository, 'ofBooking' | 'put' | 'remove'>;
  settings: Pick<SettingsRepository, 'get'>;
}

/** How often one event rebuilds the reminders when the booking keeps changing under it. */
const MAX_PASSES = 5;

/**
 * Keeps a booking's pending reminders in step with the booking as it is now, whichever of its
 * events arrives, in whatever order, however often (the event only says which booking): a
 * confirmed booking gets one per configured offset still ahead of the moment it took its current
 * start (a booking made 3 hours ahead gets no 24-hour reminder); a cancelled or vanished one gets
 * none; every other reminder of the booking (an old start's) is removed.
 *
 * A change that commits while this writes could have its own (already finished) sync undone by
 * these writes, so after writing it reads the booking again and rebuilds if it moved on.
 */
export async function syncReminders(deps: ReminderSchedulePorts, event: BookingEvent): Promise<void> {
  const { bookingId } = event.data;
  for (let pass = 1; ; pass++) {
    const booking = await deps.bookings.get(bookingId);
    if (booking && booking.sequence < event.data.sequence) throw new BookingReadBehind(bookingId);
    const wanted = booking?.status === 'confirmed' ? remindersOf(booking, (await deps.settings.get()).reminderOffsetsMinutes) : [];
    const existing = await deps.reminders.ofBooking(bookingId);
    const wantedKeys = new Set(wanted.map(key));
    const stale = existing.filter((r) => !wantedKeys.has(key(r)));
    for (const reminder of stale) await deps.reminders.remove(reminder);
    for (const reminder of wanted) await deps.reminders.put(reminder);
    const after = await deps.bookings.get(bookingId);
    if (after?.sequence === booking?.sequence) {
      logger.info('reminders synced', {
        bookingId, eventType: event.type, eventSequence: event.data.sequence, bookingSequence: booking?.sequence, pending: wanted.length, removed: stale.length, pass,
      });
      return;
    }
    if (pass >= MAX_PASSES) throw new Error('the booking kept changing while its reminders were written; the queue retries');
  }
}

/** The reminders a confirmed booking should have, from its current start. */
function remindersOf(booking: Booking, offsetsMinutes: number[]): PendingReminder[] {
  const startMs = Date.parse(booking.start);
  // Every change that sets the start also sets `updatedAt`: the moment it was made or moved.
  const decidedMs = Date.parse(booking.updatedAt);
  const wanted: PendingReminder[] = [];
  for (const offsetMinutes of new Set(offsetsMinutes)) {
    const dueMs = startMs - offsetMinutes * 60_000;
    if (dueMs <= decidedMs) continue;
    wanted.push({
      bookingId: booking.id,
      therapistId: booking.therapistId,
      offsetMinutes,
      start: new Date(startMs).toISOString(),
      dueAt: new Date(dueMs).toISOString(),
    });
  }
  return wanted;
}

const key = (r: Pick<PendingReminder, 'offsetMinutes' | 'start'>) => `${r.offsetMinutes}@${new Date(r.start).toISOString()}`;
