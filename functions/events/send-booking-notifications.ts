import { eventHandler } from '../../shared/events/event-handler';
import { notifyEvent } from '../../shared/notifications/booking-notifications';
// What this function uses: the table and mail.
import '../../shared/runtime/table';
import '../../shared/runtime/mail';

export const handler = eventHandler(
  [
    'booking.confirmed', 'booking.rescheduled', 'booking.cancelled',
    'booking.verification_requested', 'booking.requested', 'booking.declined', 'booking.expired',
    'series.created', 'series.ended', 'series.changed',
  ],
  notifyEvent,
);
