import { eventHandler } from '../../shared/events/event-handler';
import { notifyBookingEvent } from '../../shared/notifications/booking-notifications';

export const handler = eventHandler(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled'], notifyBookingEvent);
