import { syncClientHistory } from '../../shared/clients/client-history-sync';
import { eventHandler } from '../../shared/events/event-handler';
// What this function uses: the table (the client history hashes addresses with the manage-token secret).
import '../../shared/runtime/table';

export const handler = eventHandler(['booking.confirmed', 'booking.rescheduled', 'booking.cancelled'], syncClientHistory);
