import type { BookingEvent } from '../../events/booking-events';
import { logger } from '../logging/logger';
import type { Dependencies } from '../runtime/dependencies';
import type { PendingReminder } from '../store/reminder-repository';

/**
 * Keeps a booking's pending reminders in step with its events: a confirmed or moved booking gets
 * one per configured offset that is still ahead of the moment the booking was made or moved (a
 * booking made 3 hours ahead gets no 24-hour reminder); a cancelled one gets none; a moved one
 * loses those of its old time. Idempotent, and order-tolerant: a reminder is re-checked against
 * the booking when it is sent.
 */
export async function syncReminders(deps: Pick<Dependencies, 'reminders' | 'settings'>, event: BookingEvent): Promise<void> {
  const existing = await deps.reminders.ofBooking(event.data.bookingId);
  const wanted: PendingReminder[] = [];
  if (event.type !== 'booking.cancelled') {
    const { reminderOffsetsMinutes } = await deps.settings.get();
    const startMs = Date.parse(event.data.start);
    for (const offsetMinutes of new Set(reminderOffsetsMinutes)) {
      const dueMs = startMs - offsetMinutes * 60_000;
      if (dueMs <= Date.parse(event.occurredAt)) continue;
      wanted.push({
        bookingId: event.data.bookingId,
        therapistId: event.data.therapistId,
        offsetMinutes,
        start: new Date(startMs).toISOString(),
        dueAt: new Date(dueMs).toISOString(),
      });
    }
  }
  const key = (r: Pick<PendingReminder, 'offsetMinutes' | 'start'>) => `${r.offsetMinutes}@${new Date(r.start).toISOString()}`;
  const wantedKeys = new Set(wanted.map(key));
  const stale = existing.filter((r) => !wantedKeys.has(key(r)));
  for (const reminder of stale) await deps.reminders.remove(reminder);
  for (const reminder of wanted) await deps.reminders.put(reminder);
  logger.info('reminders synced', { bookingId: event.data.bookingId, eventType: event.type, pending: wanted.length, removed: stale.length });
}
