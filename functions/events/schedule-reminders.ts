import { eventHandler } from '../../shared/events/event-handler';
import { syncReminders } from '../../shared/reminders/reminder-schedule';

export const handler = eventHandler(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled'], syncReminders);
