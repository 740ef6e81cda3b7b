import { eventHandler } from '../../shared/events/event-handler';
import { sendReminder } from '../../shared/notifications/booking-notifications';

export const handler = eventHandler(['reminder.due'], sendReminder);
