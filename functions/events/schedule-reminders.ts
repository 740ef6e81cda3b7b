import { eventHandler } from '../../shared/events/event-handler';
import { syncReminders } from '../../shared/reminders/reminder-schedule';
// What this function uses: the table.
import '../../shared/runtime/table';

export const handler = eventHandler(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled'], syncReminders);
