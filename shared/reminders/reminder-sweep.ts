import { DateTime } from 'luxon';
import type { ReminderDue } from '../../events/booking-events';
import { deterministicEventId } from '../events/event-id';
import { logger } from '../logging/logger';
import type { Clock } from '../time/clock';
import type { ReminderRepository } from '../store/reminder-repository';
import type { EventPublisher } from '../events/event-publisher';

/** What this module needs, in its own terms: any object with these members will do. */
export interface ReminderSweepPorts {
  clock: Clock;
  reminders: Pick<ReminderRepository, 'dueOn' | 'remove'>;
  events: EventPublisher;
}

/** How far back the sweep looks for reminders it has not yet turned into events. */
const LOOKBACK_DAYS = 3;

/**
 * Turns every reminder whose time has come into a `reminder.due` event, then forgets it. Run every
 * minute (EventBridge rule in AWS, the clock-driven scheduler locally). Safe to run twice: the
 * event id is derived from the reminder, so a re-run republishes an event consumers have seen.
 * A reminder whose session has already begun is dropped, not sent late.
 */
export async function sweepDueReminders(deps: ReminderSweepPorts): Promise<{ published: number; dropped: number }> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day');
  let published = 0;
  let dropped = 0;
  for (let back = LOOKBACK_DAYS; back >= 0; back--) {
    const date = today.minus({ days: back }).toISODate()!;
    const due = await deps.reminders.dueOn(date, nowIso);
    const events: ReminderDue[] = [];
    const late = due.filter((r) => Date.parse(r.start) <= now.getTime());
    for (const r of due.filter((r) => Date.parse(r.start) > now.getTime())) {
      events.push({
        id: deterministicEventId('reminder.due', r.bookingId, r.offsetMinutes, r.start),
        type: 'reminder.due',
        version: 1,
        occurredAt: nowIso,
        data: { bookingId: r.bookingId, therapistId: r.therapistId, offsetMinutes: r.offsetMinutes, start: r.start, dueAt: r.dueAt },
      });
    }
    if (events.length) await deps.events.publish(events);
    for (const r of [...due]) await deps.reminders.remove(r);
    published += events.length;
    dropped += late.length;
  }
  if (published || dropped) logger.info('reminders swept', { published, dropped });
  return { published, dropped };
}
